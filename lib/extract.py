"""From a parsed article to typed records: pure generators over a Doc, one per kind of fact.

The finders in :mod:`lib.actors`, :mod:`lib.dates`, :mod:`lib.quantities` and :mod:`lib.relations`
locate mentions, dates, numbers and relations in the Doc; this module ties them to sentences,
attribution and each other, and yields records carrying their provenance. Nothing here touches the
store or the UI.

The Doc must be the parse of ``article.text`` itself, so that character offsets in the records are
offsets into ``Article.text``.

>>> from lib.nlp import load
>>> from lib.records import Article
>>> art = Article(id="a1", title="t", text="Russia sent 100 missiles to Iran in 2024.", published="2025-01-10")
>>> ex = extract(load()(art.text), art)
>>> [(q.value, q.qualifier, q.date) for q in ex.quantities]
[(100.0, 'exact', '2024')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from lib import actors as actor_finder
from lib import dates as date_finder
from lib import quantities as quantity_finder
from lib import relations as relation_finder
from lib.records import Actor, Article, Event, Extraction, Quantity, Relation


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the finders saw in one sentence, shared by the per-kind generators."""

    sent: Span
    text: str  # ``sent.text``, built once: spaCy rebuilds a Span's text from its tokens on every call
    mentions: tuple[actor_finder.ActorMention, ...]
    dates: tuple[date_finder.DateMatch, ...]
    quantities: tuple[quantity_finder.QuantityMatch, ...]
    relations: tuple[relation_finder.RelationMatch, ...]
    claimant: str | None
    modality: str


def analyse(doc: Doc, article: Article) -> list[SentenceFacts]:
    """Run every finder once over the Doc and group the results by sentence."""
    mentions = actor_finder.find_actors(doc)
    dates = date_finder.find_dates(doc, article.published)
    quantities = quantity_finder.find_quantities(doc)
    out: list[SentenceFacts] = []
    seen: list[actor_finder.ActorMention] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        sent_mentions = tuple(m for m in mentions if s <= m.start < e)
        claimant, modality = relation_finder.attribution(sent, sent_mentions, context=tuple(seen))
        rels = tuple(relation_finder.find_relations(sent, sent_mentions))
        out.append(
            SentenceFacts(
                sent=sent,
                text=sent.text,
                mentions=sent_mentions,
                dates=tuple(d for d in dates if s <= d.start < e),
                quantities=tuple(q for q in quantities if s <= q.start < e),
                relations=rels,
                claimant=claimant,
                modality=modality,
            )
        )
        seen.extend(sent_mentions)
    return out


def _nearest_date(facts: SentenceFacts, start: int, end: int) -> date_finder.DateMatch | None:
    """The sentence's date expression closest to the span [start, end), if any.

    A quantity or relation is dated only by a date expression in its own sentence (never by the
    publication date), and the closest one wins when a sentence carries several.
    """
    if not facts.dates:
        return None

    def distance(d: date_finder.DateMatch) -> int:
        if d.end <= start:
            return start - d.end
        if d.start >= end:
            return d.start - end
        return 0

    return min(facts.dates, key=distance)


def _date_fields(d: date_finder.DateMatch | None) -> dict:
    """The date fields of a fact dated by ``d``; all empty for a fact whose sentence has no date."""
    if d is None:
        return {"date": None, "date_end": None, "precision": None, "open_end": False}
    v = d.value
    return {"date": v.date, "date_end": v.date_end, "precision": v.precision, "open_end": v.open_end}


def _state_ids(mentions: Sequence[actor_finder.ActorMention]) -> tuple[str, ...]:
    """Distinct actor ids in order of first mention."""
    return tuple(dict.fromkeys(m.ref.id for m in mentions))


def iter_actors(article: Article, sentences: Sequence[SentenceFacts]) -> Iterator[Actor]:
    """One Actor record per resolved mention."""
    for facts in sentences:
        for m in facts.mentions:
            yield Actor(
                article_id=article.id,
                actor=m.ref.id,
                name=m.ref.name,
                kind=m.ref.kind,
                country=m.ref.country,
                mention=m.text,
                sentence=facts.text,
                start=m.start,
                end=m.end,
            )


def iter_relations(article: Article, sentences: Sequence[SentenceFacts]) -> Iterator[Relation]:
    """Directed, typed relations, dated by the nearest date expression of their sentence."""
    for facts in sentences:
        for r in facts.relations:
            d = _nearest_date(facts, r.start, r.end)
            claimant, modality = r.claimant, r.modality  # the trigger's own attribution (lib.attribution)
            yield Relation(
                article_id=article.id,
                source=r.source,
                target=r.target,
                action=r.action,
                object=r.object,
                sentence=facts.text,
                start=r.start,
                end=r.end,
                **_date_fields(d),
                claimant=claimant,
                modality=modality,
            )


def iter_events(article: Article, sentences: Sequence[SentenceFacts]) -> Iterator[Event]:
    """One Event per resolved date expression: what happened (the closest relation's action) and who."""
    for facts in sentences:
        for d in facts.dates:
            rel = min(
                facts.relations,
                key=lambda r: abs(r.start - d.start),
                default=None,
            )
            if rel is not None:
                who = tuple(dict.fromkeys((rel.source, rel.target)))
                action = rel.action
            else:
                who = _state_ids(facts.mentions)
                action = None
            yield Event(
                article_id=article.id,
                date=d.value.date,
                precision=d.value.precision,
                action=action,
                actors=who,
                date_text=d.text,
                sentence=facts.text,
                start=d.start,
                end=d.end,
                date_end=d.value.date_end,
                open_end=d.value.open_end,
                modality=facts.modality,
                claimant=facts.claimant,
            )


def iter_quantities(article: Article, sentences: Sequence[SentenceFacts]) -> Iterator[Quantity]:
    """Quantities with their sentence's actors, nearest date and attribution."""
    for facts in sentences:
        rel_actors = tuple(dict.fromkeys(a for r in facts.relations for a in (r.source, r.target)))
        for q in facts.quantities:
            d = _nearest_date(facts, q.start, q.end)
            yield Quantity(
                article_id=article.id,
                value=q.value,
                low=q.low,
                high=q.high,
                qualifier=q.qualifier,
                unit=q.unit,
                category=q.category,
                text=q.text,
                sentence=facts.text,
                start=q.start,
                end=q.end,
                **_date_fields(d),
                actors=rel_actors or _state_ids(facts.mentions),
                claimant=facts.claimant,
                modality=facts.modality,
                cumulative=q.cumulative,
                change=q.change,
            )


def extract(doc: Doc, article: Article) -> Extraction:
    """Every fact of one article, each with its sentence and character span."""
    sentences = analyse(doc, article)
    return Extraction(
        article=article,
        actors=tuple(iter_actors(article, sentences)),
        relations=tuple(iter_relations(article, sentences)),
        events=tuple(iter_events(article, sentences)),
        quantities=tuple(iter_quantities(article, sentences)),
        sentences=tuple((f.sent.start_char, f.sent.end_char) for f in sentences),
    )
