"""Quantities: reported numbers over time with their qualifiers kept visible (bounds are never bars)."""

import streamlit as st

from lib import ui
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
qty = ui.filtered("quantities", f)
st.plotly_chart(
    quantities_figure(qty, log=log, subtitle=f.describe(labels)),
    key="quantities",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
)

st.subheader("Evidence: quantities shown")
ui.evidence_table(
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
        "outlet",
        "published",
        "sentence",
    ],
    f,
    key="quantity_rows",
    labels=labels,
)
