"""Streamlit widgets for briefing exports and analyst corrections; a page calls each in one line::

    ui_export.export_panel(fig, shown, f, key="quantities")               # under a chart
    ui_export.correction_panel(shown, "quantities", key="quantities")     # under its evidence table

Exports come from :mod:`lib.exports` and :mod:`lib.briefing` (pure); every file is built only when
its button is clicked (Streamlit's deferred downloads), so drawing a page costs nothing. Corrections go to the store's ``corrections.jsonl`` through :class:`lib.corrections.CorrectionLog`;
``Store.version`` changes with each one, so every cached query picks them up on the next rerun.
"""

from __future__ import annotations

import functools
import html
import math

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lib import exports, settings, ui
from lib.corrections import CorrectionError, CorrectionLog, fact_label, implied_bounds, log_table, read_log
from lib.filters import Filters
from lib.highlight import md_escape
from lib.records import ACTIONS, CATEGORIES, FACT_KINDS, MODALITIES, QUALIFIERS

PNG_SCALE = 2  # 2400 px wide: sharp on a slide and in print
OPS = ("Reject", "Fix", "Merge two actors")


# ---------------------------------------------------------------------------------------------- exports
def export_panel(
    fig: go.Figure,
    shown: pd.DataFrame,
    f: Filters,
    *,
    key: str,
    articles: pd.DataFrame | None = None,
    graph=None,
    kind: str | None = None,
    title: str | None = None,
) -> None:
    """Download buttons for one view: the chart as PNG/SVG (title, filters, data date and sources drawn
    in), exactly the ``shown`` rows as CSV/JSON with provenance, the graph as GraphML/GEXF when given,
    and the briefing pack (HTML, PDF) for the current filters. ``articles`` (default: the articles
    behind ``shown``) feed the source footnote."""
    from lib import briefing

    description = f.describe(ui.actor_labels())
    behind = articles if articles is not None else shown
    title = title or _title_of(fig)
    dated = behind[["published"]].drop_duplicates() if "published" in behind else behind
    data_date = exports.data_date_of(dated)  # the distinct dates only: 20,000 articles, not 100,000 rows

    @functools.cache
    def context() -> dict:  # the source list (one line per article) is built on a click, not per run
        return dict(title=title, description=description, data_date=data_date, sources=exports.sources_of(behind))

    store = ui.store()
    with st.expander("Export this view", icon=":material/download:"):
        st.caption(
            f"**Drawn into the image:** {md_escape(title)} · {md_escape(description)} · "
            f"{md_escape(data_date)} · {_n_sources(behind)} source article(s)."
        )
        cols = st.columns(4)
        _download(
            cols[0],
            "Chart PNG",
            lambda: exports.figure_png(fig, **context(), scale=PNG_SCALE),
            f"dossier-{key}.png",
            "image/png",
            f"x_{key}_png",
        )
        _download(
            cols[1],
            "Chart SVG",
            lambda: exports.figure_svg(fig, **context()),
            f"dossier-{key}.svg",
            "image/svg+xml",
            f"x_{key}_svg",
        )
        _download(
            cols[2],
            f"Facts CSV ({len(shown)})",
            lambda: exports.facts_csv(shown),
            f"dossier-{key}.csv",
            "text/csv",
            f"x_{key}_csv",
        )
        _download(
            cols[3],
            f"Facts JSON ({len(shown)})",
            lambda: exports.facts_json(shown, kind=kind, description=description),
            f"dossier-{key}.json",
            "application/json",
            f"x_{key}_json",
        )
        cols = st.columns(4)
        if graph is not None:
            _download(
                cols[0],
                "Graph GraphML",
                lambda: exports.graph_graphml(graph),
                f"dossier-{key}.graphml",
                "application/graphml+xml",
                f"x_{key}_graphml",
            )
            _download(
                cols[1],
                "Graph GEXF",
                lambda: exports.graph_gexf(graph),
                f"dossier-{key}.gexf",
                "application/gexf+xml",
                f"x_{key}_gexf",
            )
        _download(
            cols[2],
            "Briefing pack HTML",
            lambda: briefing.briefing_html(store, f),
            "dossier-briefing.html",
            "text/html",
            f"x_{key}_brief_html",
        )
        _download(
            cols[3],
            "Briefing pack PDF",
            lambda: briefing.briefing_pdf(store, f),
            "dossier-briefing.pdf",
            "application/pdf",
            f"x_{key}_brief_pdf",
        )


