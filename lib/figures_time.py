"""Figures over time: the timeline of events (fuzzy dates drawn as their span) and reported quantities.

Every mark carries its selection string in ``customdata`` (``event:<id>``, ``quantity:<id>``), so a
click selects it (:mod:`lib.selection`); ``selected`` outlines the chosen one.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from lib.figure_style import (
    ACTION_COLOURS,
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
from lib.figures_quantities import wrap as _wrap
from lib.filters import SPAN_COLUMNS, date_spans, fact_span, parse_date

HIGHLIGHT = "#D55E00"


def event_spans(
    events: pd.DataFrame, *, lane: str = "actor", labels: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """One row per (event, lane) with ``lo``/``hi`` days and the shape to draw.

    ``shape`` is ``point`` (a single day), ``bar`` (a month, a year or a closed range) or ``open``
    (a "since …" range, drawn to the publication date). An event with no actor goes to the
    "(no actor named)" lane, one with no action to "(unspecified)".
    """
    rows = []
    labels = labels or {}
    for ev in events.itertuples(index=False):
        published = parse_date(getattr(ev, "published", None))
        lo, hi = fact_span(
            ev.date,
            date_end=getattr(ev, "date_end", None),
            precision=ev.precision,
            open_end=bool(getattr(ev, "open_end", False)),
            published=published,
        )
        if lo is None:
            continue
        open_end = bool(getattr(ev, "open_end", False))
        shape = "open" if open_end else ("point" if lo == hi else "bar")
        hi = hi or lo
        for name in _lanes(ev, lane, labels):
            rows.append(
                {
                    "lane": name,
                    "lo": lo,
                    "hi": hi,
                    "shape": shape,
                    "action": or_default(ev.action, NO_ACTION),
                    "row": ev,
                }
            )
    return pd.DataFrame(rows, columns=["lane", "lo", "hi", "shape", "action", "row"])


def _lanes(ev: object, lane: str, labels: Mapping[str, str]) -> list[str]:
    if lane == "action":
        return [or_default(ev.action, NO_ACTION)]
    actors = [a for a in (getattr(ev, "actors", None) if getattr(ev, "actors", None) is not None else [])]
    return [labels.get(a, a) for a in actors] or ["(no actor named)"]


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane: str = "actor",
    labels: Mapping[str, str] | None = None,
    title: str = "Timeline of reported events",
    subtitle: str = "",
    selected: str | None = None,
    max_events: int | None = None,
) -> go.Figure:
    """Events on a date axis at their precision, one lane per actor (or per action).

    A day is a point; a month, a year or a range is a horizontal bar spanning it; an open range
    ("since October 2024") is a hatched bar to the publication date ending in a ▶ marker. Colour is
    the action; hover shows the date as written, the sentence, outlet and claimant. Every bar and
    point carries ``event:<id>``; the ``selected`` one is outlined in orange.

    More than ``max_events`` events (default :data:`DETAIL_LIMIT`; a browser cannot draw 50,000
    hoverable marks quickly) are drawn as counts instead: :func:`timeline_density_figure`.
    """
    limit = DETAIL_LIMIT if max_events is None else max_events
    if events is not None and len(events) > limit:
        return timeline_density_figure(events, lane=lane, labels=labels, title=title, subtitle=subtitle,
                                       limit=limit)
    spans = event_spans(events, lane=lane, labels=labels) if events is not None and len(events) else None
    fig = go.Figure()
    if spans is None or spans.empty:
        style(fig, title=title, subtitle=subtitle, height=360)
        note(fig, "No dated events match the filters.")
        return fig
    spans, hidden = _busiest_lanes(spans, selected)
    for action, grp in spans.groupby("action", sort=True):
        colour = ACTION_COLOURS.get(action, PALETTE[-1])
        bars = grp[grp["shape"] != "point"]
        points = grp[grp["shape"] == "point"]
        if len(bars):
            fig.add_trace(
                go.Bar(
                    orientation="h",
                    y=bars["lane"],
                    base=[d.isoformat() for d in bars["lo"]],
                    x=[_span_ms(lo, hi) for lo, hi in zip(bars["lo"], bars["hi"], strict=True)],
                    name=action,
                    legendgroup=action,
                    marker=dict(
                        color=colour,
                        opacity=0.55,
                        line=dict(
                            color=_outline(bars, selected, colour), width=_outline_width(bars, selected, 1.5)
                        ),
                        pattern=dict(
                            shape=["/" if s == "open" else "" for s in bars["shape"]], fgcolor="white"
                        ),
                    ),
                    hovertext=[_event_hover(r) for r in bars["row"]],
                    hoverinfo="text",
                    customdata=_keys(bars, "event"),
                    width=0.5,
                )
            )
        if len(points):
            fig.add_trace(
                go.Scatter(
                    x=[d.isoformat() for d in points["lo"]],
                    y=points["lane"],
                    mode="markers",
                    name=action,
                    legendgroup=action,
                    showlegend=not len(bars),
                    hovertext=[_event_hover(r) for r in points["row"]],
                    hoverinfo="text",
                    customdata=_keys(points, "event"),
                    marker=dict(
                        symbol="circle",
                        size=12,
                        color=colour,
                        line=dict(
                            color=_outline(points, selected, "#102a43"),
                            width=_outline_width(points, selected, 1),
                        ),
                    ),
                )
            )
    opened = spans[spans["shape"] == "open"]
    if len(opened):
        fig.add_trace(
            go.Scatter(
                x=[d.isoformat() for d in opened["hi"]],
                y=opened["lane"],
                mode="markers",
                name="open range (since …, to publication)",
                hoverinfo="skip",
                marker=dict(symbol="triangle-right", size=12, color="#102a43"),
            )
        )
    n_lanes = spans["lane"].nunique()
    style(fig, title=title, subtitle=subtitle, height=max(360, 160 + 48 * n_lanes))
    if hidden:
        note(fig, f"Drawn: the {n_lanes} busiest lanes; {hidden} more lane(s) hidden. "
                  "Filter or focus on an actor to see them; the table lists every event.")
    fig.update_layout(barmode="overlay", bargap=0.4, legend=dict(title=dict(text="Action")))
    fig.update_xaxes(
        type="date",
        showgrid=True,
        gridcolor=GRID,
        title="Date (bars span the month, year or range the text gives)",
    )
    fig.update_yaxes(
        type="category", categoryorder="category descending", title=None, showgrid=True, gridcolor=GRID
    )
    return fig


MAX_LANES = 40  # beyond this a timeline is taller than any screen or slide
# Beyond this many events the timeline draws counts per lane and period instead of every event: the
# full figure costs about 0.1 ms of CPU per event to build and as much again to draw in the browser
# (49,360 events: 15 s to the first chart, BENCHMARKS.md); below it, under a second.
DETAIL_LIMIT = 5000
_BINS = (("day", "D"), ("week", "W"), ("month", "M"), ("year", "Y"))
MAX_BINS = 400  # columns of the count grid: the finest of day / week / month / year that fits


def timeline_density_figure(
    events: pd.DataFrame,
    *,
    lane: str = "actor",
    labels: Mapping[str, str] | None = None,
    title: str = "Timeline of reported events",
    subtitle: str = "",
    limit: int = DETAIL_LIMIT,
) -> go.Figure:
    """Counts of events per lane and period (a heat strip), for more events than a browser can draw.

    Each event is counted once per lane (actor, or action) at the first day of its date span, in the
    finest period (day, week, month, year) that gives at most :data:`MAX_BINS` columns; the
    :data:`MAX_LANES` busiest lanes are drawn, each labelled with its total. A note under the chart
    says what is drawn, what is not, and how to get every event drawn (narrow the filters below
    ``limit``); the page's evidence table lists every event. Vectorised: no per-event Python.
    """
    fig = go.Figure()
    placed = _event_days(events, lane, labels or {})
    unplaced = len(events) - placed["event"].nunique()
    if placed.empty:
        style(fig, title=title, subtitle=subtitle, height=360)
        note(fig, "No dated events match the filters.")
        return fig
    totals = placed["lane"].value_counts()
    keep = totals.index[:MAX_LANES]
    shown = placed[placed["lane"].isin(keep)]
    word, unit = _bin_unit(shown["day"])
    cells = shown.assign(bin=_bin_start(shown["day"], unit)).groupby(["lane", "bin"]).size().reset_index(name="n")
    order = {name: i for i, name in enumerate(keep)}  # busiest at the top (category descending order)
    cells = cells.assign(rank=cells["lane"].map(order)).sort_values(["rank", "bin"], kind="stable")
    names = [f"{html.escape(str(name))} ({totals[name]:,})" for name in keep]
    ticks = [t for t in (1, 10, 100, 1000, 10000, 100000) if t <= max(10, cells["n"].max())]
    # One square per lane and period (none where nothing happened), coloured on a log scale so that
    # one busy day does not wash the rest out; the count itself is in the hover.
    fig.add_trace(
        go.Scatter(
            x=cells["bin"].dt.strftime("%Y-%m-%d").tolist(),
            y=[names[r] for r in cells["rank"]],
            mode="markers",
            name="events",
            showlegend=False,
            text=[f"{n:,}" for n in cells["n"]],
            hovertemplate=f"%{{y}}<br>{word} of %{{x}}: %{{text}} event(s)<extra></extra>",
            marker=dict(
                symbol="square",
                size=9,
                color=np.log10(cells["n"].to_numpy(dtype=float)).tolist(),
                colorscale="Blues",
                cmin=-0.3,
                cmax=float(np.log10(max(10, cells["n"].max()))),
                line=dict(width=0.5, color="#52606d"),
                colorbar=dict(title=dict(text=f"events per {word}"), thickness=12,
                              tickvals=np.log10(ticks).tolist(), ticktext=[f"{t:,}" for t in ticks]),
            ),
        )
    )
    style(fig, title=title, subtitle=subtitle, height=max(360, 170 + 26 * len(names)))
    hidden = len(totals) - len(keep)
    words = (f"Counts, not single events: {len(events):,} events are more than {limit:,}. "
             f"Per {word}, at the first day of the date span; the {len(keep)} busiest "
             f"lane(s) drawn" + (f", {hidden:,} not" if hidden else "")
             + (f"; {unplaced:,} event(s) with no readable date" if unplaced else "") + ". "
             "Filter to draw each event; the table lists every one.")
    note(fig, words)
    focus = _focus_range(pd.Series(shown["day"]), unit)
    fig.update_xaxes(type="date", showgrid=True, gridcolor=GRID, range=focus,
                     title=f"Date (events per {word})" + ("; the axis opens on 98 % of them: zoom out for all"
                                                          if focus else ""))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(names)), title=None,
                     showgrid=True, gridcolor=GRID)
    return fig


def _event_days(events: pd.DataFrame, lane: str, labels: Mapping[str, str]) -> pd.DataFrame:
    """``event`` (row position), ``lane`` and ``day`` (first day of the event's own date span) per
    (event, lane), for events with a readable date of their own (as :func:`event_spans` draws them)."""
    spans = events if all(c in events for c in SPAN_COLUMNS) else date_spans(events, "events")
    day = spans["span_lo"].to_numpy(dtype="datetime64[D]")
    ok = spans["span_own"].to_numpy(dtype=bool) & ~np.isnat(day)
    if lane == "action":
        names = events["action"].astype(object).where(events["action"].notna() & (events["action"] != ""),
                                                      NO_ACTION)
        df = pd.DataFrame({"event": np.arange(len(events)), "lane": names.to_numpy(), "day": day})
        return df[ok].reset_index(drop=True)
    actors = [list(dict.fromkeys(a)) if a is not None and not isinstance(a, float) else [] for a in events["actors"]]
    df = pd.DataFrame({"event": np.arange(len(events)), "lane": actors, "day": day})[ok]
    df = df.explode("lane")
    df["lane"] = df["lane"].map(lambda a: labels.get(a, a) if isinstance(a, str) and a else "(no actor named)")
    return df.drop_duplicates(["event", "lane"]).reset_index(drop=True)


def _bin_unit(days: pd.Series) -> tuple[str, str]:
    """(word, unit) of the finest period giving at most :data:`MAX_BINS` columns over the central 90 %
    of the dates (a few facts about 1945 or 2080 must not turn a year of news into one column)."""
    lo, hi = days.quantile([0.05, 0.95])
    span_days = (hi - lo) / pd.Timedelta(days=1) + 1
    for word, unit in _BINS:
        if span_days / {"D": 1, "W": 7, "M": 30.44, "Y": 365.25}[unit] <= MAX_BINS:
            return word, unit
    return _BINS[-1]


def _focus_range(days: pd.Series, unit: str) -> list[str] | None:
    """The x range the chart opens on: the central 98 % of the dates, padded by a period (None when
    that is every date). Dates outside stay in the figure: zooming out shows them."""
    lo, hi = days.quantile([0.01, 0.99])
    if lo <= days.min() and hi >= days.max():
        return None
    pad = pd.Timedelta(days={"D": 1, "W": 7, "M": 31, "Y": 366}[unit])
    return [(lo - pad).strftime("%Y-%m-%d"), (hi + pad).strftime("%Y-%m-%d")]


def _bin_start(days: pd.Series, unit: str) -> pd.Series:
    """The first day of each day's period: itself, its week's Monday, its month's 1st, its year's 1 Jan."""
    d = days.to_numpy(dtype="datetime64[D]")
    if unit == "W":  # 1970-01-01 was a Thursday: shift so that weeks start on Monday
        start = d - ((d.astype("int64") + 3) % 7).astype("timedelta64[D]")
    else:
        start = d.astype(f"datetime64[{unit}]").astype("datetime64[D]")
    return pd.Series(pd.to_datetime(start), index=days.index)


def _busiest_lanes(spans: pd.DataFrame, selected: str | None) -> tuple[pd.DataFrame, int]:
    """The spans of the ``MAX_LANES`` lanes with the most events (plus the selected event's lanes),
    and how many lanes were left out (said under the chart, never silently)."""
    counts = spans["lane"].value_counts()
    if len(counts) <= MAX_LANES:
        return spans, 0
    keep = set(counts.index[:MAX_LANES])
    wanted = selected.partition(":")[2] if selected else None
    if wanted:
        keep |= {lane for lane, r in zip(spans["lane"], spans["row"], strict=True)
                 if getattr(r, "id", None) == wanted}
    return spans[spans["lane"].isin(keep)], len(counts) - len(keep)


def _keys(rows: pd.DataFrame, kind: str) -> list[str | None]:
    """The selection string of each drawn row (None for a fact without an id)."""
    return [f"{kind}:{r.id}" if isinstance(getattr(r, "id", None), str) else None for r in rows["row"]]


def _outline(rows: pd.DataFrame, selected: str | None, default: str) -> list[str]:
    """Outline colour per row: orange for the selected fact (any kind: ids are unique), else ``default``."""
    wanted = selected.partition(":")[2] if selected else None
    return [HIGHLIGHT if wanted and getattr(r, "id", None) == wanted else default for r in rows["row"]]


def _outline_width(rows: pd.DataFrame, selected: str | None, default: float) -> list[float]:
    return [4.0 if c == HIGHLIGHT else default for c in _outline(rows, selected, "")]


def _span_ms(lo: date, hi: date) -> int:
    """Bar length for a plotly date axis, in milliseconds: from the first day to the end of the last."""
    return ((hi + timedelta(days=1)) - lo).days * 86_400_000


def _event_hover(ev: object) -> str:
    span = or_default(ev.date) + (
        f" – {ev.date_end}" if or_default(getattr(ev, "date_end", None), "") else ""
    )
    span += " – (open, since)" if bool(getattr(ev, "open_end", False)) else ""
    return (
        f"<b>“{hover_text(getattr(ev, 'date_text', ''))}”</b> → {html.escape(span)} "
        f"({html.escape(or_default(ev.precision))})<br>"
        f"Action: {html.escape(or_default(ev.action, 'unspecified'))}<br>"
        f"{evidence_hover(ev)}"
    )


# ---------------------------------------------------------------------------------------------- quantities
MAX_POINTS = 200  # markers per category · qualifier trace (see _drawable): 400 made a 4.7 MB chart


def quantity_points(quantities: pd.DataFrame) -> pd.DataFrame:
    """Where each quantity goes on the chart: ``x`` (a date), ``x_source``, ``y``/``y_low``/``y_high``.

    ``x`` is the middle of the quantity's own date span ("2024" → 1 July 2024; an open range: its
    start), else the article's publication date (``x_source`` says which), else None (not plotted).
    ``y`` is the reported bound or value; a range keeps both ends in ``y_low``/``y_high``.
    """
    out = []
    for q in quantities.itertuples(index=False):
        published = parse_date(getattr(q, "published", None))
        lo, hi = fact_span(
            getattr(q, "date", None),
            date_end=getattr(q, "date_end", None),
            precision=getattr(q, "precision", None),
            open_end=bool(getattr(q, "open_end", False)),
        )
        if lo is not None:
            x, src = (lo + (hi - lo) / 2 if hi else lo), "date in text"
        else:
            x, src = published, "article published (no date in text)"
        low, high = num(getattr(q, "low", None)), num(getattr(q, "high", None))
        value = num(q.value)
        bound = {"at_least": low, "more_than": low, "up_to": high, "less_than": high}.get(q.qualifier)
        y = bound if bound is not None else value
        out.append(
            {
                "x": x,
                "x_source": src if x else None,
                "y": y,
                "y_low": low if low is not None else y,
                "y_high": high if high is not None else y,
                "row": q,
            }
        )
    return pd.DataFrame(out, columns=["x", "x_source", "y", "y_low", "y_high", "row"])


def quantities_figure(
    quantities: pd.DataFrame,
    *,
    log: bool = False,
    title: str = "Reported quantities",
    subtitle: str = "",
    selected: str | None = None,
) -> go.Figure:
    """Reported numbers over time, coloured by category, shaped by qualifier; bounds are never bars.

    exact → filled circle; at least / more than → ▲ (the true number may be higher); up to / less
    than → ▼; approximately → open circle; a range → a vertical segment from low to high with end
    ticks. One trace per (category, qualifier), named ``"<category> · <qualifier words>"``.
    Quantities with no date at all are listed in a note under the chart, not plotted. A cumulative
    figure ("since 2023", "so far") is labelled Σ. Every mark carries ``quantity:<id>``; the
    ``selected`` one is outlined in orange.
    """
    fig = go.Figure()
    if quantities is None or quantities.empty:
        style(fig, title=title, subtitle=subtitle, height=400)
        note(fig, "No quantities match the filters.")
        return fig
    unplaced = _unplaced(quantities)
    drawn = _drawable(quantities, selected)
    pts = quantity_points(drawn)
    pts = pts[pts["x"].notna() & pts["y"].notna()]
    if pts.empty:
        style(fig, title=title, subtitle=subtitle, height=400)
        note(fig, "No quantities match the filters." if not unplaced else _unplaced_words(unplaced))
        return fig
    cats = sorted({r.category for r in pts["row"]})
    colours = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(cats)}
    pts = pts.assign(category=[r.category for r in pts["row"]], qualifier=[r.qualifier for r in pts["row"]])
    for (cat, qual), grp in pts.groupby(["category", "qualifier"], sort=True):
        symbol, words = QUALIFIER_STYLE.get(qual, ("x", qual))
        hover = [_quantity_hover(r, s) for r, s in zip(grp["row"], grp["x_source"], strict=True)]
        xs = [iso(x) for x in grp["x"]]
        if qual == "range":
            fig.add_trace(_range_trace(xs, grp, hover, name=f"{cat} · {words}", colour=colours[cat]))
            continue
        outline = _outline(grp, selected, colours[cat])
        sigma = ["Σ" if bool(getattr(r, "cumulative", False)) else "" for r in grp["row"]]
        # One colour for the whole trace unless it holds the selected mark: plotly validates a list of
        # colours one by one (about a third of the figure's time on 6,600 markers).
        line = (
            dict(color=outline, width=[4 if c == HIGHLIGHT else 2 for c in outline])
            if HIGHLIGHT in outline
            else dict(color=colours[cat], width=2)
        )
        fig.add_trace(
            go.Scatter(  # string arrays as numpy: plotly then skips checking them element by element
                x=np.array(xs, dtype=object),
                y=grp["y"],
                # text only when a mark carries Σ: the browser lays out a text element per point
                mode="markers+text" if any(sigma) else "markers",
                text=np.array(sigma),
                textposition="middle right",
                name=f"{cat} · {words}",
                legendgroup=cat,
                hovertext=np.array(hover),
                hoverinfo="text",
                customdata=np.array(_keys(grp, "quantity"), dtype=object),
                marker=dict(
                    symbol=symbol,
                    size=14,
                    color=colours[cat],
                    line=line,
                ),
            )
        )
    style(fig, title=title, subtitle=subtitle, height=540)
    fig.update_xaxes(
        type="date", showgrid=True, gridcolor=GRID, title="Date of the figure (or of the report)"
    )
    fig.update_yaxes(
        type="log" if log else "linear",
        showgrid=True,
        gridcolor=GRID,
        title="Reported number" + (" (log scale)" if log else ""),
        rangemode="tozero",
    )
    fig.update_layout(legend=dict(title=dict(text="Category · qualifier")))
    words = [_unplaced_words(unplaced)] if unplaced else []
    if len(drawn) < len(quantities):  # never silently: say what was left out and where it is
        words.append(
            f"Drawn: the {MAX_POINTS} largest of each category · qualifier ({len(drawn):,} of "
            f"{len(quantities):,} quantities); the table lists every one."
        )
    if words:
        note(fig, " ".join(words))
    return fig


def _unplaced_words(n: int) -> str:
    return f"{n} quantity(ies) with no date and no publication date are listed in the table only."


def _reported_y(q: pd.DataFrame) -> pd.Series:
    """The number :func:`quantity_points` plots, vectorised: the bound a qualifier names, else the value."""
    low, high = pd.to_numeric(q["low"], errors="coerce"), pd.to_numeric(q["high"], errors="coerce")
    bound = low.where(q["qualifier"].isin(["at_least", "more_than"]))
    bound = bound.fillna(high.where(q["qualifier"].isin(["up_to", "less_than"])))
    return bound.fillna(pd.to_numeric(q["value"], errors="coerce"))


def _unplaced(q: pd.DataFrame) -> int:
    """How many quantities have neither a readable date of their own nor a publication date."""
    spans = q if all(c in q for c in SPAN_COLUMNS) else date_spans(q, "quantities")
    published = q["published"] if "published" in q else pd.Series(None, index=q.index)
    no_pub = pd.to_datetime(published.astype("string").str[:10], errors="coerce", format="%Y-%m-%d").isna()
    return int((spans["span_lo"].isna() & no_pub.to_numpy()).sum())


def _drawable(q: pd.DataFrame, selected: str | None) -> pd.DataFrame:
    """At most :data:`MAX_POINTS` per (category, qualifier) trace — the largest reported numbers —
    plus the ``selected`` quantity: a browser cannot draw 100,000 hoverable markers at once."""
    if q.groupby(["category", "qualifier"], dropna=False).size().max() <= MAX_POINTS:
        return q
    y = _reported_y(q)
    rank = y.groupby([q["category"], q["qualifier"]], dropna=False).rank(method="first", ascending=False)
    keep = rank.le(MAX_POINTS).to_numpy()
    if selected and selected.startswith("quantity:") and "id" in q:
        keep = keep | (q["id"].astype(str) == selected.split(":", 1)[1]).to_numpy()
    return q[keep]


def _range_trace(xs: list[str], grp: pd.DataFrame, hover: list[str], *, name: str, colour: str) -> go.Scatter:
    """All ranges of one category as vertical segments separated by gaps (None), ticks at both ends."""
    x, y, text, keys = [], [], [], []
    for xi, lo, hi, h, k in zip(xs, grp["y_low"], grp["y_high"], hover, _keys(grp, "quantity"), strict=True):
        x += [xi, xi, None]
        y += [lo, hi, None]
        text += [h, h, None]
        keys += [k, k, None]
    return go.Scatter(
        x=x,
        y=y,
        mode="lines+markers",
        name=name,
        legendgroup=name.split(" · ")[0],
        hovertext=text,
        hoverinfo="text",
        customdata=keys,
        connectgaps=False,
        line=dict(color=colour, width=4),
        marker=dict(symbol="line-ew", size=16, color=colour, line=dict(color=colour, width=3)),
    )


def _quantity_hover(q: object, x_source: str | None) -> str:
    _, words = QUALIFIER_STYLE.get(q.qualifier, ("", q.qualifier))
    bounds = f"low {fmt_number(getattr(q, 'low', None))} · high {fmt_number(getattr(q, 'high', None))}"
    dated = (
        or_default(getattr(q, "date", None), "") or or_default(getattr(q, "published", None), "unknown")[:10]
    )
    cumulative = " · cumulative" if bool(getattr(q, "cumulative", False)) else ""
    published = or_default(getattr(q, "published", None), "date unknown")[:10]
    # The footer of figure_style.evidence_hover, through _wrap: 6,600 hovers per unfiltered chart.
    return (
        f"<b>“{_wrap(q.text)}”</b><br>{html.escape(words)} · {bounds}<br>"
        f"Unit: {_wrap(or_default(getattr(q, 'unit', None)))} · category {html.escape(str(q.category))}"
        f"{cumulative}<br>Dated: {html.escape(dated)} ({html.escape(x_source or 'no date')})<br>"
        f"Claimant: {_wrap(or_default(getattr(q, 'claimant', None), 'not attributed'))}"
        f" · {html.escape(or_default(getattr(q, 'modality', None), 'asserted'))}<br>"
        f"Outlet: {_wrap(or_default(getattr(q, 'outlet', None), 'unknown'))} · published {html.escape(published)}"
        f"<br><i>{_wrap(getattr(q, 'sentence', ''))}</i>"
    )
