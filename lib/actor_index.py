"""Actors attached to tokens: which actor mention a token of a sentence belongs to, and which actors a
noun phrase names (its head, its modifiers, its "of" phrase), for the relation and attribution readers.

A subject that refers back ("It also sent …", "the country", "The soldiers were sent") reaches the one
state the previous sentence of the same paragraph names (:meth:`ActorIndex.prior`,
:meth:`ActorIndex.prior_troops`). Endpoints are states: a person or agency stands for its state
(:func:`endpoint`). Datelines ("SEOUL, Feb 27 —") and stance prefixes ("anti-Baghdad rebels") attach
no actor.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from lib import lexicon as lx
from lib.actors import ActorMention, ActorRef

__all__ = ["MODIFIER_DEPS", "ActorIndex", "endpoint", "mention_ids"]

MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod", "npadvmod"})
# "officials from Japan": a person noun with "from" names the state the person represents.
_REPRESENT = frozenset({"official", "diplomat", "delegation", "delegate", "envoy", "leader", "minister",
                        "representative", "negotiator", "officer", "commander"})


class ActorIndex:
    """Token index → actor mention for one sentence (built once per call); ``context`` (the doc's
    mentions before the sentence) lets a subject pronoun reach back one sentence (:meth:`prior`)."""

    def __init__(self, sent: Span, mentions: Sequence[ActorMention],
                 context: Sequence[ActorMention] | None = None):
        self.sent, self.context = sent, context
        self._prior: dict[bool, list[ActorMention]] = {}
        self.by_token: dict[int, ActorMention] = {}
        for m in mentions:
            span = sent.doc.char_span(m.start, m.end, alignment_mode="expand")
            # "anti-Baghdad rebels", "pro-Iranian militias": the state is what they are for or against
            if span is not None and not _stance(span) and not _dateline(span, sent):
                for t in span:
                    self.by_token[t.i] = m

    @classmethod
    def within(cls, sent: Span, context: Sequence[ActorMention]) -> ActorIndex:
        """The index of an earlier sentence, from the document's mentions (``context``)."""
        return cls(sent, [m for m in context if sent.start_char <= m.start < sent.end_char])

    def at(self, tok: Token) -> ActorMention | None:
        return self.by_token.get(tok.i)

    def of_phrase(self, tok: Token, *, modifiers: bool = True) -> list[ActorMention]:
        """Actors a noun phrase names: itself, its conjuncts, and (optionally) its possessor or
        nationality modifiers ("Russian forces", "the North's troops", "Seoul's spy agency")."""
        out: list[ActorMention] = []
        for t in (tok, *tok.conjuncts):
            m = self.at(t)
            if m is not None:
                out.append(m)
            if modifiers and (m is None or not endpoint(m.ref)):  # "Iranian Revolutionary Guards"
                out += [self.at(c) for c in t.children if c.dep_ in MODIFIER_DEPS and self.at(c)]
                out += self.of_pobj(t)
        if not out:  # "PYONGYANG, June 20 — Vladimir Putin and ...": the apposition names the actor
            appos = [c for c in tok.children if c.dep_ == "appos" and self.at(c)]
            dash = next((c.i for c in tok.children if c.text in ("—", "–") and tok.is_upper), None)
            # "VOSTOCHNY COSMODROME, Russia — Kim and Putin held": the place's country is no doer
            appos = [c for c in appos if dash is None or c.i > dash]
            out = self.of_phrase(appos[0], modifiers=False) if appos else []
        return out

    def left_modifiers(self, tok: Token) -> list[ActorMention]:
        """Actors (with an endpoint) among the modifiers to the left of a noun, at any depth: "the secret
        U.S. Arms sale", "Chinese-made Silkworm missiles"; in text order."""
        out: list[ActorMention] = []
        stack = [c for c in tok.children if c.dep_ in MODIFIER_DEPS and c.i < tok.i]
        while stack:
            t = stack.pop()
            m = self.at(t)
            if m is not None and endpoint(m.ref):
                out.append(m)
            stack += [c for c in t.children if c.dep_ in (*MODIFIER_DEPS, "amod") and c.i < t.i]
        return sorted(out, key=lambda m: m.start)

    def prior_troops(self) -> list[ActorMention]:
        """The state of the troops the previous sentence of the paragraph names ("North Korean troops"),
        for a definite "the soldiers" here; nothing when it names troops of several states or none."""
        if self.context is None:
            return []
        prev = _previous_sentence(self.sent)
        if prev is None:
            return []
        idx = ActorIndex.within(prev, self.context)
        found = [m for t in prev if t.lemma_ in lx.TROOP_NOUNS for m in idx.of_phrase(t) if endpoint(m.ref)]
        return found if len({endpoint(m.ref) for m in found}) == 1 else []

    def prior(self, tok: Token) -> list[ActorMention]:
        """The state a subject pronoun ("It", "They", "Its troops") or "the country" refers back to:
        the one state the previous sentence of the same paragraph names, in the pronoun's number
        ("it" a state by name, "they" also "North Korean troops"). Nothing when the sentence names a
        state before the pronoun, when the previous sentence names several, or without context."""
        if self.context is None or any(i < tok.i for i in self.by_token if endpoint(self.by_token[i].ref)):
            return []
        words = {tok.lower_, *(c.lower_ for c in tok.children if c.dep_ == "poss")}
        if words & {"he", "she", "his", "her"}:
            return []  # a person, not a state: no person coreference here
        plural = bool(words & {"they", "their"})
        if plural not in self._prior:
            self._prior[plural] = _previous_state(self.sent, self.context, plural)
        return self._prior[plural]

    def of_pobj(self, tok: Token) -> list[ActorMention]:
        """"troops of North Korea", "the deployment of North Korean troops", "the speaker of the Iranian
        Parliament": the 'of' phrase."""
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        named = self.at(p) or any(self.at(g) for g in p.children if g.dep_ in MODIFIER_DEPS)
                        return self.of_phrase(p) if p.lemma_ in lx.TROOP_NOUNS or named else []
            if c.dep_ == "prep" and c.lower_ == "from" and tok.lemma_ in _REPRESENT:  # "officials from Japan"
                return [m for p in c.children if p.dep_ == "pobj" for m in self.of_phrase(p)]
        return []