def _n_sources(df: pd.DataFrame) -> int:
    """How many source lines :func:`lib.exports.sources_of` gives for ``df`` (one per article), vectorised."""
    key = "article_id" if "article_id" in df else "id"
    return int(df[key].nunique(dropna=False)) if key in df else len(df)


def briefing_panel(f: Filters) -> None:
    """The one-click briefing pack for the current filters: standalone offline HTML, and PDF."""
    from lib import briefing

    store = ui.store()
    st.subheader("Briefing pack")
    st.caption(
        f"The four views, a facts table with citations and the sources, for: "
        f"{md_escape(f.describe(ui.actor_labels()))}. The HTML works offline (no CDN)."
    )
    cols = st.columns(4)
    _download(
        cols[0],
        "Briefing pack HTML",
        lambda: briefing.briefing_html(store, f),
        "dossier-briefing.html",
        "text/html",
        "briefing_html",
    )
    _download(
        cols[1],
        "Briefing pack PDF",
        lambda: briefing.briefing_pdf(store, f),
        "dossier-briefing.pdf",
        "application/pdf",
        "briefing_pdf",
    )


def _download(col, label: str, data, name: str, mime: str, key: str) -> None:
    # on_click="ignore": a download must not rerun the page; a callable is only run on click.
    col.download_button(label, data, file_name=name, mime=mime, key=key, on_click="ignore", width="stretch")


def _title_of(fig: go.Figure) -> str:
    text = fig.layout.title.text if fig.layout.title and fig.layout.title.text else "Dossier"
    return html.unescape(text)  # lib.figures escapes titles for plotly; the export escapes again


# ---------------------------------------------------------------------------------------------- corrections
def correction_panel(shown: pd.DataFrame, kind: str, *, key: str) -> None:
    """A per-fact form under an evidence table: pick a shown fact, then reject it, fix its values
    (value · qualifier · actors · date …) or merge two actor ids; plus the rejected facts on demand."""
    labels = ui.actor_labels()
    with st.expander("Correct a fact", icon=":material/edit:"):
        _flash(key)
        st.caption(
            "Corrections are kept apart from the machine output, survive reprocessing and can be "
            "listed and undone on the Corrections page."
        )
        op = st.radio("Correction", OPS, horizontal=True, key=f"c_{key}_op")
        if op == "Merge two actors":
            _merge_form(key, labels)
        elif shown.empty or "id" not in shown:
            st.caption("No facts in this view.")
        else:
            row = _pick_fact(shown, kind, key, labels)
            if row is not None:
                (_reject_form if op == "Reject" else _fix_form)(kind, row, key, labels)
        if "corrected" in shown and shown["corrected"].any():
            st.caption(
                f"{int(shown['corrected'].sum())} fact(s) in this view carry an analyst correction "
                "(status “corrected”; the machine values are kept in “original”)."
            )
        if st.toggle("Show rejected facts", key=f"c_{key}_rejected"):
            _rejected_table(kind)


