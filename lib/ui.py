"""Streamlit glue shared by every page: the store, cached queries, the sidebar filters, evidence tables.

Caching happens here, at the edge: ``st.cache_resource`` holds the Store per directory and
``st.cache_data`` holds query results keyed on the store directory, ``Store.version`` and plain
filter values, so a new batch shows up on the next rerun without a restart.

Filter state lives in ``st.session_state["filters"]`` (a :class:`Filters`) and in the URL: the URL
is read on the first run of a session (and ``?article=`` on every run, so "show the source" links
work), the widgets are seeded from the state, and the state is written back to ``st.query_params``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from lib import frame_cache, settings
from lib.filters import Filters, parse_date
from lib.highlight import md_escape
from lib.ingest import UPLOAD_TYPES
from lib.records import ACTIONS, CATEGORIES
from lib.store import Store

ARTICLES_PAGE = "pages/articles.py"
ARTICLES_URL = "articles"  # url_path of the Articles page in dashboard.py
_KEYS = ("f_actors", "f_dates", "f_outlets", "f_categories", "f_actions", "f_objects", "f_undated")


# ---------------------------------------------------------------------------------------------- data
@st.cache_resource(show_spinner=False)
def _store_at(root: str) -> Store:
    return Store(root)


def store() -> Store:
    """The Store at ``settings.store_dir()`` (``$DOSSIER_STORE``), one object per directory."""
    return _store_at(str(settings.store_dir()))


# Two layers: "base" frames (machine output, annotated and placed in time) per DATA version, kept on
# disk by lib.frame_cache so a server restart reads them; corrected frames per full version (data +
# corrections), derived from the base ones in memory, so a correction never regroups or re-annotates.
@st.cache_data(show_spinner=False, max_entries=16)
def _base(root: str, data: str, kind: str) -> pd.DataFrame:
    """Base frame of one fact kind, or ``"articles"`` (metadata + actors + spans), for a data version."""
    return frame_cache.base_frame(_store_at(root), kind, data, stories=lambda: _stories(root, data),
                                  actors=lambda: _base(root, data, "actors"))


@st.cache_data(show_spinner=False, max_entries=32)
def _annotated(root: str, version: str, kind: str) -> pd.DataFrame:
    from lib.corrections import read_log

    log = read_log(root) if "+c" in version else []
    return frame_cache.with_corrections(_base(root, frame_cache.data_version(version), kind), kind, log)


@st.cache_data(show_spinner=False, max_entries=64)
def _facts(root: str, version: str, kind: str) -> pd.DataFrame:
    return frame_cache.public_facts(_annotated(root, version, kind))


def facts(kind: str) -> pd.DataFrame:
    """All facts of one kind, joined with article metadata, corrections applied; cached per store version."""
    s = store()
    return _facts(str(s.root), s.version, kind)


def articles() -> pd.DataFrame:
    """Article metadata (no text), each with an ``actors`` list column for the actor filter."""
    s = store()
    return _articles_with_actors(str(s.root), s.version)


@st.cache_data(show_spinner=False, max_entries=16)
def _articles_with_actors(root: str, version: str) -> pd.DataFrame:
    base = _base(root, frame_cache.data_version(version), "articles")
    if "+c" not in version:
        return base
    # A merge or a rejected mention changes who an article mentions: recount from the corrected mentions.
    return frame_cache.articles_with_actors(base.drop(columns=["actors"]), _facts(root, version, "actors"))


def filtered(kind: str, f: Filters) -> pd.DataFrame:
    """One kind of facts (or ``"articles"``) after the filters; cached on version + filter values."""
    s = store()
    return _filtered(str(s.root), s.version, kind, f)


@st.cache_data(show_spinner=False, max_entries=128)
def _filtered(root: str, version: str, kind: str, f: Filters) -> pd.DataFrame:
    # Syndicated copies count once (lib.syndication): annotate all facts, filter, keep one per story.
    from lib.syndication import dedupe

    df = _articles_with_actors(root, version) if kind == "articles" else _annotated(root, version, kind)
    quantities = _facts(root, version, "quantities") if f.objects and kind == "relations" else None
    out = f.apply(df, kind=kind, quantities=quantities, anchor=_anchor(root, version, f.selected))
    return dedupe(out).reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=16)
def _stories(root: str, data: str) -> pd.DataFrame:
    from lib.syndication import cached_stories

    # Grouping 20,000 texts takes seconds: done once per data version (corrections do not change the
    # texts) and kept on disk beside the store.
    return cached_stories(root, data, lambda: _store_at(root).articles(with_text=True))


@st.cache_data(show_spinner=False, max_entries=64)
def _anchor(root: str, version: str, selected: str | None) -> dict | None:
    """The selected fact's article and sentence, so the other kinds of facts can follow it."""
    from lib.selection import Selection

    sel = Selection.parse(selected)
    if sel is None or sel.table is None:
        return None
    df = _facts(root, version, sel.table)
    hit = df[df["id"] == sel.value]
    return (
        None if hit.empty else {"article_id": hit["article_id"].iloc[0], "sentence": hit["sentence"].iloc[0]}
    )


