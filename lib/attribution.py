"""Attribution: who says a fact, and whether it is alleged, confirmed, denied or planned.

>>> attribution(sent, find_actors(sent))   # doctest: +SKIP
('KOR', 'alleged')      # "North Korea sent troops to Russia, according to Seoul's spy agency."

:func:`attribution` reads a whole sentence; :func:`trigger_attribution` reads it for one relation
trigger: the reporting verb the trigger hangs from ("Iran said ... the U.S. attack"), none when the
report is a separate clause ("Tass denounced the attack and said it would ..."). A nominal source
("a military spokesman", "the communique", "the spy agency") resolves to the doc's latest speaker
with a state, else to the latest organisation, else stays the phrase itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from lib import lexicon as lx
from lib.actor_index import ActorIndex, endpoint
from lib.actors import ActorMention, find_actors
from lib.relations import _PRONOUNS, _SUBJ, _preps


def own_modality(verb: Token) -> str | None:
    """denied for a negated trigger ("had not delivered"), planned for will/would or a plan verb above."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp",) and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain:
        kids = {c.dep_: c for c in v.children}
        if "neg" in kids:
            return "denied"
        if any(c.dep_ == "aux" and c.lower_ in lx.FUTURE_AUX for c in v.children):
            return "planned"
    if any(v.lemma_ in lx.PLAN_VERBS or v.lemma_ in lx.PLAN_ADJECTIVES for v in chain[1:]):
        return "planned"
    return None


class SentenceAttribution:
    """Attribution of one sentence, computed once, asked per relation trigger (:meth:`of`)."""

    def __init__(self, sent: Span, mentions: Sequence[ActorMention], idx: ActorIndex,
                 context: Sequence[ActorMention] = ()):
        self.sent, self.mentions, self.idx = sent, mentions, idx
        self.context = context or [m for m in find_actors(sent.doc) if m.end <= sent.start_char]
        self._whole: tuple[str | None, str] | None = None

    @property
    def whole(self) -> tuple[str | None, str]:
        if self._whole is None:
            self._whole = attribution(self.sent, self.mentions, context=self.context)
        return self._whole

    def of(self, trigger: Token) -> tuple[str | None, str]:
        """(claimant, modality) for the relation at ``trigger``: the reporting verb above it, else
        none when the trigger is itself a report or the report is a clause conjoined to it ("Tass
        denounced the attack and said it would ..."), else the sentence's attribution."""
        verb = _governing_report(trigger)
        if verb is not None:
            subj = _report_subject(verb)
            claimant = _claimant(subj, self.idx, self.context, self.sent) if subj is not None else None
            modality = _report_modality(verb)
            if modality == "alleged" and _planned_between(trigger, verb):
                modality = "planned"
            return (claimant or self.whole[0]), modality
        if _reporting(trigger):  # "North Korea accused Seoul", "warned Iran": the speaker claims it
            subj = _report_subject(trigger)
            claimant = _claimant(subj, self.idx, self.context, self.sent) if subj is not None else None
            return claimant, _report_modality(trigger)
        clause = _clause(trigger)
        if clause is not None and (_reporting(clause) or any(
                c.dep_ in ("conj", "advcl") and _reporting(c) for c in clause.children)):
            return None, ("alleged" if _hedged(self.sent) else "asserted")
        return self.whole


def _clause(tok: Token) -> Token | None:
    """The verb of the clause a trigger belongs to (itself when it is a verb)."""
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _hedged(sent: Span) -> bool:
    """"reportedly", "allegedly", "according to": the narrator does not vouch for the sentence."""
    return any(t.lower_ in ("reportedly", "allegedly") or (t.lower_ == "according" and t.i + 1 < len(t.doc)
               and t.nbor(1).lower_ == "to") for t in sent)


def _governing_report(tok: Token) -> Token | None:
    """The nearest reporting verb above ``tok`` whose subject is not where ``tok`` sits."""
    child, head = tok, tok.head
    for _ in range(12):
        if head.i == child.i:
            return None
        if head.pos_ in ("VERB", "AUX") and _reporting(head) and child.dep_ not in _SUBJ:
            return head
        child, head = head, head.head
    return None