def _pick_fact(shown: pd.DataFrame, kind: str, key: str, labels) -> dict | None:
    """The fact picker: every shown fact when there are at most ``settings.picker_limit()``, else a
    search box over the shown facts and the first matches in the evidence table's order. Only the
    listed rows become dicts (45,000 rows cost 4 s), and every fact stays reachable by searching."""
    limit = settings.picker_limit()
    pool = shown
    if len(shown) > limit:
        query = st.text_input(
            "Find the fact",
            key=f"c_{key}_find",
            placeholder="Words from the figure, its sentence, outlet, actors or date",
            help="Every word must occur (any case). The evidence table above lists the same facts.",
        )
        pool = matching(shown, query, labels)
        st.caption(
            f"{len(pool):,} of {len(shown):,} facts in this view match"
            + (f"; the first {limit:,} are listed. Type more words to narrow." if len(pool) > limit else ".")
        )
    listed = pool.head(limit)
    chosen = st.session_state.get(f"c_{key}_fact")
    if chosen is not None and chosen not in set(listed["id"]):
        # The fact being corrected stays listed while the analyst searches, and stays chosen.
        listed = pd.concat([shown[shown["id"] == chosen], listed])
    rows = {r["id"]: r for r in listed.to_dict("records")}
    fact_id = st.selectbox(
        "Fact",
        list(rows),
        index=None,
        key=f"c_{key}_fact",
        format_func=lambda i: _option(kind, rows[i]),
        placeholder="Choose a fact shown above" if len(pool) else "No fact matches the search",
    )
    return rows.get(fact_id)


# Columns searched by the picker: what the fact's label and the evidence table show.
_FIND_COLUMNS = (
    "text", "date_text", "date", "mention", "name", "action", "object", "unit", "category",
    "qualifier", "claimant", "outlet", "published", "sentence", "id",
)


