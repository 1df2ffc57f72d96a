"""The claims chart: competing estimates of one quantity as intervals, one row per claim, never summed.

Each claim is a row labelled "figure as written (claimant, outlet, published)". The reported number
is a marker shaped by its qualifier (exact ●, approximately ○, at least ▶, up to ◀, range ┃–┃), and
its bounds are drawn as a line: a range from low to high, a lower bound as a dashed line running on
to the right edge (the truth may be higher), an upper bound as a dashed line from the left edge.
Cumulative figures ("since 2023", "so far") sit in their own band under a "Σ cumulative" heading, so
they are never read against per-period ones.
"""

from __future__ import annotations

import html
import math

import pandas as pd
import plotly.graph_objects as go

from lib.figure_style import GRID, fmt_number, hover_text, note, num, or_default, style

# Horizontal chart: bounds point along the x axis.
SHAPES = {
    "exact": ("circle", "exact"),
    "approx": ("circle-open", "approximately"),
    "at_least": ("triangle-right", "at least (lower bound)"),
    "more_than": ("triangle-right", "more than (lower bound)"),
    "up_to": ("triangle-left", "up to (upper bound)"),
    "less_than": ("triangle-left", "less than (upper bound)"),
    "range": ("line-ns", "range (low–high)"),
}
PERIOD_COLOURS = {"per period": "#0072B2", "cumulative": "#D55E00"}
HIGHLIGHT = "#D55E00"


def claims_figure(
    claims: pd.DataFrame,
    *,
    log: bool = True,
    title: str = "Competing estimates",
    subtitle: str = "",
    selected: str | None = None,
) -> go.Figure:
    """Claims from :func:`lib.claims.claims_table` as an interval chart (see the module docstring).

    Traces: one bounds-line trace per period that has bounds to draw, then one marker trace per
    (period, qualifier) named ``"<period> · <qualifier words>"``; every marker carries
    ``quantity:<id>`` in ``customdata``. A claim with no number is left out with a note.
    """
    fig = go.Figure()
    if claims is None or claims.empty:
        style(fig, title=title, subtitle=subtitle, height=320)
        note(fig, "No reported figures for this category and actor pair under the filters.")
        return fig
    rows = claims.assign(y=[_row_label(r) for r in claims.itertuples(index=False)])
    xs = [v for c in ("value", "low", "high") for v in rows[c].map(num) if v]
    lo_edge, hi_edge = (min(xs) / 3, max(xs) * 3) if xs else (0.1, 10)
    for period in ("per period", "cumulative"):
        grp = rows[rows["period"] == period]
        if grp.empty:
            continue
        fig.add_trace(_bounds_trace(grp, period, lo_edge, hi_edge))
        for qual, sub in grp.groupby("qualifier", sort=True):
            fig.add_trace(_marker_trace(sub, period, qual, selected))
    order = list(rows["y"])  # per period first, then cumulative, as claims_table orders them
    style(fig, title=title, subtitle=subtitle, height=max(320, 170 + 46 * len(rows)))
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order[::-1],
        title=None,
        showgrid=True,
        gridcolor=GRID,
        automargin=True,
    )
    fig.update_xaxes(
        type="log" if log else "linear",
        showgrid=True,
        gridcolor=GRID,
        title="Reported number" + (" (log scale)" if log else ""),
        range=_x_range(lo_edge, hi_edge, log=log),
    )
    fig.update_layout(  # legend above the plot: the claim labels already take the left third
        legend=dict(title=dict(text="Period · qualifier"), orientation="h", y=1.0, yanchor="bottom", x=0),
        clickmode="event+select",
        margin=dict(t=130),
    )
    n_cum = int((rows["period"] == "cumulative").sum())
    note(
        fig,
        "Competing estimates: nothing here is summed."
        + (f" Σ: {n_cum} running total(s) (since …, so far), kept apart." if n_cum else ""),
    )
    return fig


def _row_label(r) -> str:
    mark = "Σ " if r.period == "cumulative" else ""
    return f"{mark}{html.escape(_short(str(r.label)))}"


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _bounds_trace(grp: pd.DataFrame, period: str, lo_edge: float, hi_edge: float) -> go.Scatter:
    """All bounds of one period as horizontal segments separated by gaps (None)."""
    x, y = [], []
    for r in grp.itertuples(index=False):
        lo, hi = num(r.low), num(r.high)
        if r.qualifier == "range" and lo is not None and hi is not None:
            x += [lo, hi, None]
        elif r.qualifier in ("at_least", "more_than") and lo is not None:
            x += [lo, hi_edge, None]  # open above: the truth may be higher
        elif r.qualifier in ("up_to", "less_than") and hi is not None:
            x += [lo_edge, hi, None]  # open below
        else:
            continue
        y += [r.y, r.y, None]
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        name=f"{period} · bounds",
        legendgroup=period,
        showlegend=False,
        hoverinfo="skip",
        connectgaps=False,
        line=dict(color=PERIOD_COLOURS[period], width=3),
    )


def _marker_trace(sub: pd.DataFrame, period: str, qual: str, selected: str | None) -> go.Scatter:
    symbol, words = SHAPES.get(qual, ("x", qual))
    keys = [f"quantity:{i}" for i in sub["id"]]
    picked = [k == selected for k in keys]
    colour = PERIOD_COLOURS[period]
    return go.Scatter(
        x=[_marker_x(r) for r in sub.itertuples(index=False)],
        y=sub["y"],
        mode="markers",
        name=f"{period} · {words}",
        legendgroup=period,
        customdata=keys,
        hovertext=[_hover(r) for r in sub.itertuples(index=False)],
        hoverinfo="text",
        marker=dict(
            symbol=symbol,
            size=16,
            color=colour,
            line=dict(
                color=[HIGHLIGHT if p else colour for p in picked], width=[4 if p else 2 for p in picked]
            ),
        ),
    )


def _marker_x(r) -> float | None:
    """Where the marker sits: at the bound a bound names, else at the value."""
    bound = {"at_least": r.low, "more_than": r.low, "up_to": r.high, "less_than": r.high}.get(r.qualifier)
    return num(bound) if num(bound) is not None else num(r.value)


def _x_range(lo: float, hi: float, *, log: bool) -> list[float]:
    return [math.log10(lo), math.log10(hi)] if log and lo > 0 else [0, hi]


def _hover(r) -> str:
    return (
        f"<b>“{hover_text(r.text)}”</b><br>{html.escape(SHAPES.get(r.qualifier, ('', r.qualifier))[1])}"
        f" · low {fmt_number(r.low)} · high {fmt_number(r.high)} · {html.escape(r.period)}<br>"
        f"Claimant: {hover_text(r.claimant)} · {html.escape(or_default(r.modality, 'asserted'))}<br>"
        f"Direction: {hover_text(r.direction)} · dated {html.escape(or_default(r.date, 'not dated'))}<br>"
        f"Reported by: {hover_text(or_default(r.sources))}<br><i>{hover_text(r.sentence)}</i>"
    )