def _report_subject(verb: Token) -> Token | None:
    """The subject of a reporting verb; for "was quoted as saying" the subject of the passive above;
    for "..., South Korea's spy agency said" misparsed without a subject, the noun just before."""
    first = verb
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in _SUBJ), None)
        if subj is not None or verb.head.i == verb.i:
            break
        verb = verb.head
    if subj is None and first.i > 0 and first.nbor(-1).pos_ in ("PROPN", "NOUN"):
        return first.nbor(-1)
    return subj


def _planned_between(trigger: Token, verb: Token) -> bool:
    """A future or intent marker on the path from the trigger up to its reporting verb."""
    tok = trigger
    while tok.i != verb.i and tok.head.i != tok.i:
        if own_modality(tok) == "planned":
            return True
        tok = tok.head
    return False


def attribution(sent: Span, mentions: Sequence[ActorMention], *,
                context: Sequence[ActorMention] = ()) -> tuple[str | None, str]:
    """(claimant, modality) of a sentence.

    "..., the team said" → ("Multilateral Sanctions Monitoring Team", "alleged") when the latest
    group/org actor before (``context``, default: the doc's earlier mentions) is MSMT; "according to
    Seoul's spy agency" → ("KOR", "alleged"); "Moscow denied" / "declined to comment" → denied;
    "Pyongyang acknowledged" → confirmed; "will" / "plans to" → planned; "reportedly" → (None,
    "alleged"); a plain statement → (None, "asserted"). Several claimants are joined by ", ".
    """
    idx = ActorIndex(sent, mentions)
    if not context:
        context = [m for m in find_actors(sent.doc) if m.end <= sent.start_char]
    verbs = sorted((t for t in sent if t.pos_ in ("VERB", "AUX") and _reporting(t)), key=_depth)
    for verb in verbs:
        modality = _report_modality(verb)
        subj = _report_subject(verb)
        claimant = _claimant(subj, idx, context, sent) if subj is not None else None
        if modality == "alleged" and _planned_clause(verb):
            modality = "planned"
        return claimant, modality
    for tok in sent:
        if tok.lemma_ in ("response", "comment", "reply") and any(c.lower_ == "no" for c in tok.children):
            who = [m for p in _preps(tok, frozenset({"from"})) for m in idx.of_phrase(p)]
            return (", ".join(dict.fromkeys(endpoint(m.ref) or m.ref.id for m in who)) or None), "denied"
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            pobj = next((p for p in tok.nbor(1).children if p.dep_ == "pobj"), None)
            return (_claimant(pobj, idx, context, sent) if pobj is not None else None), "alleged"
        if tok.lower_ in ("reportedly", "allegedly"):
            return None, "alleged"
    root = sent.root
    if own_modality(root) == "planned" or root.lemma_ in lx.PLAN_VERBS:
        return None, "planned"
    return None, "asserted"


def _latest_source(before: Sequence[ActorMention]) -> str | None:
    """The latest group mentioned, else the latest organisation other than the UN itself ("UN
    sanctions" names the UN as an adjective far more often than as a speaker)."""
    for kinds in (("group",), ("org",)):
        for m in reversed(before):
            if m.ref.kind in kinds and m.ref.id != "United Nations":
                return m.ref.id
    return None


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _reporting(verb: Token) -> bool:
    if verb.lemma_ in lx.SAY_VERBS or verb.lemma_ in lx.DENY_VERBS or verb.lemma_ in lx.CONFIRM_VERBS:
        return True
    # "made no comment"
    return verb.lemma_ == "make" and any(c.dep_ == "dobj" and c.lemma_ == "comment" for c in verb.children)