def stories() -> pd.DataFrame:
    """``id``, ``story_id``, ``outlet``, ``published`` per article; cached per store version."""
    s = store()
    return _stories(str(s.root), frame_cache.data_version(s.version))


def actor_labels() -> dict[str, str]:
    """Actor id → display label ("RUS" → "Russia"): the most frequent name the extractor gave it."""
    s = store()
    return _labels(str(s.root), s.version)


@st.cache_data(show_spinner=False, max_entries=16)
def _labels(root: str, version: str) -> dict[str, str]:
    return frame_cache.actor_labels(_facts(root, version, "actors"))


def label_of(actor: str, labels: dict[str, str]) -> str:
    """ "Russia (RUS)" for a state code, the name alone when the id is the name."""
    name = labels.get(actor, actor)
    return name if name == actor else f"{name} ({actor})"


# ---------------------------------------------------------------------------------------------- filters
def current_filters() -> Filters:
    """The session's Filters: from the URL on the session's first run, then from the session."""
    ss = st.session_state
    url = Filters.from_query({k: st.query_params.get_all(k) for k in st.query_params.keys()})
    if "filters" not in ss:
        ss["filters"] = url
    elif url.article and url.article != ss["filters"].article:
        ss["filters"] = ss["filters"].with_article(url.article)  # a "show the source" link
    return ss["filters"]


def set_filters(f: Filters) -> None:
    """Make ``f`` the session's filters and put it in the URL (so a copied link reopens this view)."""
    st.session_state["filters"] = f
    wanted = f.to_query()
    have = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    norm = {k: (v if isinstance(v, list) else [v]) for k, v in wanted.items()}
    if have != norm:
        st.query_params.from_dict(wanted)


_SHELL = {"ran": False}  # set once dashboard.py has run in this server process


def enter_app_shell() -> None:
    """Called by dashboard.py before ``st.navigation``: the app's own navigation is in charge."""
    _SHELL["ran"] = True


