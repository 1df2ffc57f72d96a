"""Evidence tables: the facts behind a chart, one row each, linked to their article.

A big store has 100,000 quantities under no filter; sent whole they made a 37 MB message the browser
took seconds to draw. So a table shows the first :func:`lib.settings.table_rows` rows — the selected
mark's rows first, so a click-through from a chart always finds its row — says "showing N of M", and
its CSV download (built on click) still holds every row: nothing becomes unreachable.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import settings
from lib.filters import Filters
from lib.ui import article_urls, label_of


def evidence_table(
    df: pd.DataFrame,
    columns: list[str],
    f: Filters,
    *,
    key: str,
    labels: dict[str, str] | None = None,
    limit: int | None = None,
) -> None:
    """The facts behind a chart, one row each, with a link to the article they came from.

    At most ``limit`` rows (default :func:`lib.settings.table_rows`) go to the browser, the selected
    mark's rows first (so a click-through always finds its row), with a caption saying how many of how
    many; the CSV download holds every row, built only when clicked."""
    if df.empty:
        st.info("No facts match the current filters.")
        return
    limit = settings.table_rows() if limit is None else max(1, int(limit))
    # Only the rows shown get labels and links: 100,000 rows made a 37 MB message and seconds of work.
    view = _table_view(_selected_first(df, f).head(limit), f, labels)
    cols = [c for c in columns if c in view] + ["article"]
    if len(df) > limit:
        st.caption(f"showing {limit:,} of {len(df):,} rows — narrow the filters or download all")
    st.dataframe(
        view[cols],
        key=key,
        hide_index=True,
        width="stretch",
        column_config={
            "article": st.column_config.LinkColumn(
                "Source", display_text="open article ↗", help="Open the article with its facts highlighted"
            ),
            "sentence": st.column_config.TextColumn("Sentence", width="large"),
            **{c: st.column_config.NumberColumn(c, format="localized") for c in ("value", "low", "high")},
        },
    )
    st.download_button(
        f"Download all {len(df):,} rows (CSV)" if len(df) > limit else "Download these rows (CSV)",
        lambda: _table_view(df, f, labels)[cols].to_csv(index=False).encode("utf-8"),  # built on click
        file_name=f"dossier-{key}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        on_click="ignore",
    )


def _table_view(df: pd.DataFrame, f: Filters, labels: dict[str, str] | None) -> pd.DataFrame:
    """``df`` as an evidence table shows it: actor labels, "date unknown", and an ``article`` link."""
    view = df.copy()
    view["article"] = article_urls(view["article_id"], f)
    for col in ("source", "target"):
        if col in view and labels:
            view[col] = [label_of(a, labels) for a in view[col]]
    if "actors" in view:
        view["actors"] = [
            ", ".join(label_of(a, labels or {}) for a in (xs if xs is not None else []))
            for xs in view["actors"]
        ]
    if "published" in view:
        view["published"] = view["published"].fillna("date unknown")
    return view


def _selected_first(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """``df`` with the rows of the selected mark first (the clicked fact by id; an actor's or edge's
    rows by :meth:`Selection.mask`), the order otherwise kept; ``df`` itself when nothing is selected."""
    sel = f.selection
    if sel is None or df.empty:
        return df
    if sel.table is not None:
        hit = df["id"].astype(str) == sel.value if "id" in df else pd.Series(False, index=df.index)
    else:
        kind = "relations" if {"source", "target"} <= set(df.columns) else "actors" if "actor" in df else "events"
        hit = sel.mask(df, kind)
    hit = hit.to_numpy(dtype=bool)
    return df if hit.all() or not hit.any() else pd.concat([df[hit], df[~hit]])
