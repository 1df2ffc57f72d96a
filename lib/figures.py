"""Plotly figures for the dashboard: pure functions of frames/graphs, never importing streamlit.

Every figure has a title, the filter description as its subtitle, and one print-friendly look (white
background, dark text, and meaning carried by marker shape or pattern as well as colour, so a black
and white printout still reads). Text from articles is untrusted: it is ``html.escape``-d before it
goes into hover labels, because plotly renders a subset of HTML there.

The look lives in :mod:`lib.figure_style`; the figures by view in :mod:`lib.figures_network`,
:mod:`lib.figures_time` and :mod:`lib.figures_claims`. This module gathers them, so
``from lib.figures import network_figure, style`` works as it always did.
"""

from __future__ import annotations

from lib.figure_style import (
    ACTION_COLOURS,
    FONT,
    GRID,
    NO_ACTION,
    PALETTE,
    QUALIFIER_STYLE,
    evidence_hover,
    fmt_number,
    hover_text,
    iso,
    note,
    num,
    or_default,
    style,
)
from lib.figures_claims import claims_figure
from lib.figures_network import network_figure
from lib.figures_time import event_spans, quantities_figure, quantity_points, timeline_figure

__all__ = [
    "ACTION_COLOURS",
    "FONT",
    "GRID",
    "NO_ACTION",
    "PALETTE",
    "QUALIFIER_STYLE",
    "claims_figure",
    "event_spans",
    "evidence_hover",
    "fmt_number",
    "hover_text",
    "iso",
    "network_figure",
    "note",
    "num",
    "or_default",
    "quantities_figure",
    "quantity_points",
    "style",
    "timeline_figure",
]
