"""The Articles page's pieces: one article with its text, its facts by kind, the highlight marks and
the article picker (whose choice goes into the URL as ``?article=``). Built on :mod:`lib.ui`'s cached
store reads; article text stays untrusted (``lib.highlight`` escapes it before any markup).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib.filters import Filters
from lib.ui import articles, facts, set_article, store

FACT_COLUMNS = {
    "actors": ["mention", "actor", "name", "kind", "country", "sentence"],
    "relations": ["source", "action", "target", "object", "date", "claimant", "modality", "sentence"],
    "events": ["date_text", "date", "date_end", "precision", "open_end", "action", "actors", "sentence"],
    "quantities": [
        "text",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "category",
        "date",
        "claimant",
        "sentence",
    ],
}


def article(article_id: str) -> dict | None:
    """One article with its text (or None), cached per store version."""
    s = store()
    return _article(str(s.root), s.version, article_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _article(root: str, version: str, article_id: str) -> dict | None:
    return store().article(article_id)


def article_facts(article_id: str) -> dict[str, pd.DataFrame]:
    """All facts of one article by kind (the filters do not hide facts inside the article view)."""
    out = {}
    for kind in ("actors", "relations", "events", "quantities"):
        df = facts(kind)
        out[kind] = df[df["article_id"] == article_id].sort_values("start").reset_index(drop=True)
    return out


def article_marks(by_kind: dict[str, pd.DataFrame]):
    from lib.highlight import marks_from_facts

    return marks_from_facts(by_kind["actors"], by_kind["quantities"], by_kind["events"], by_kind["relations"])


def article_picker(arts: pd.DataFrame, f: Filters) -> str | None:
    """A select box of the filtered articles (plus the linked one); its choice goes into the URL."""
    ids = list(arts["id"]) if len(arts) else []
    if f.article and f.article not in ids and article(f.article) is not None:
        ids.insert(0, f.article)  # a link always opens its article, even if the filters exclude it
    if not ids:
        return None
    titles = {r.id: r for r in articles().itertuples(index=False)}
    chosen = f.article if f.article in ids else ids[0]
    if st.session_state.get("article_pick") != chosen:
        st.session_state["article_pick"] = chosen
    st.selectbox(
        "Article",
        ids,
        key="article_pick",
        format_func=lambda a: _article_label(titles.get(a)),
        on_change=lambda: set_article(st.session_state["article_pick"]),
    )
    if f.article != chosen:
        set_article(chosen)
    return chosen


def _article_label(row) -> str:
    if row is None:
        return "(not in store)"
    published = row.published if isinstance(row.published, str) and row.published else "date unknown"
    return f"{row.title} — {row.outlet or 'unknown outlet'} · {published}"
