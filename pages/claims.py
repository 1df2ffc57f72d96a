"""Claims: every reported figure for one category and actor pair, side by side, with who claims it.

Competing estimates are lined up, never added up; cumulative figures ("since 2023", "so far") are
marked Σ and kept apart. A link with one category and two actors (``?category=ammunition&actor=PRK&
actor=RUS``) opens on that pair.
"""

import streamlit as st

from lib import ui, ui_evidence, ui_export, ui_linked
from lib.figures import claims_figure

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header(
    "Competing estimates",
    f,
    "For one category and actor pair: each reported figure with its qualifier and bounds, who claims it, "
    "where and when it was reported. ● exact · ○ about · ▶ at least · ◀ up to · ┃ range · Σ cumulative.",
)
ui_linked.selection_bar(f, labels)

groups = ui_linked.claim_groups(f)
if groups.empty:
    st.info("No quantity under the current filters names two actors, so there is nothing to compare.")
    st.stop()

keys = [(r.category, r.a, r.b) for r in groups.itertuples(index=False)]
info = {(r.category, r.a, r.b): r for r in groups.itertuples(index=False)}
wanted = next((k for k in keys if f.categories[:1] == (k[0],) and set(f.actors) == {k[1], k[2]}), keys[0])
if st.session_state.get("claim_pick") not in keys:
    st.session_state["claim_pick"] = wanted


def _group_label(k: tuple) -> str:
    r = info[k]
    a, b = (r.source, r.target) if isinstance(r.source, str) else (r.a, r.b)
    arrow = "→" if isinstance(r.source, str) else "–"
    counts = f"{r.claims} figure(s), {r.claimants} claimant(s)"
    return f"{r.category}: {labels.get(a, a)} {arrow} {labels.get(b, b)} ({counts})"


category, a, b = st.selectbox("Category and actor pair", keys, key="claim_pick", format_func=_group_label)
log = st.toggle("Log scale", value=True, key="claims_log")
drawn = ui_linked.claims(f, category, (a, b), chart_view=True)
ui_linked.chart(
    claims_figure(
        drawn,
        log=log,
        subtitle=f.describe(labels),
        selected=f.selected,
        title=f"Competing estimates: {_group_label((category, a, b)).split(' (')[0]}",
    ),
    key="claims",
)
cumulative = int((drawn["period"] == "cumulative").sum()) if len(drawn) else 0
st.caption(
    f"{len(drawn)} figure(s) from {drawn['claimant'].nunique() if len(drawn) else 0} claimant(s). "
    "Figures are not summed: they are competing estimates of one quantity"
    + (f"; {cumulative} cumulative figure(s) (Σ) are running totals, kept apart." if cumulative else ".")
    + " Syndicated copies of one story count once; every outlet that carried it is listed."
)

st.subheader("Evidence: figures compared")
# the same rows as the chart's unless a selection made on this chart narrows the evidence
shown = drawn if f.for_chart("claims") == f else ui_linked.claims(f, category, (a, b), chart_view=False)
ui_evidence.evidence_table(
    shown,
    [
        "label",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "period",
        "claimant",
        "modality",
        "direction",
        "date",
        "published",
        "sources",
        "sentence",
    ],
    f,
    key="claims_rows",
    labels=labels,
)
title = f"Competing estimates: {_group_label((category, a, b)).split(' (')[0]}"
chart = claims_figure(drawn, log=log, subtitle=f.describe(labels), title=title)  # unselected, for the export
ui_export.export_panel(chart, shown, f, key="claims", articles=drawn, kind="quantities")
ui_export.correction_panel(shown, "quantities", key="claims")
