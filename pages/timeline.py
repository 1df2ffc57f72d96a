"""Timeline: dated events at the precision the text gives, in lanes by actor or by action."""

import streamlit as st

from lib import settings, ui, ui_evidence, ui_export, ui_linked
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
ui_linked.selection_bar(f, labels)
events = ui.filtered("events", f)  # the evidence: narrowed by any selection
drawn = events if f.for_chart("timeline") == f else ui.filtered("events", f.for_chart("timeline"))
limit = settings.timeline_detail()
if len(drawn) > limit:  # said above the chart too: the analyst must know these are counts
    st.info(
        f"**{len(drawn):,} events: the chart shows counts** per lane and period (the busiest lanes), "
        f"not single events. Narrow the sidebar filters (actors, date range, actions, outlets) to "
        f"{limit:,} events or fewer to draw each one and click it; the table below lists them (its download has every event)."
    )
fig = timeline_figure(drawn, lane=lane, labels=labels, subtitle=f.describe(labels), selected=f.selected,
                      max_events=limit)
ui_linked.chart(fig, key="timeline")

st.subheader("Evidence: events shown")
ui_evidence.evidence_table(
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
        "status",
        "outlet",
        "published",
        "sources",
        "sentence",
    ],
    f,
    key="events",
    labels=labels,
)
chart = fig if not f.selected else timeline_figure(  # the export: without the selection's outline
    drawn, lane=lane, labels=labels, subtitle=f.describe(labels), max_events=limit
)
ui_export.export_panel(chart, events, f, key="timeline", articles=drawn, kind="events")
ui_export.correction_panel(events, "events", key="timeline")