def _previous_state(sent: Span, context: Sequence[ActorMention], plural: bool) -> list[ActorMention]:
    """The mentions of the single state the previous sentence names, when it is in the same paragraph
    (ingest keeps one paragraph per line) and agrees in number; else nothing."""
    prev = _previous_sentence(sent)
    if prev is None:
        return []
    found = [m for m in context if prev.start_char <= m.start < prev.end_char and endpoint(m.ref)]
    if len({endpoint(m.ref) for m in found}) > 1:  # several: a subject pronoun continues the subject
        found = _main_subject(prev, found)
    if len({endpoint(m.ref) for m in found}) != 1:
        return []
    # "it" stands for a state named as a noun ("Russia", "Pyongyang"), not for "Russian troops"
    return found if plural or any(not m.adjectival and m.ref.kind == "state" for m in found) else []


def _previous_sentence(sent: Span) -> Span | None:
    """The sentence before ``sent`` when both are in one paragraph (ingest keeps one per line)."""
    doc = sent.doc
    start = sent.start
    while start > 0 and doc[start - 1].is_space:
        start -= 1
    if start == 0 or any("\n" in t.text_with_ws for t in doc[start - 1:sent.start]):
        return None
    return doc[start - 1].sent


def _main_subject(sent: Span, mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """The actors of the main clause's subject ("Moscow is neutral in the war between Iran and Iraq" →
    Moscow); a reporting verb adds its clause's subject, so "Seoul said North Korea ..." stays ambiguous."""
    idx = ActorIndex(sent, mentions)
    clauses = [sent.root]
    if sent.root.lemma_ in lx.SAY_VERBS:
        clauses += [c for c in sent.root.children if c.dep_ == "ccomp"]
    return [m for v in clauses for c in v.children if c.dep_ in ("nsubj", "nsubjpass") for m in idx.of_phrase(c)]


def _stance(span: Span) -> bool:
    """"anti-Baghdad rebels", "pro-Iranian militias": the state is what they are for or against."""
    doc, i = span.doc, span.start
    return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ("anti", "pro")


def _dateline(span: Span, sent: Span) -> bool:
    """"SEOUL, Feb 27 —" / "LONDON —": where the story was filed, not who acted."""
    doc = span.doc
    first = next((t.i for t in sent if not t.is_space), sent.start)
    return (span.start == first and span.text.isupper() and span.end < len(doc)
            and doc[span.end].text in ("—", "–", "-", ","))


def endpoint(ref: ActorRef) -> str | None:
    """A state, or the state a person/agency belongs to; stateless orgs and groups are no endpoint."""
    if ref.kind == "state":
        return ref.id
    return ref.country  # a person with no known state is no endpoint either


def mention_ids(mentions: Sequence[ActorMention]) -> list[str]:
    return list(dict.fromkeys(e for e in (endpoint(m.ref) for m in mentions) if e))
