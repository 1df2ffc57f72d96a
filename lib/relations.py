"""Relations: who did what to whom in one sentence, read from the dependency parse, and who says so.

>>> [(r.source, r.action, r.target) for r in find_relations(sent, find_actors(sent))]   # doctest: +SKIP
[('RUS', 'supply', 'PRK')]      # "Moscow also has supplied refined petroleum products to Pyongyang."

Co-occurrence is never a relation: both actors must hang off the trigger in the parse (subject,
object, a preposition, a possessor, a passive agent). Endpoints are states: a person or agency with
a known state stands for it ("Vladimir Putin" → RUS); organisations without a state (UN, NATO, MSMT)
are never endpoints, but they can be claimants. A veto's target is the state named as the sponsor of
what was vetoed ("a US-sponsored resolution" → USA); a veto with no sponsor named gives no relation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from spacy.attrs import LEMMA
from spacy.tokens import Span, Token

from lib import acts
from lib import lexicon as lx
from lib.actor_index import MODIFIER_DEPS, ActorIndex, endpoint, mention_ids
from lib.actors import ActorMention
from lib.places import PLACE_LABELS, PlaceMention, places_in
from lib.token_index import TokenIndex

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_PRONOUNS = frozenset({"it", "its", "they", "their", "he", "his", "she", "her", "which", "that", "who"})
_RELATIVE = frozenset({"which", "that", "who"})
_PURPOSE = frozenset({"help", "support", "assist", "aid", "back", "bolster"})
_AID_THEMES = frozenset({"help", "advice", "assistance", "support", "technology", "training", "expertise", "know"})
_TALKS = frozenset({"talk", "meeting", "summit", "negotiation"})
# Verbs whose subject pair acts on each other ("X and Y signed a treaty / held talks"); "X and Y
# visited Z" or "X and Y welcomed the decision" name no act between X and Y.
_PAIR_VERBS = frozenset({"meet", "sign", "agree", "negotiate", "hold", "discuss"})
# Subjects that refer back to a state of the previous sentence: "It also sent ...", "the country".
_STATE_NOUNS = frozenset({"country", "government", "regime", "nation"})
# A preposition whose object ("after talks with Kim") is an act the clause's subject took part in.
_DURING = frozenset({"after", "during", "at", "following", "before", "in"})
_INHERIT = frozenset({"xcomp", "conj", "advcl", "pcomp", "acomp"})
_KEEP_IN_OBJECT = frozenset({
    "det", "amod", "compound", "nummod", "quantmod", "advmod", "nmod", "poss", "case", "cc", "conj",
    "hyph", "punct", "pobj", "prep", "npadvmod",
})


@dataclass(frozen=True, slots=True)
class RelationMatch:
    """``source`` did ``action`` to ``target`` (actor ids); ``start``/``end`` span the trigger."""

    source: str
    target: str
    action: str
    object: str | None
    start: int
    end: int
    claimant: str | None
    modality: str
    place: str | None = None  # the place the target was read from ("Kharkiv" → UKR), else None


# --- roles around a trigger ------------------------------------------------------------------------


def _subjects(verb: Token, idx: ActorIndex, depth: int = 0) -> list[ActorMention]:
    """The doer: own subject, else the subject of the clause it hangs from ("began firing", "and
    has supplied"); a pronoun subject takes the subject of the clause above ("its forces trained")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    for c in subjects:  # several: "LONDON — Russia has shipped" (a dateline parsed as subject)
        if c.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return idx.of_phrase(verb.head)
        found = idx.of_phrase(c, modifiers=c.lemma_ not in lx.WEAPON_NOUNS or acts.operated(c))
        if mention_ids(found):
            return found
        if c.lower_ in _PRONOUNS or _pronoun_possessor(c):
            return _antecedent(verb, idx, depth, c.i) or (idx.prior(c) if c.lower_ not in _RELATIVE else [])
        if c.lemma_ in _STATE_NOUNS and any(d.lower_ == "the" for d in c.children):
            return idx.prior(c)
    if subjects:
        return []
    for c in verb.children:
        if c.dep_ == "agent":
            return [m for p in c.children if p.dep_ == "pobj" for m in idx.of_phrase(p)]
    if verb.dep_ == "acl" and verb.tag_ == "VBD":  # misparsed finite verb: "vessels delivered ..."
        return idx.of_phrase(verb.head)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []  # a passive has no doer but its agent
    if verb.dep_ == "ccomp":  # "the report says North Korea ... transferred": subject hung on "says"
        return [m for c in verb.head.children if c.dep_ == "nsubj" and verb.head.i < c.i < verb.i
                for m in idx.of_phrase(c)]
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "accused Pyongyang of supplying Moscow"
        gov = verb.head.head
        accused = [m for c in gov.children if c.dep_ == "dobj" for m in idx.of_phrase(c)]
        return accused or _subjects(gov, idx, depth + 1)
    if verb.dep_ == "xcomp" and verb.head.lemma_ != "promise":  # object control: "asked France to stop selling"
        obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
        if obj is not None and mention_ids(idx.of_phrase(obj)):  # "offered warships to escort": the offerer's
            return idx.of_phrase(obj)
    if verb.dep_ in _INHERIT and depth < 4 and verb.head.i != verb.i:
        return _subjects(verb.head, idx, depth + 1)
    return []


def _pronoun_possessor(tok: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in _PRONOUNS for c in tok.children)


def _antecedent(verb: Token, idx: ActorIndex, depth: int, pronoun: int) -> list[ActorMention]:
    """The actor subject of the nearest clause above ("Russia has ..., and its forces trained"), before
    the pronoun: in "It will send ..., Seoul said" the speaker comes after and is not "it"."""
    head = verb.head
    while head.i != verb.i and depth < 4:
        found = [m for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun
                 for m in idx.of_phrase(c)]
        if found:
            return found
        verb, head, depth = head, head.head, depth + 1
    return []


def _preps(tok: Token, names: frozenset[str]) -> list[Token]:
    """Objects of the given prepositions under ``tok`` ("to North Korea" → Korea)."""
    return [p for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ in names
            for p in c.children if p.dep_ == "pobj"]


def _theme(verb: Token) -> Token | None:
    """What is acted on: the direct object, a passive subject, or the noun a participle modifies."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            return c
    if verb.dep_ in ("acl", "relcl") and verb.tag_ != "VBD":
        return verb.head
    for c in verb.children:  # "trained the North's troops deployed to ...": parsed as a clause
        if c.dep_ == "ccomp" and c.i > verb.i:
            return next((g for g in c.children if g.dep_ == "nsubj" and g.i > verb.i), None)
    return None


def _object_text(tok: Token | None) -> str | None:
    """The object as written, without relative clauses or trailing preps other than "of"."""
    if tok is None:
        return None
    keep = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _KEEP_IN_OBJECT and (c.dep_ != "prep" or c.lower_ == "of"):
                keep.append(c)
                stack.append(c)
    idx = sorted(t.i for t in keep)
    toks = [t for t in tok.doc[idx[0]: idx[-1] + 1]]
    while toks and (toks[0].dep_ == "det" and toks[0].lower_ in ("the", "a", "an") or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    return " ".join(tok.doc[toks[0].i: toks[-1].i + 1].text.split()) if toks else None  # newswire line breaks


def _action(trigger: Token, theme: Token | None) -> str:
    action = lx.VERB_ACTIONS[trigger.lemma_]
    if trigger.lemma_ == "receive" and theme is not None and theme.lemma_ in _AID_THEMES:
        return "aid"
    if trigger.lemma_ in ("send", "ship", "dispatch") and theme is not None and _is_troops(theme):
        return "deploy"
    return action


def _is_troops(tok: Token) -> bool:
    heads = [tok] + [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"]
    return any(t.lemma_.lower() in lx.TROOP_NOUNS for t in heads)


def _verb_frame(verb: Token, idx: ActorIndex) -> tuple[str, list[ActorMention], list[ActorMention], Token | None]:
    """(action, sources, targets, theme) for a verb trigger, before endpoint mapping."""
    theme = _theme(verb)
    action = _action(verb, theme)
    sources = _subjects(verb, idx)
    passive = theme is not None and theme.dep_ == "nsubjpass"
    preps = lx.TARGET_PREPS[action]
    inside = action in ("attack", "deploy")
    targets = [m for p in _preps(verb, preps) for m in _place(p, idx, inside)]
    if theme is not None and theme.dep_ == "dobj":
        targets += [m for p in _preps(theme, preps - {"in"}) for m in _place(p, idx, inside)]
        if inside:  # "fired missiles supplied by X at targets in Ukraine": "at" misattached to "supplied"
            targets += [m for a in theme.children if a.dep_ == "acl"
                        for p in _preps(a, frozenset({"at", "against"})) for m in _place(p, idx, True)]
    targets += [m for c in verb.children if c.dep_ == "dative" for m in idx.of_phrase(c)]
    theme_actors = idx.of_phrase(theme, modifiers=False) if theme is not None else []
    if verb.lemma_ in lx.TAKE_VERBS:
        givers = [m for p in _preps(verb, frozenset({"from"})) for m in idx.of_phrase(p)]
        if verb.lemma_ == "receive":
            givers += idx.of_phrase(theme) if theme is not None and not givers else []
            return action, givers, sources, theme
        if not givers and theme is not None:  # "acquired Chinese-made Silkworm missiles": the maker sells
            givers = idx.left_modifiers(theme)
        return action, sources, givers, theme
    if action in lx.GIVE_ACTIONS:
        if theme_actors and theme is not None and theme.dep_ == "dobj":  # "supplying Moscow with missiles"
            targets += theme_actors
            theme = next((p for p in _preps(verb, frozenset({"with"}))), None)
        froms = [m for t in (verb, theme) if t is not None for p in _preps(t, frozenset({"from"}))
                 for m in idx.of_phrase(p)]
        if froms:
            sources = froms
        elif not sources and theme is not None and (passive or verb.dep_ == "acl"):
            sources = idx.of_phrase(theme)  # "North Korean troops were sent", "Pyongyang's troops were sent"
            if not sources and passive and _is_troops(theme) and any(c.lower_ == "the" for c in theme.children):
                sources = idx.prior_troops()  # "... North Korean troops are in Kursk. The soldiers were sent"
        if not targets and verb.dep_ == "acl" and theme is not None and theme.dep_ == "dobj":
            targets = _subjects(theme.head, idx)  # "firing missiles supplied by North Korea"
        if not targets:
            targets = _purpose(verb, idx)  # "sent combat troops to help Russia"
        if not targets and theme is not None:  # "supplied drones that Russian forces use"
            targets = [m for c in theme.children if c.dep_ == "relcl" and c.lemma_ in ("use", "fire", "deploy")
                       for g in c.children if g.dep_ == "nsubj" for m in idx.of_phrase(g)]
        return action, sources, targets, theme
    if passive:  # "Russian personnel had been trained in Iran": the passive subject is the target
        targets = idx.of_phrase(theme) + targets
        sources = sources or [m for p in _preps(verb, frozenset({"in"})) for m in idx.of_phrase(p)]
        return action, sources, targets, theme
    if theme is not None and theme.dep_ in ("dobj", "nsubj"):
        if action == "veto":
            targets += [m for c in theme.children if c.dep_ in MODIFIER_DEPS for m in _sponsor(c, idx)]
        elif action in ("meet", "agree", "negotiate") and not theme_actors:
            pass  # "signed a treaty", "held talks": the other side comes from "with" or a subject pair
        elif verb.lemma_ not in lx.PREP_TARGET_ONLY:
            targets += (idx.of_phrase(theme, modifiers=theme.lemma_ not in lx.WEAPON_NOUNS) or _owner(theme, idx)
                        or (places_in(theme) if action == "attack" else [])  # "struck Kharkiv": UKR
                        or (acts.prior_act(theme, idx) if action == "condemn" else []))  # "the deployment"
    if action == "agree" and not targets:  # "has agreed to supply Iran": the other side of the deal
        for c in verb.children:
            if c.dep_ == "xcomp" and c.lemma_ in lx.VERB_ACTIONS and c.lemma_ != "agree":
                targets = _verb_frame(c, idx)[2]
    return action, sources, targets, theme


def _place(pobj: Token, idx: ActorIndex, inside: bool) -> list[ActorMention]:
    """The actor a prepositional object names, or (attacks) the place it is "in" ("at targets in
    Ukraine")."""
    found = idx.of_phrase(pobj) or _owner(pobj, idx)
    if found or not inside:
        return found
    return [m for p in _preps(pobj, frozenset({"in"})) for m in idx.of_phrase(p)] or places_in(pobj)


def _owner(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    """"Ukraine says ... launched drones at its cities": the state "its" stands for, the nearest one named
    as a noun phrase before it in the sentence (never the plural, adjectival "Russian forces")."""
    if not any(c.dep_ == "poss" and c.lower_ == "its" for c in tok.children):
        return []
    doc = tok.doc  # the antecedent is a noun phrase of its own, not a modifier ("anti-Baghdad rebels")
    named = [m for i, m in sorted(idx.by_token.items()) if i < tok.i and not m.adjectival
             and m.ref.kind == "state" and doc[i].dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj")]
    return named[-1:]


def _purpose(verb: Token, idx: ActorIndex) -> list[ActorMention]:
    """The beneficiary of a purpose clause: "sent troops to help Russia (drive ...)"."""
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and c.lemma_ in _PURPOSE:
            for g in c.children:
                if g.dep_ == "dobj" or g.dep_ == "ccomp":
                    found = idx.of_phrase(g, modifiers=False) if g.dep_ == "dobj" else _subjects(g, idx)
                    if found:
                        return found
    return []


def _sponsor(tok: Token, idx: ActorIndex) -> list[ActorMention]:
    """"a US-sponsored resolution": the state in a '-sponsored'/'-backed' modifier."""
    if tok.lemma_ not in ("sponsor", "draft", "back", "propose", "sponsored", "backed", "drafted"):
        return []
    return [idx.at(c) for c in tok.children if idx.at(c)]


def _noun_frame(noun: Token, idx: ActorIndex) -> tuple[str, list[ActorMention], list[ActorMention], Token | None]:
    """Nominal triggers: "Russia's missile attacks on Ukrainian cities", "the deployment of North
    Korean troops to Russia", "arms shipments from the North to Russia"."""
    action = lx.NOUN_ACTIONS[_noun_lemma(noun)]
    if action == "meet":
        return action, *_talks(noun, idx), None
    sources = idx.left_modifiers(noun)
    sources += [m for p in _preps(noun, frozenset({"by", "from"})) for m in idx.of_phrase(p)]
    if action in lx.GIVE_ACTIONS:
        sources += idx.of_pobj(noun)
        targets = [m for p in _preps(noun, frozenset({"to", "into"})) for m in idx.of_phrase(p)]
    else:
        targets = [m for p in _preps(noun, frozenset({"on", "against", "of", "into", "to"}))
                   for m in idx.of_phrase(p) or (places_in(p) if action == "attack" else [])]
    gov = _governor(noun)
    if gov is not None and action == "attack":
        if gov.lemma_ in lx.DEFEND_VERBS and not targets:  # "its troops repelled an attack by ..."
            targets = _subjects(gov, idx)
        elif gov.lemma_ in lx.CARRY_OUT_VERBS and not mention_ids(sources):  # "Iraqi planes launched raids on"
            sources = _subjects(gov, idx)
    if gov is not None and action == "supply" and not mention_ids(sources) and gov.lemma_ == "be":
        sources = _subjects(gov, idx)  # "Moscow is a major arms supplier to Iraq"
    return action, sources, targets, None


def _talks(noun: Token, idx: ActorIndex) -> tuple[list[ActorMention], list[ActorMention]]:
    """(sources, targets) of "talks with X": the clause the phrase modifies ("Shoigu said after talks
    with Kim", "at a summit with") supplies the other side; "held talks" is read by :func:`_frame`."""
    targets = [m for p in _preps(noun, frozenset({"with"})) for m in idx.of_phrase(p)]
    prep = noun.head
    if not targets or noun.dep_ != "pobj" or prep.lower_ not in _DURING or prep.head.pos_ not in ("VERB", "AUX"):
        return [], []
    return _subjects(prep.head, idx), targets


def _noun_lemma(tok: Token) -> str:
    """The lemma of a trigger noun, also when the wire capitalised it ("U.S. Attacks on")."""
    lemma = tok.lemma_.lower()
    if lemma not in lx.NOUN_ACTIONS and lemma.endswith("s") and lemma[:-1] in lx.NOUN_ACTIONS:
        return lemma[:-1]
    return lemma


def _governor(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object of: "launched raids", "undertaken an act of aggression",
    "is a supplier"."""
    tok = noun
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in ("act", "series", "wave"):
        tok = tok.head.head
    if tok.dep_ in ("dobj", "attr") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return None


def _symmetric(verb: Token, idx: ActorIndex) -> list[tuple[ActorMention, ActorMention]]:
    """"Kim Jong Un and Vladimir Putin held talks", "Japan and South Korea met ..., agreeing to
    share": the parties of a coordinated subject (own or inherited) meet/agree with each other."""
    if verb.lemma_ not in _PAIR_VERBS or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return []  # "demand has been met by Soviet purchases of U.S. corn": no meeting
    parties = list({endpoint(m.ref): m for m in _subjects(verb, idx) if endpoint(m.ref)}.values())
    # "China, Russia and Iran held talks": each pair of the (few) parties; a long list is a roll call
    return list(combinations(parties, 2)) if 2 <= len(parties) <= 4 else []


# --- public API ------------------------------------------------------------------------------------


def find_relations(sent: Span, mentions: Sequence[ActorMention], *,
                   context: Sequence[ActorMention] = ()) -> list[RelationMatch]:
    """Directed, typed relations in one sentence, from the dependency parse.

    ``mentions`` are the sentence's actors (:func:`lib.actors.find_actors`). Each relation carries its
    trigger's attribution (:func:`lib.attribution.trigger_attribution`: the reporting verb it hangs
    from, else the sentence's), overridden by the trigger's own negation (denied) or future/intent
    (planned). No self-loops, no relation without a syntactic link.

    >>> # "Moscow also has supplied refined petroleum products to Pyongyang."
    >>> # → [RelationMatch('RUS', 'PRK', 'supply', 'refined petroleum products', ...)]
    """
    if not mentions or len(mentions) < 2 and mentions[0].ref.kind != "person" and not _refers_back(sent) \
            and not any(t.ent_type_ in PLACE_LABELS for t in sent):  # "Russian jets struck Kharkiv"
        return []
    from lib.attribution import SentenceAttribution, own_modality  # it builds on this module's index

    idx = ActorIndex(sent, mentions)
    said = SentenceAttribution(sent, mentions, idx, context)
    idx.context = said.context  # the doc's earlier mentions: "It also sent ..." reaches back
    out: dict[tuple, RelationMatch] = {}
    doc, triggers = sent.doc, _trigger_tokens(sent.doc)
    for i in triggers[bisect_left(triggers, sent.start):bisect_left(triggers, sent.end)]:
        tok = doc[i]
        frame = _frame(tok, idx) or _violation_frame(tok, idx)
        if frame is None:
            continue
        action, sources, targets, theme = frame
        pairs = [(s, t) for s in sources for t in targets]
        if not targets and action in ("meet", "agree", "negotiate") and tok.pos_ in ("VERB", "AUX"):
            pairs = _symmetric(tok, idx)
        if not pairs:
            continue
        claimant, modality = said.of(tok)
        mod = own_modality(tok) or modality
        for s, t in pairs:
            src, tgt = endpoint(s.ref), endpoint(t.ref)
            if src and tgt and src != tgt:
                key = (src, tgt, action, tok.i)
                place = t.place if isinstance(t, PlaceMention) else None
                out.setdefault(key, RelationMatch(src, tgt, action, _object_text(theme), tok.idx,
                                                  tok.idx + len(tok), claimant, mod, place))
    return list(out.values())


def _refers_back(sent: Span) -> bool:
    """The sentence has a subject that may stand for a state of the sentence before ("It", "Its
    troops", "They", "the country", "the soldiers"): one named actor may then be enough for a relation."""
    return any(t.dep_ in _SUBJ and (t.lower_ in ("it", "they") or t.lemma_ in _STATE_NOUNS or t.lemma_ in lx.TROOP_NOUNS
                                    or any(c.lower_ in ("its", "their") for c in t.children)) for t in sent)


def _may_trigger(lemma: str) -> bool:
    """The lemma passes the lemma test of :func:`_frame` or :func:`_violation_frame`."""
    low = lemma.lower()
    return (lemma in lx.VERB_ACTIONS or lemma == "hold" or lemma in lx.SAY_VERBS or lemma in acts.ACT_VERBS
            or low in lx.NOUN_ACTIONS or (low.endswith("s") and low[:-1] in lx.NOUN_ACTIONS))


# Indices of the tokens whose lemma may trigger a frame, in order, read once per Doc: :func:`_frame`
# and :func:`_violation_frame` find nothing at the others.
_trigger_tokens = TokenIndex(LEMMA, _may_trigger)


def _frame(tok: Token, idx: ActorIndex):
    if tok.pos_ in ("VERB", "AUX") and tok.lemma_ in lx.VERB_ACTIONS and tok.dep_ != "amod":
        return _verb_frame(tok, idx) if acts.weapon_ok(tok) else None
    if tok.lemma_ in acts.ACT_VERBS:
        return acts.act_frame(tok, idx, _subjects)
    if tok.lemma_ == "hold":  # "held talks with", "was holding several hours of talks with"
        talks = [t for c in tok.children if c.dep_ == "dobj" for t in (c, *_preps(c, frozenset({"of"})))
                 if t.lemma_ in _TALKS]
        if talks:
            other = [m for t in (tok, *talks) for p in _preps(t, frozenset({"with"})) for m in idx.of_phrase(p)]
            return "meet", _subjects(tok, idx), other, None
    if tok.pos_ in ("NOUN", "PROPN") and _noun_lemma(tok) in lx.NOUN_ACTIONS and not tok.ent_type_:
        return _noun_frame(tok, idx)
    return None


def _violation_frame(verb: Token, idx: ActorIndex):
    """"X said the cooperation between Russia and North Korea violates UN sanctions" → X accuses
    both: the reported clause's subject names the accused."""
    if verb.lemma_ not in lx.SAY_VERBS:
        return None
    for c in verb.children:
        if c.dep_ == "ccomp" and c.lemma_ in lx.VIOLATE_VERBS:
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None:
                accused = [idx.at(t) for t in subj.subtree if idx.at(t)]
                return "accuse", _subjects(verb, idx), list(dict.fromkeys(accused)), None
    return None


def attribution(sent: Span, mentions: Sequence[ActorMention], *,
                context: Sequence[ActorMention] = ()) -> tuple[str | None, str]:
    """(claimant, modality) of a whole sentence: see :func:`lib.attribution.attribution`."""
    from lib.attribution import attribution as sentence_attribution

    return sentence_attribution(sent, mentions, context=context)
