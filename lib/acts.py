"""Act words outside the verb lexicon, each a class of verbs with fixed argument roles (lib.relations).

- summon + an envoy of state X ("summoned the Russian ambassador to protest") → condemn X;
- a commissive verb + a retaliation noun ("vowed retaliation against Washington") → threaten;
- call + object + a condemning predicate ("called the deployment a grave threat") → condemn;
- hand/present/submit + a proposal noun + a recipient ("handed Soviet negotiators a draft treaty")
  → negotiate with the recipient's state.

A definite act noun with no actor of its own ("condemned the deployment") refers back to the latest
same-lemma noun of the document whose doer is one named state ("North Korea's deployment"):
:func:`prior_act`. Each frame returns (action, sources, targets, theme) like lib.relations' frames.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from lib import lexicon as lx
from lib.actor_index import ActorIndex, endpoint

ENVOY_NOUNS = frozenset({"ambassador", "envoy", "diplomat", "chargé", "charge", "attaché", "consul"})
RETALIATION_NOUNS = frozenset({"retaliation", "revenge", "reprisal", "retribution", "punishment", "response"})
COMMISSIVE_VERBS = frozenset({"vow", "pledge", "promise", "threaten"})
# "called X a threat / a provocation / a violation": the speaker condemns X.
CONDEMN_PREDICATES = frozenset({
    "threat", "provocation", "violation", "crime", "aggression", "breach", "outrage", "menace", "challenge",
})
PROPOSAL_NOUNS = frozenset({"draft", "proposal", "treaty", "plan", "offer", "counterproposal", "text"})
HAND_VERBS = frozenset({"hand", "present", "submit", "table", "give", "deliver", "send"})
# Crewed platforms act for the state their nationality names ("Russian aircraft dropped bombs");
# munitions may be foreign-made ("Iranian drones" launched by Russia), so they name no doer.
PLATFORM_NOUNS = frozenset({
    "aircraft", "jet", "plane", "warplane", "bomber", "fighter", "helicopter", "ship", "warship", "vessel",
    "submarine", "tank", "gunboat",
})
ACT_VERBS = frozenset({"summon", "call", *COMMISSIVE_VERBS - {"threaten"}, *HAND_VERBS - {"send", "deliver"}})
_MADE = frozenset({"made", "built", "supplied", "designed", "produced", "provided"})

Subjects = Callable[[Token, object], list]


def operated(noun: Token) -> bool:
    """A crewed platform named by its operator's nationality ("Russian aircraft"), not "Soviet-made jets"."""
    return noun.lemma_.lower() in PLATFORM_NOUNS and not any(t.lower_ in _MADE for t in noun.subtree
                                                             if t.i < noun.i)


def weapon_ok(verb: Token) -> bool:
    """A verb of :data:`lib.lexicon.WEAPON_OBJECT_VERBS` is an attack only with a weapon as object
    ("dropped bombs on", not "dropped its demand"); every other verb passes."""
    return verb.lemma_ not in lx.WEAPON_OBJECT_VERBS or any(
        c.dep_ == "dobj" and c.lemma_ in lx.WEAPON_NOUNS for c in verb.children)


def act_frame(verb: Token, idx, subjects: Subjects):
    """The frame of an act verb of this module's classes, or None."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "summon" and obj is not None and obj.lemma_.lower() in ENVOY_NOUNS:
        return "condemn", subjects(verb, idx), idx.of_phrase(obj), obj
    if lemma in COMMISSIVE_VERBS and obj is not None and obj.lemma_ in RETALIATION_NOUNS:
        against = [p for t in (verb, obj) for c in t.children if c.dep_ == "prep" and c.lower_ == "against"
                   for p in c.children if p.dep_ == "pobj"]
        return "threaten", subjects(verb, idx), [m for p in against for m in idx.of_phrase(p)], obj
    if lemma == "call" and obj is not None:
        pred = next((c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > obj.i), None)
        if pred is not None and pred.lemma_ in CONDEMN_PREDICATES:
            return "condemn", subjects(verb, idx), idx.of_phrase(obj) or prior_act(obj, idx), obj
    if lemma in HAND_VERBS:
        recipient = next((c for c in verb.children if c.dep_ == "dative"), None)
        if obj is not None and recipient is not None and _proposal(obj):
            return "negotiate", subjects(verb, idx), idx.of_phrase(recipient), obj
    return None


def _proposal(tok: Token) -> bool:
    """"a draft treaty", "a proposal", "a peace plan": the noun or its compound/amod is a proposal word."""
    return tok.lemma_ in PROPOSAL_NOUNS or any(c.lemma_ in PROPOSAL_NOUNS for c in tok.children
                                               if c.dep_ in ("compound", "amod"))


def prior_act(noun: Token, idx, *, reach: int = 3000) -> list:
    """The doer of the act a definite noun refers back to: "condemned the deployment" after "North
    Korea's deployment of troops" → North Korea. Only a noun of :data:`lib.lexicon.NOUN_ACTIONS` with
    "the"/"this"; the latest earlier same-lemma noun (within ``reach`` tokens) must name one state."""
    context = idx.context or ()
    if noun.lemma_.lower() not in lx.NOUN_ACTIONS or not context:
        return []
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in noun.children):
        return []
    doc = noun.doc
    for i in range(noun.sent.start - 1, max(-1, noun.sent.start - reach), -1):
        t = doc[i]
        if t.lemma_ != noun.lemma_:
            continue
        sent = t.sent
        sub = ActorIndex.within(sent, context)
        doers = [m for m in sub.left_modifiers(t) + sub.of_pobj(t) if endpoint(m.ref)]
        return doers if len({endpoint(m.ref) for m in doers}) == 1 else []
    return []