def _report_modality(verb: Token) -> str:
    negated = any(c.dep_ == "neg" for c in verb.children) or _neither(verb)
    if verb.lemma_ in lx.DENY_VERBS or verb.lemma_ == "make":
        return "denied"
    if verb.lemma_ in lx.CONFIRM_VERBS:
        return "denied" if negated else "confirmed"
    return "alleged"


def _neither(verb: Token) -> bool:
    """"Neither Moscow nor Pyongyang has acknowledged", "has never confirmed"."""
    for c in verb.children:
        if c.dep_ in _SUBJ and any(g.lower_ == "neither" for g in c.subtree):
            return True
        if c.dep_ == "advmod" and c.lower_ == "never":
            return True
    return False


def _planned_clause(verb: Token) -> bool:
    """"said they would cancel", "said it plans to": the reported clause is an intention."""
    for c in verb.children:
        if c.dep_ == "ccomp" and own_modality(c) == "planned":
            return True
    return False


def _claimant(np: Token, idx: ActorIndex, context: Sequence[ActorMention], sent: Span) -> str | None:
    """Who a reporting subject is: actor ids, the doc's latest group for "the team"/"it", else the
    phrase itself ("Western diplomats", "media reports")."""
    found = idx.of_phrase(np)
    if found:
        names = [endpoint(m.ref) or m.ref.id for m in found]
        return ", ".join(dict.fromkeys(names))
    inner = [idx.at(t) for t in np.subtree if idx.at(t) and idx.at(t).ref.kind == "group"]
    if inner:  # "the report produced by the Multilateral Sanctions Monitoring Team"
        return inner[0].ref.id
    before = [m for m in (*context, *idx.by_token.values()) if m.end <= np.idx]
    if np.lower_ in ("he", "she"):  # the latest person with a known state
        return next((endpoint(m.ref) for m in reversed(before) if m.ref.kind == "person" and endpoint(m.ref)),
                    None)
    if np.lemma_.lower() in lx.ANAPHORIC_SOURCES or np.lower_ in _PRONOUNS:
        return _latest_source(before)
    if np.lemma_.lower() in lx.NOMINAL_SOURCES and np.tag_ in ("NN", "NNP"):  # "a military spokesman said"
        speaker = _latest_speaker(before, sent.doc)
        if speaker:
            return speaker
    if np.pos_ == "PRON":
        return None
    return noun_phrase(np) or None


# Clauses and asides hanging from a claimant's noun say more than who it is ("officials, who spoke on
# condition of anonymity, ..."); determiners and modifiers, numbers and "familiar with the matter" say who.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "parataxis", "punct", "advcl", "ccomp", "xcomp"})
_ARTICLES = frozenset({"the", "a", "an"})


def noun_phrase(np: Token) -> str:
    """The noun phrase headed by ``np`` as written, without clauses, asides or a leading article.

    "Western countries", "U.S. officials", "two people familiar with the matter", "a UN panel of
    experts" → "UN panel of experts"; never just the head noun when the text says more.
    """
    keep = {np.i}
    for child in np.children:
        # "officials and diplomats" is one claimant; "contenders and asked not to be named" is not
        clause = child.dep_ in _CLAUSE_DEPS or (child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"))
        if not clause:
            keep.update(t.i for t in child.subtree)
    lo = hi = np.i
    while lo - 1 in keep:  # only the words around the head that are written together
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = np.doc
    while lo < np.i and (doc[lo].lower_ in _ARTICLES or doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > np.i and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1
    return doc[lo:hi + 1].text.strip()


def _latest_speaker(before: Sequence[ActorMention], doc) -> str | None:
    """The state of the latest actor that spoke earlier in the doc: the subject (or its possessor,
    modifier or apposition) of a reporting verb, or the object of "according to"."""
    for m in reversed(before):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not endpoint(m.ref):
            continue
        tok = span.root
        while tok.dep_ in ("poss", "compound", "amod", "appos", "nmod") and tok.head.i != tok.i:
            tok = tok.head
        speaks = tok.dep_ in _SUBJ and _reporting(tok.head)
        quoted = tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"
        if speaks or quoted:
            return endpoint(m.ref)
    return None