def matching(df: pd.DataFrame, query: str | None, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows of ``df`` whose text holds every word of ``query`` (case-insensitive, literal), in
    their order; actor ids are also searched by their labels. An empty query matches every row.

    >>> df = pd.DataFrame({"id": ["a", "b"], "text": ["9 million", "200 shells"], "source": ["PRK", "RUS"]})
    >>> matching(df, "SHELLS russia", {"RUS": "Russia"})["id"].tolist()
    ['b']
    """
    terms = (query or "").lower().split()
    if not terms or df.empty:
        return df
    labels = labels or {}
    parts = [df[c].astype("string").fillna("") for c in _FIND_COLUMNS if c in df]
    for col in ("source", "target", "actor"):
        if col in df:
            ids = df[col].astype("string").fillna("")
            parts += [ids, ids.map(lambda a: labels.get(a, ""))]
    if "actors" in df:
        parts.append(pd.Series(
            [" ".join(f"{a} {labels.get(a, '')}" for a in xs) if xs is not None else "" for xs in df["actors"]],
            index=df.index, dtype="string",
        ))
    hay = parts[0].str.cat(parts[1:], sep=" ").str.lower()
    mask = pd.Series(True, index=df.index)
    for term in terms:
        mask &= hay.str.contains(term, regex=False)
    return df[mask.to_numpy(dtype=bool)]


def _option(kind: str, row: dict) -> str:
    published = row.get("published") if isinstance(row.get("published"), str) else "date unknown"
    mark = "✎ " if row.get("corrected") else ""
    return f"{mark}{fact_label(kind, row)} — {row.get('outlet') or 'unknown outlet'}, {published}"


def _flash(key: str) -> None:
    msg = st.session_state.pop(f"c_{key}_msg", None)
    if msg:
        (st.success if msg[0] == "ok" else st.error)(md_escape(msg[1]))


def _note(key: str) -> str:
    return st.text_input("Note (why)", key=f"c_{key}_note", placeholder="e.g. a calibre, not a count")


def _reject_form(kind: str, row: dict, key: str, labels) -> None:
    st.caption(f"Sentence: {md_escape(str(row.get('sentence') or ''))}")
    _note(key)
    st.button(
        "Reject this fact",
        key=f"c_{key}_reject",
        type="primary",
        on_click=_record,
        args=(key, "reject", kind, row["id"]),
    )


# The fields each fix form offers (a subset of corrections.FIXABLE: what analysts ask to fix).
FORM_FIELDS = {
    "quantities": ("value", "qualifier", "low", "high", "category", "date", "actors", "claimant"),
    "relations": ("source", "action", "target", "object", "date", "claimant", "modality"),
    "events": ("date", "date_end", "action", "actors", "claimant"),
    "actors": ("actor", "name", "kind"),
}
_CHOICES = {
    "qualifier": QUALIFIERS,
    "category": CATEGORIES,
    "action": ACTIONS,
    "modality": MODALITIES,
    "kind": ("state", "org", "person", "group"),
}


def _fix_form(kind: str, row: dict, key: str, labels) -> None:
    options = _actor_ids(labels, row)
    cols = st.columns(2)
    for i, name in enumerate(FORM_FIELDS[kind]):
        widget_key = f"c_{key}_{row['id']}_{name}"  # per fact, so picking another fact re-fills the form
        current = _current(row.get(name))
        box = cols[i % 2]
        if name in _CHOICES:
            choices = list(_CHOICES[name]) + ([None] if name == "action" and kind == "events" else [])
            box.selectbox(
                name, choices, index=choices.index(current) if current in choices else 0, key=widget_key
            )
        elif name == "actors":
            box.multiselect(
                name,
                options,
                default=[a for a in current or [] if a in options],
                key=widget_key,
                format_func=lambda a: ui.label_of(a, labels),
            )
        elif name in ("source", "target"):
            box.selectbox(
                name,
                options,
                index=options.index(current) if current in options else 0,
                key=widget_key,
                format_func=lambda a: ui.label_of(a, labels),
            )
        else:
            box.text_input(
                name,
                value="" if current is None else _shown(current),
                key=widget_key,
                help="Numbers as digits (9000000); dates as YYYY, YYYY-MM or YYYY-MM-DD; "
                "empty clears the value."
                if name in ("value", "low", "high", "date", "date_end")
                else None,
            )
    if kind == "quantities":
        st.caption(
            "Change the value or qualifier and leave low/high as they are: the bounds follow the "
            "qualifier (up to 9000000 → high 9000000)."
        )
    _note(key)
    st.button(
        "Apply fix",
        key=f"c_{key}_fix",
        type="primary",
        on_click=_record,
        args=(key, "fix", kind, row["id"]),
        kwargs={"row": row},
    )


def _merge_form(key: str, labels) -> None:
    options = _actor_ids(labels, {})
    cols = st.columns(2)
    cols[0].selectbox(
        "Merge this actor id",
        options,
        index=None,
        key=f"c_{key}_from",
        format_func=lambda a: ui.label_of(a, labels),
        placeholder="e.g. DPRK",
    )
    cols[1].selectbox(
        "into this one",
        options,
        index=None,
        key=f"c_{key}_into",
        format_func=lambda a: ui.label_of(a, labels),
        placeholder="e.g. North Korea (PRK)",
    )
    _note(key)
    st.button(
        "Merge actors",
        key=f"c_{key}_merge",
        type="primary",
        on_click=_record,
        args=(key, "merge", "actors", None),
    )


def _actor_ids(labels, row: dict) -> list[str]:
    mentions = ui.facts("actors")
    ids = sorted(set(mentions["actor"].dropna())) if len(mentions) else []
    extra = [row.get(c) for c in ("source", "target", "actor") if isinstance(row.get(c), str)]
    extra += list(row.get("actors") or [])
    return list(dict.fromkeys([*ids, *extra]))


def _current(value: object) -> object:
    """A cell as a plain Python value: None for missing, lists for list cells."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    return value.tolist() if hasattr(value, "tolist") else value  # numpy scalars and arrays


def _shown(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _record(key: str, op: str, kind: str, fact_id: str | None, row: dict | None = None) -> None:
    """Button callback: append one correction; the message shows on the rerun that follows."""
    ss = st.session_state
    log = CorrectionLog(ui.store())
    note = ss.get(f"c_{key}_note", "")
    try:
        if op == "reject":
            log.reject(kind, fact_id, note=note)
            ss.pop(f"c_{key}_fact", None)  # the fact leaves the view, and so leaves the picker
            text = "Rejected. The fact is hidden from every view and export (undo on the Corrections page)."
        elif op == "merge":
            src, dst = ss.get(f"c_{key}_from"), ss.get(f"c_{key}_into")
            if not src or not dst:
                raise CorrectionError("choose both actors")
            log.merge(src, dst, note=note)
            text = f"Merged {src} into {dst} in every view."
        else:
            fields = _changed_fields(key, kind, row)
            if not fields:
                raise CorrectionError("nothing changed")
            log.fix(kind, fact_id, fields, note=note)
            text = "Fixed: " + ", ".join(fields) + "."
        ss[f"c_{key}_note"] = ""
        ss[f"c_{key}_msg"] = ("ok", text)
    except CorrectionError as exc:
        ss[f"c_{key}_msg"] = ("error", f"Not recorded: {exc}")


def _changed_fields(key: str, kind: str, row: dict) -> dict:
    ss = st.session_state
    out = {}
    for name in FORM_FIELDS[kind]:
        new = ss.get(f"c_{key}_{row['id']}_{name}")
        if isinstance(new, str):
            new = new.strip() or None
        old = _current(row.get(name))
        if name in ("value", "low", "high"):
            try:
                same = (new is None and old is None) or (
                    new is not None and old is not None and float(new) == float(old)
                )
            except ValueError:
                same = False  # not a number: let check_fields name the problem
        else:
            same = new == old or (name == "actors" and list(new or []) == list(old or []))
        if not same:
            out[name] = new
    if kind == "quantities" and ({"value", "qualifier"} & set(out)) and not ({"low", "high"} & set(out)):
        try:
            value = float(out.get("value", row.get("value")))
            low, high = implied_bounds(
                out.get("qualifier", row.get("qualifier")), value, _current(row.get("high"))
            )
            out.update(low=low, high=high)
        except (TypeError, ValueError):
            pass  # an unreadable value: check_fields reports it
    return out


def _rejected_table(kind: str) -> None:
    df = ui.store().facts(kind, rejected=True)
    df = df[df["status"] == "rejected"]
    if df.empty:
        st.caption("No rejected facts of this kind.")
        return
    view = pd.DataFrame(
        {
            "fact": [fact_label(kind, r) for r in df.to_dict("records")],
            "outlet": df["outlet"],
            "published": df["published"],
            "sentence": df["sentence"],
        }
    )
    st.dataframe(view, hide_index=True, width="stretch", key=f"rejected_{kind}")


# ---------------------------------------------------------------------------------------------- the page
def correction_log() -> pd.DataFrame:
    """Every correction in the store, newest first, with its fact (see ``lib.corrections.log_table``)."""
    s = ui.store()
    return _log(str(s.root), s.version)


@st.cache_data(show_spinner=False, max_entries=8)
def _log(root: str, version: str) -> pd.DataFrame:
    entries = read_log(root)
    kinds = {e.get("kind") for e in entries if e.get("fact_id")} & set(FACT_KINDS)
    store = ui.store()
    return log_table(entries, {k: store.facts(k, corrections=False) for k in kinds})


def undo_form(log: pd.DataFrame) -> None:
    """Pick a correction in force and undo it (the log keeps both lines)."""
    live = log[log["in_force"] == True]  # noqa: E712  (None for undo lines)
    if live.empty:
        st.caption("No corrections in force.")
        return
    rows = {r["id"]: r for r in live.to_dict("records")}
    st.selectbox(
        "Correction to undo",
        list(rows),
        index=None,
        key="undo_pick",
        placeholder="Choose a correction",
        format_func=lambda i: f"{rows[i]['at']} · {rows[i]['op']} · {rows[i]['fact'] or rows[i]['change']}",
    )
    st.button("Undo", key="undo_button", type="primary", on_click=_undo)
    _flash("undo")


def _undo() -> None:
    ss = st.session_state
    cid = ss.get("undo_pick")
    try:
        if not cid:
            raise CorrectionError("choose a correction")
        CorrectionLog(ui.store()).undo(cid)
        ss["c_undo_msg"] = ("ok", "Undone: the fact shows as the machine extracted it again.")
        ss.pop("undo_pick", None)
    except CorrectionError as exc:
        ss["c_undo_msg"] = ("error", f"Not undone: {exc}")
