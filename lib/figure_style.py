"""The shared look of every figure: palette, qualifier shapes, :func:`style`, safe hover text.

The figures themselves live by view (:mod:`lib.figures_network`, :mod:`lib.figures_time`,
:mod:`lib.figures_claims`) and are gathered in :mod:`lib.figures`.

Every figure has a title, the filter description as its subtitle, and one print-friendly look (white
background, dark text, and meaning carried by marker shape or pattern as well as colour, so a black
and white printout still reads). Text from articles is untrusted: it is ``html.escape``-d before it
goes into hover labels, because plotly renders a subset of HTML there.
"""

from __future__ import annotations

import html
import math
import textwrap
from datetime import date

import plotly.graph_objects as go

# Okabe–Ito, safe for colour-blind readers, then a few extra darks for long action lists.
PALETTE = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#000000",
    "#8C564B",
    "#7F7F7F",
    "#F0E442",
    "#1F3A93",
    "#A61C3C",
    "#4D7C0F",
    "#6B21A8",
    "#92400E",
    "#0E7490",
    "#444444",
)
ACTION_COLOURS = {
    a: PALETTE[i % len(PALETTE)]
    for i, a in enumerate(
        (
            "transfer",
            "supply",
            "sell",
            "buy",
            "train",
            "deploy",
            "attack",
            "threaten",
            "sanction",
            "accuse",
            "condemn",
            "veto",
            "meet",
            "agree",
            "aid",
            "negotiate",
            "other",
        )
    )
}

# Qualifier → (marker symbol, legend words). A bound is a triangle pointing the way the truth may lie.
QUALIFIER_STYLE = {
    "exact": ("circle", "exact"),
    "approx": ("circle-open", "approximately"),
    "at_least": ("triangle-up", "at least (lower bound)"),
    "more_than": ("triangle-up", "more than (lower bound)"),
    "up_to": ("triangle-down", "up to (upper bound)"),
    "less_than": ("triangle-down", "less than (upper bound)"),
    "range": ("line-ew", "range (low–high)"),
}
NO_ACTION = "(no action named)"
ACTION_COLOURS[NO_ACTION] = "#9aa5b1"
FONT = dict(family="Inter, 'Helvetica Neue', Arial, sans-serif", size=13, color="#1f2933")
GRID = "#e4e7eb"


# ---------------------------------------------------------------------------------------------- shared
def hover_text(text: object, *, width: int = 80) -> str:
    """Untrusted text made safe for a plotly hover label: escaped, then wrapped with ``<br>``.

    >>> hover_text("<b>x</b> " + "word " * 3, width=10)
    '&lt;b&gt;x&lt;/b&gt;<br>word word<br>word'
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    lines = textwrap.wrap(str(text), width=width) or [""]
    return "<br>".join(html.escape(line) for line in lines)


def style(fig: go.Figure, *, title: str, subtitle: str = "", height: int = 560) -> go.Figure:
    """Apply the house look: white, gridlines light, title with the filter description beneath."""
    fig.update_layout(
        template="simple_white",
        font=FONT,
        height=height,
        paper_bgcolor="white",
        plot_bgcolor="white",
        title=dict(
            text=html.escape(title),
            x=0.01,
            xanchor="left",
            font=dict(size=18),
            subtitle=dict(text=html.escape(subtitle), font=dict(size=12, color="#52606d")),
        ),
        margin=dict(l=20, r=20, t=80, b=40),
        hoverlabel=dict(bgcolor="white", font_size=12, align="left"),
        legend=dict(bgcolor="rgba(255,255,255,0.9)", bordercolor=GRID, borderwidth=1, font=dict(size=12)),
    )
    return fig


NOTE_WIDTH = 130  # characters per line of a note: about the width of a chart on a page at 11 px


def note(fig: go.Figure, text: str) -> None:
    """A grey note under the chart (e.g. "No relations match the filters."), wrapped to the chart's
    width: Plotly never wraps an annotation, so a long note would run off the figure's right edge."""
    lines = textwrap.wrap(text, width=NOTE_WIDTH) or [""]
    # Below the x-axis title, where it cannot collide with tick labels.
    fig.add_annotation(
        text="<br>".join(html.escape(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-62,
        yanchor="top",
        showarrow=False,
        font=dict(size=11, color="#52606d"),
        align="left",
    )
    fig.update_layout(margin=dict(b=max(90, 76 + 15 * len(lines))))


def fmt_number(value: object) -> str:
    """ "9,000,000" for a whole number, two decimals otherwise, "–" for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    v = float(value)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"


def or_default(value: object, default: str = "–") -> str:
    """``str(value)``, or ``default`` for None, NaN and the empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return default
    return str(value)


def evidence_hover(row: object) -> str:
    """Hover footer shared by all charts: claimant, modality, outlet and date, and the sentence."""
    published = or_default(getattr(row, "published", None), "date unknown")[:10]
    return (
        f"Claimant: {hover_text(or_default(getattr(row, 'claimant', None), 'not attributed'))}"
        f" · {html.escape(or_default(getattr(row, 'modality', None), 'asserted'))}<br>"
        f"Outlet: {hover_text(or_default(getattr(row, 'outlet', None), 'unknown'))}"
        f" · published {published}<br>"
        f"<i>{hover_text(getattr(row, 'sentence', ''))}</i>"
    )


def num(value: object) -> float | None:
    """A float, or None for missing, NaN and non-numbers."""
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(v) else v


def iso(value: object) -> str:
    """A date as ISO text for a plotly date axis; anything else as ``str``."""
    return value.isoformat() if isinstance(value, date) else str(value)