def require_app_shell() -> None:
    """Run a page inside dashboard.py's navigation, also on a deep link to a fresh server.

    Until the first ``st.navigation`` call of a server process, Streamlit treats a ``pages/`` folder
    as its older multipage mode and runs ``/network`` as a bare script (no logo, file names in the
    sidebar). When dashboard.py has not run yet in this process, switch that mode off and rerun, so
    the request goes through dashboard.py, which opens the same page with the same URL.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if not _SHELL["ran"] and PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar_filters() -> Filters:
    """Draw the one filter set in the sidebar and return the Filters it selects (every page calls it)."""
    require_app_shell()
    f = current_filters()
    _seed_widgets(f)
    s, labels = store(), actor_labels()
    ranked, stored_outlets = _sidebar_options(str(s.root), s.version)
    actor_options = list(dict.fromkeys([*ranked, *f.actors, *st.session_state.get("f_actors", ())]))
    outlets = sorted({*stored_outlets, *f.outlets})
    side = st.sidebar
    side.markdown("### Filters")
    side.multiselect(
        "Actors",
        actor_options,
        key="f_actors",
        format_func=lambda a: label_of(a, labels),
        placeholder="All actors",
        accept_new_options=True,
        on_change=_resolve_typed_actors,
        help=f"The {SIDEBAR_ACTORS:,} most connected actors are listed; type any other actor's name or id "
        "and press Enter. A relation matches when its source or target is selected; "
        "an event, quantity or article when any of its actors is.",
    )
    for name in st.session_state.pop("_unknown_actors", ()):
        side.warning(md_escape(f"No actor named “{name}” in the store."))
    side.date_input(
        "Date range",
        value=(),
        key="f_dates",
        format="YYYY-MM-DD",
        min_value=date(1900, 1, 1),
        max_value=date(2100, 12, 31),
        help="Keeps facts whose own date span overlaps the range; "
        "facts without a date are placed at their article's publication date.",
    )
    side.multiselect("Outlets", outlets, key="f_outlets", placeholder="All outlets")
    side.multiselect(
        "Categories (quantities)", list(CATEGORIES), key="f_categories", placeholder="All categories"
    )
    side.multiselect("Actions (relations, events)", list(ACTIONS), key="f_actions", placeholder="All actions")
    side.multiselect(
        "About (objects)",
        sorted({*CATEGORIES, *f.objects} - {"other"}),
        key="f_objects",
        placeholder="Any object",
        accept_new_options=True,
        help="Relations whose object names it (or a word of its kind: ammunition → shells, rounds) or whose "
        "sentence reports a quantity of that kind; quantities of that category. Type any word to add it.",
    )
    side.checkbox(
        "Include facts without a date",
        key="f_undated",
        help="Unchecked: only facts whose sentence gives a date are shown.",
    )
    side.button("Reset filters", on_click=_reset, width="stretch")
    new = _from_widgets(f)
    set_filters(new)
    return new


SIDEBAR_ACTORS = 1000  # actors the sidebar lists: all 31,000 of a 20,000-article store made 589 KB a run


@st.cache_data(show_spinner=False, max_entries=16)
def _sidebar_options(root: str, version: str) -> tuple[list[str], list[str]]:
    """(the :data:`SIDEBAR_ACTORS` most connected actor ids, outlets) for the sidebar, per store version.

    Relation endpoints first (by relations), then the actors most mentioned; the others are reached by
    typing (:func:`_resolve_typed_actors`), so the widget every page run sends stays small."""
    arts = _articles_with_actors(root, version)
    relations, mentions = _facts(root, version, "relations"), _facts(root, version, "actors")
    counts: Counter = Counter()
    if len(relations):
        counts.update(relations["source"].dropna())
        counts.update(relations["target"].dropna())
    ranked = [a for a, _ in counts.most_common()]
    if len(mentions):
        ranked += [a for a in mentions["actor"].dropna().value_counts().index if a not in counts]
    return ranked[:SIDEBAR_ACTORS], sorted(set(arts["outlet"].dropna())) if len(arts) else []


@st.cache_data(show_spinner=False, max_entries=16)
def _actor_lookup(root: str, version: str) -> dict[str, str]:
    """Lower-cased id, label and "label (id)" of every actor in the store → its id."""
    labels = _labels(root, version)
    out: dict[str, str] = {}
    for actor in _facts(root, version, "actors")["actor"].dropna().unique():
        for name in (labels.get(actor, actor), label_of(actor, labels), actor):  # the id wins a clash
            out[str(name).strip().lower()] = actor
    return out


def _resolve_typed_actors() -> None:
    """On a change of the actor picker: a typed name or id becomes the actor's id (names not in the
    store are dropped and reported), so the filters and the URL only ever hold actor ids."""
    ss, s = st.session_state, store()
    lookup = _actor_lookup(str(s.root), s.version)
    kept, unknown = [], []
    for value in ss.get("f_actors") or ():
        actor = value if value in lookup.values() else lookup.get(str(value).strip().lower())
        (kept if actor else unknown).append(actor or value)
    ss["f_actors"] = list(dict.fromkeys(kept))
    if unknown:
        ss["_unknown_actors"] = unknown


def _page_changed() -> bool:
    """True on the first run of a page after another page ran (or on the session's first run).

    Each page draws its own copy of the sidebar widgets, and the values Streamlit carries over to the
    new page's widgets are not reliable; the session's Filters are, so a page switch re-seeds them.
    """
    ctx = get_script_run_ctx()
    page = ctx.page_script_hash if ctx else ""
    changed = st.session_state.get("_page") != page
    st.session_state["_page"] = page
    return changed


def _seed_widgets(f: Filters) -> None:
    # Widgets never get a default= argument: their value comes from session state, which we seed from
    # the Filters whenever Streamlit has dropped the widget's key (first run) or the page changed.
    ss = st.session_state
    reseed = _page_changed()
    values = {
        "f_actors": list(f.actors),
        "f_dates": tuple(d for d in (f.start, f.end) if d),
        "f_outlets": list(f.outlets),
        "f_categories": list(f.categories),
        "f_actions": list(f.actions),
        "f_objects": list(f.objects),
        "f_undated": f.undated,
    }
    for key, value in values.items():
        if reseed or key not in ss:
            ss[key] = value


def _from_widgets(f: Filters) -> Filters:
    """The sidebar's fields from the widgets; the rest (article, selection, network view) from ``f``."""
    ss = st.session_state
    dates = tuple(ss.get("f_dates") or ())
    start = parse_date(dates[0]) if dates else None
    end = parse_date(dates[1]) if len(dates) > 1 else None  # a half-picked range filters from its start
    objects = tuple(
        dict.fromkeys(str(o).strip().lower() for o in ss.get("f_objects") or () if str(o).strip())
    )
    return replace(
        f,
        objects=tuple(o for o in objects if Filters.from_query({"object": o}).objects),  # URL-safe only
        actors=tuple(ss["f_actors"]),
        start=start,
        end=end,
        outlets=tuple(ss["f_outlets"]),
        categories=tuple(ss["f_categories"]),
        actions=tuple(ss["f_actions"]),
        undated=bool(ss["f_undated"]),
    )


def _reset() -> None:
    for key in _KEYS:
        st.session_state.pop(key, None)
    st.session_state["filters"] = Filters(article=st.session_state["filters"].article)  # clears selection too


# ---------------------------------------------------------------------------------------------- evidence
def article_url(article_id: str, f: Filters | None = None) -> str:
    """Relative link to the Articles page showing ``article_id``, keeping the current filters."""
    q = (f or Filters()).with_article(article_id).to_query()
    return f"{ARTICLES_URL}?{urlencode(q, doseq=True)}"


def article_urls(article_ids, f: Filters | None = None) -> list[str]:
    """:func:`article_url` of each id, the query built once: 50,000 rows cost milliseconds, not seconds."""
    from urllib.parse import quote_plus

    marker = "\x00"  # an id never holds it; urlencode turns it into %00
    prefix, _, suffix = article_url(marker, f).partition(quote_plus(marker))
    done: dict[str, str] = {}
    return [done.get(a) or done.setdefault(a, f"{prefix}{quote_plus(str(a))}{suffix}") for a in article_ids]


def page_header(title: str, f: Filters, blurb: str) -> None:
    """Page title, one line on what it shows, and the filters in words (untrusted text escaped)."""
    st.title(title)
    page_caption(f, blurb)


def page_caption(f: Filters, blurb: str) -> None:
    """The line under a page title: what it shows, and the filters in words."""
    st.caption(f"{blurb}  \n**Showing:** {md_escape(f.describe(actor_labels()))}")


_WARM: set[tuple[str, str]] = set()  # (store, version) whose frames this server process has loaded


def mark_loaded() -> None:
    """Say that the Overview's frames of the current store version are loaded (cached in this process)."""
    s = store()
    _WARM.add((str(s.root), s.version))


def stored_counts(slot) -> bool:
    """Counts from the commit log alone (no Parquet read), drawn into ``slot`` (an ``st.empty``) while
    the tables load: only on the first load of this store version in this server process (later runs
    read cached frames at once, and a flash of other numbers would only confuse) and only when no
    filter is set (only then do they describe the view), labelled "stored" (syndicated copies and
    corrections not yet counted); the page then draws the real ones. Returns whether it drew them
    (also counted in ``st.session_state["_stored_counts_shown"]``)."""
    s = store()
    if (str(s.root), s.version) in _WARM or replace(current_filters(), article=None) != Filters():
        return False
    st.session_state["_stored_counts_shown"] = st.session_state.get("_stored_counts_shown", 0) + 1
    stats = s.stats()
    with slot.container():
        for col, key in zip(st.columns(4), ("articles", "relations", "events", "quantities"), strict=True):
            col.metric(f"{key.capitalize()} (stored)", f"{stats.get(key, 0):,}")
        st.caption("Counts from the commit log; de-duplicating syndicated copies and applying corrections …")
    return True


def set_article(article_id: str | None) -> None:
    """Select an article on the Articles page (keeps the other filters)."""
    set_filters(replace(current_filters(), article=article_id))


# ---------------------------------------------------------------------------------------------- input
def process_upload(data: bytes, *, name: str, target: Store, progress=None):
    """Ingest one uploaded file from memory and commit its new articles; returns a pipeline Summary.

    ``name`` only labels the articles and errors; it is never used as a path. A file whose type is
    not in ``ingest.UPLOAD_TYPES`` or that is over ``settings.UPLOAD_LIMIT_BYTES`` is refused as an error.
    Articles the store
    already holds are skipped before parsing, as in :func:`lib.pipeline.process`.
    """
    from lib.ingest import read_upload
    from lib.pipeline import Summary, parse
    from lib.records import Extraction, IngestError

    # type and size are checked here too: the widget's checks are the browser's, not ours
    items = read_upload(data, name=name, limit=settings.UPLOAD_LIMIT_BYTES)
    known = target.known_ids()
    summary = Summary(failed=[x for x in items if isinstance(x, IngestError)])
    fresh = [x for x in items if not isinstance(x, IngestError) and x.id not in known]
    summary.existing = sum(1 for x in items if not isinstance(x, IngestError)) - len(fresh)
    done = []
    for i, item in enumerate(parse(fresh), 1):
        (summary.failed if isinstance(item, IngestError) else done).append(item)
        if progress:
            progress(i, len(fresh))
    if done:
        result = target.write_batch([x for x in done if isinstance(x, Extraction)])
        summary.new, summary.existing = len(result.new), summary.existing + len(result.existing)
        summary.facts.update(result.facts)
    return summary


def ensure_data() -> None:
    """An empty store is filled from ``seeds/`` once per session, with a visible progress bar."""
    s = store()
    if s.version != "0" or st.session_state.get("_seeded"):
        return
    st.session_state["_seeded"] = True
    from lib.pipeline import process

    bar = st.progress(0.0, text="First run: processing the sample articles in seeds/ …")
    try:
        summary = process(
            [settings.SEEDS_DIR],
            s,
            progress=lambda done, total: bar.progress(
                done / max(total, 1), text=f"First run: processing sample articles ({done}/{total}) …"
            ),
        )
    except Exception as exc:  # one clear message instead of a traceback; the app still opens
        bar.empty()
        st.error(f"Could not process the sample articles in {settings.SEEDS_DIR}: {exc}")
        return
    bar.empty()
    for err in summary.failed:
        st.warning(md_escape(str(err)))
    st.toast(f"Processed {summary.new} sample article(s) from seeds/.")


def upload_box() -> None:
    """File upload → in-memory ingest → parse → commit, with one warning per bad file."""
    with st.expander("Add articles (upload)", expanded=False):
        files = st.file_uploader(
            "Text, HTML, JSON, JSON Lines or CSV files (optionally .gz)",
            key="upload",
            type=list(UPLOAD_TYPES),  # the same list process_upload enforces
            accept_multiple_files=True,
            max_upload_size=settings.UPLOAD_LIMIT_MB,
            help=settings.SETTINGS["upload_limit_mb"].help,
        )
        if not files or not st.button("Process uploaded files", type="primary"):
            return
        bar = st.progress(0.0, text="Processing …")
        for up in files:

            def tick(done: int, total: int, name: str = up.name) -> None:
                bar.progress(done / max(total, 1), text=f"Processing {md_escape(name)} ({done}/{total}) …")

            summary = process_upload(up.getvalue(), name=up.name, target=store(), progress=tick)
            st.success(
                md_escape(f"{up.name}: {summary.new} new article(s), {summary.existing} already stored.")
            )
            for err in summary.failed:
                st.warning(md_escape(str(err)))
        bar.empty()


def apply_theme() -> None:
    """A few CSS touches for a denser, print-friendly analyst look (our own static CSS, no user text)."""
    st.html("""<style>
      .block-container {padding-top: 2.2rem; max-width: 1500px;}
      h1 {font-weight: 650; letter-spacing: -0.01em;}
      [data-testid="stMetricValue"] {font-size: 1.9rem;}
      [data-testid="stMetric"] {background: #f7f9fb; border: 1px solid #e4e7eb; border-radius: 6px;
                                padding: .6rem .9rem;}
      [data-testid="stSidebar"] {background: #f4f6f8;}
    </style>""")


def actor_summary(mentions: pd.DataFrame, relations: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Actors ranked by mentions, with articles and relations as source/target."""
    cols = ["actor", "mentions", "articles", "acts on others", "acted on"]
    if mentions.empty:
        return pd.DataFrame(columns=cols)
    g = mentions.groupby("actor").agg(mentions=("id", "size"), articles=("article_id", "nunique"))
    out_deg = relations["source"].value_counts() if len(relations) else pd.Series(dtype=int)
    in_deg = relations["target"].value_counts() if len(relations) else pd.Series(dtype=int)
    g["acts on others"] = out_deg.reindex(g.index).fillna(0).astype(int)
    g["acted on"] = in_deg.reindex(g.index).fillna(0).astype(int)
    g = g.sort_values(["mentions", "articles"], ascending=False).reset_index()
    g["actor"] = [label_of(a, labels) for a in g["actor"]]
    return g[cols]


def headline_quantities(quantities: pd.DataFrame) -> pd.DataFrame:
    """Per category, the quantity with the largest reported number (bound or value)."""
    if quantities.empty:
        return quantities
    size = quantities[["value", "low", "high"]].max(axis=1)
    return (
        quantities.assign(_size=size)
        .sort_values("_size", ascending=False)
        .drop_duplicates("category")
        .drop(columns="_size")
        .reset_index(drop=True)
    )
