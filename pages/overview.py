"""Overview: what is in the store under the current filters, the top actors and headline numbers."""

import pandas as pd
import streamlit as st

from lib import settings, ui, ui_evidence

st.title("Overview")  # drawn before any table is read: a cold server shows the page at once
intro, board = st.empty(), st.empty()
ui.stored_counts(board)
with st.spinner("Loading the store …"):
    f = ui.sidebar_filters()
    labels = ui.actor_labels()
    arts, rel = ui.filtered("articles", f), ui.filtered("relations", f)
    ev, qty, men = ui.filtered("events", f), ui.filtered("quantities", f), ui.filtered("actors", f)
    stories = ui.stories()
ui.mark_loaded()  # later runs of this store version skip the stored counts: the frames are cached
with intro.container():
    ui.page_caption(f, "Who did what to whom, when and how much — every fact traceable to its sentence.")
counts = {
    "Articles": len(arts),
    "Stories": stories[stories["id"].isin(arts["id"])]["story_id"].nunique() if len(arts) else 0,
    "Actors": men["actor"].nunique() if len(men) else 0,
    "Relations": len(rel),
    "Events": len(ev),
    "Quantities": len(qty),
}
with board.container():
    for col, (name, value) in zip(st.columns(len(counts)), counts.items(), strict=True):
        col.metric(name, f"{value:,}")

published = pd.to_datetime(arts["published"], errors="coerce").dropna() if len(arts) else pd.Series([])
span = (
    f"{published.min():%d %b %Y} – {published.max():%d %b %Y}" if len(published) else "no publication dates"
)
undated = int(arts["published"].isna().sum()) if len(arts) else 0
st.caption(
    f"**Published:** {span}"
    + (f" · {undated} article(s) without a publication date" if undated else "")
    + (
        f" · {counts['Articles'] - counts['Stories']} syndicated copy(ies) of another story: every chart "
        "counts a story once and lists all its outlets"
        if counts["Articles"] > counts["Stories"]
        else ""
    )
)

left, right = st.columns([3, 2])
with left:
    st.subheader("Top actors")
    top, limit = ui.actor_summary(men, rel, labels), settings.table_rows()
    if len(top) > limit:  # 31,000 actors of a 20,000-article store made a 1.7 MB message
        st.caption(f"showing the top {limit:,} of {len(top):,} actors — narrow the filters for the others")
    st.dataframe(
        top.head(limit),
        hide_index=True,
        width="stretch",
        height=320,
        column_config={
            "mentions": st.column_config.ProgressColumn(
                "Mentions", format="%d", min_value=0, max_value=int(max(len(men), 1))
            )
        },
    )
with right:
    st.subheader("Outlets")
    outlets = arts["outlet"].fillna("(unknown outlet)").value_counts().rename_axis("outlet").reset_index()
    st.dataframe(outlets.rename(columns={"count": "articles"}), hide_index=True, width="stretch", height=320)

st.subheader("Headline quantities")
st.caption(
    "The largest reported figure per category; qualifiers are kept as written (a bound is not a count)."
)
ui_evidence.evidence_table(
    ui.headline_quantities(qty),
    [
        "text",
        "qualifier",
        "category",
        "unit",
        "claimant",
        "modality",
        "outlet",
        "published",
        "sources",
        "sentence",
    ],
    f,
    key="headline",
    labels=labels,
)
ui.upload_box()
from lib import ui_export  # noqa: E402 - networkx and the exporters: imported once the page is drawn

ui_export.briefing_panel(f)
