"""Quantities: reported numbers over time with their qualifiers kept visible (bounds are never bars)."""

import streamlit as st

from lib import ui, ui_evidence, ui_export, ui_linked
from lib.figures import quantities_figure

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header(
    "Quantities",
    f,
    "● exact · ○ approximately · ▲ at least / more than · ▼ up to / less than · "
    "┃ range. Placed at the figure's own date, else at the article's publication date (see hover).",
)

log = st.toggle(
    "Log scale",
    value=True,
    key="log",
    help="Figures span units to millions; a log axis keeps small counts readable next to large ones.",
)
ui_linked.selection_bar(f, labels)
qty = ui.filtered("quantities", f)  # the evidence: narrowed by any selection
# The chart: not narrowed by a selection made on it (the same frame when nothing is selected).
drawn = qty if f.for_chart("quantities") == f else ui.filtered("quantities", f.for_chart("quantities"))
fig = quantities_figure(drawn, log=log, subtitle=f.describe(labels), selected=f.selected)
ui_linked.chart(fig, key="quantities")

st.subheader("Evidence: quantities shown")
ui_evidence.evidence_table(
    qty,
    [
        "text",
        "value",
        "low",
        "high",
        "qualifier",
        "unit",
        "category",
        "date",
        "claimant",
        "modality",
        "cumulative",
        "status",
        "outlet",
        "published",
        "sources",
        "sentence",
    ],
    f,
    key="quantity_rows",
    labels=labels,
)
chart = fig if not f.selected else quantities_figure(drawn, log=log, subtitle=f.describe(labels))  # export
ui_export.export_panel(chart, qty, f, key="quantities", articles=drawn, kind="quantities")
ui_export.correction_panel(qty, "quantities", key="quantities")
