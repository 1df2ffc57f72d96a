"""Timeline: dated events at the precision the text gives, in lanes by actor or by action."""

import streamlit as st

from lib import ui
from lib.figures import timeline_figure

f = ui.sidebar_filters()
labels = ui.actor_labels()
ui.page_header(
    "Timeline",
    f,
    "Dates resolved against each article's publication date. A day is a point; a "
    "month, year or range is a bar; “since …” is a hatched bar to the publication date ending in ▶.",
)

lane = (
    st.segmented_control(
        "Lanes", ["actor", "action"], default="actor", key="lane", format_func=lambda v: f"by {v}"
    )
    or "actor"
)
events = ui.filtered("events", f)
st.plotly_chart(
    timeline_figure(events, lane=lane, labels=labels, subtitle=f.describe(labels)),
    key="timeline",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
)

st.subheader("Evidence: events shown")
ui.evidence_table(
    events,
    [
        "date_text",
        "date",
        "date_end",
        "precision",
        "open_end",
        "action",
        "actors",
        "modality",
        "claimant",
        "outlet",
        "published",
        "sentence",
    ],
    f,
    key="events",
    labels=labels,
)
