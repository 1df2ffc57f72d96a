"""Dashboard speed on a big store: query + figure per filter change, layout, first render in Chromium.

Usage: python scripts/bench_dashboard.py --store DIR [--changes 20] [--no-browser] [--json]
       python scripts/bench_dashboard.py --store DIR --browser-only [--clear-cache]   (first start, restart)
       python scripts/bench_dashboard.py --corpus PATH --n 2000 [...]   (builds a store first)

What a page does on a filter change, with the lib functions the pages call and the store frames
already in memory (the dashboard caches them per ``Store.version``): ``Filters.apply`` on each kind
of fact (after :func:`lib.syndication.annotate`, then :func:`lib.syndication.dedupe`, as
``lib.ui.filtered``), then the page's figure (:mod:`lib.figures`, :mod:`lib.graph`). ``--changes``
different filters (actors, date windows, categories, outlets drawn from the store's own values) are
timed per page; the median and the slowest are printed (target: median ≤ 250 ms). Also printed:
the first load of the frames by the dashboard's path (:mod:`lib.frame_cache`: computed and written
when ``<store>/cache`` has none for this data version, ``--clear-cache`` forces that, then read back
as a restart would), wall and CPU seconds; one month read alone (partition pruning); the spring
layout of a 300-node actor graph cold and from the cache the Network page keeps (target ≤ 1 s);
and — with Chromium — every page on a fresh Streamlit server, then again after a server restart:
seconds to the page heading (first paint, target ≤ 3 s), to the first chart or table, and until the
script run finished (recorded in the page by a MutationObserver, so a page that finishes before the
browser has drawn its charts is still timed right), with the server's CPU seconds to each and the
bytes the server sent the browser (all websocket messages, and the largest one). A report, not a
test: it exits 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lib.filters import Filters  # noqa: E402
from lib.records import FACT_KINDS  # noqa: E402
from lib.store import Store  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bulk.jsonl.gz"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PAGES = ("", "network", "timeline", "quantities", "claims", "articles", "corrections")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def timed(fn, *args, **kwargs) -> tuple[object, float]:
    started = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - started


# ---- the store's frames, as the dashboard caches them -------------------------------------------
@dataclass
class Frames:
    facts: dict
    annotated: dict
    articles: object
    labels: dict


def load_frames(store: Store) -> Frames:
    """Everything a page needs on first load, by the dashboard's own path (``lib.ui``): the base frames
    from the disk cache beside the store (computed and written when missing), corrections applied."""
    from lib import frame_cache as fc
    from lib.corrections import read_log

    data, log = fc.data_version(store.version), read_log(store.root)
    annotated = {kind: fc.with_corrections(fc.base_frame(store, kind, data), kind, log) for kind in FACT_KINDS}
    facts = {kind: fc.public_facts(df) for kind, df in annotated.items()}
    meta = fc.base_frame(store, "articles", data)
    if log:  # as lib.ui: corrected mentions decide who an article mentions
        meta = fc.articles_with_actors(meta.drop(columns=["actors"]), facts["actors"])
    return Frames(facts, annotated, meta, fc.actor_labels(facts["actors"]))


def timed_cpu(fn, *args) -> tuple[object, float, float]:
    """``fn(*args)`` with its wall and CPU seconds (this process; the machine is shared)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def filtered(frames: Frames, kind: str, f: Filters):
    """``lib.ui.filtered`` without Streamlit: annotate → apply → dedupe."""
    from lib.syndication import dedupe

    df = frames.articles if kind == "articles" else frames.annotated[kind]
    quantities = frames.facts["quantities"] if f.objects and kind == "relations" else None
    return dedupe(f.apply(df, kind=kind, quantities=quantities)).reset_index(drop=True)


# ---- per page: query + figure ---------------------------------------------------------------------
def page_overview(frames: Frames, f: Filters, _cache: dict) -> object:
    return [len(filtered(frames, kind, f)) for kind in ("articles", *FACT_KINDS)]


def page_network(frames: Frames, f: Filters, cache: dict) -> object:
    from lib.figures import network_figure
    from lib.graph import build_graph, layout, network_relations

    rows = network_relations(filtered(frames, "relations", f))
    g = build_graph(rows, labels=frames.labels)
    key = (tuple(sorted(map(str, g.nodes))), tuple(sorted((str(u), str(v)) for u, v in g.edges())))
    if key not in cache:  # the Network page caches layouts on the graph itself (lib.ui_linked)
        cache[key] = layout(g, seed=7)
    return network_figure(g, cache[key], subtitle=f.describe(frames.labels))


def page_timeline(frames: Frames, f: Filters, _cache: dict) -> object:
    from lib.figures import timeline_figure

    return timeline_figure(filtered(frames, "events", f), lane="actor", labels=frames.labels,
                           subtitle=f.describe(frames.labels))


def page_quantities(frames: Frames, f: Filters, _cache: dict) -> object:
    from lib.figures import quantities_figure

    return quantities_figure(filtered(frames, "quantities", f), log=True, subtitle=f.describe(frames.labels))


def page_articles(frames: Frames, f: Filters, _cache: dict) -> object:
    return filtered(frames, "articles", f)


PAGE_WORK = {"overview": page_overview, "network": page_network, "timeline": page_timeline,
             "quantities": page_quantities, "articles": page_articles}


def filter_changes(frames: Frames, n: int, seed: int = 5) -> list[Filters]:
    """``n`` different filter settings drawn from the store's own actors, months, categories, outlets."""
    rng = random.Random(seed)
    top = frames.facts["actors"]["actor"].value_counts().index[:30].tolist() or ["RUS"]
    months = sorted({m for m in frames.articles["month"] if m != "unknown"}) or ["2024-01"]
    cats = sorted(set(frames.facts["quantities"]["category"].dropna())) or ["other"]
    outlets = sorted(set(frames.articles["outlet"].dropna()))
    out = [Filters()]
    for _ in range(n - 1):
        a, b = sorted(rng.sample(range(len(months)), 2)) if len(months) > 1 else (0, 0)
        start, end = (date.fromisoformat(months[i] + "-01") for i in (a, b))
        out.append(Filters(
            actors=tuple(rng.sample(top, rng.randint(0, min(3, len(top))))),
            start=start if rng.random() < 0.7 else None, end=end if rng.random() < 0.7 else None,
            categories=tuple(rng.sample(cats, rng.randint(0, min(2, len(cats))))),
            outlets=tuple(rng.sample(outlets, 1)) if outlets and rng.random() < 0.2 else (),
        ))
    return out


def time_pages(frames: Frames, changes: list[Filters]) -> dict:
    """Per page: median and slowest ms of query + figure over the filter changes."""
    out = {}
    for name, work in PAGE_WORK.items():
        cache: dict = {}
        times = [timed(work, frames, f, cache)[1] for f in changes]
        out[name] = {"median_ms": _ms(statistics.median(times)), "max_ms": _ms(max(times))}
    return out


def time_layout(frames: Frames, nodes: int = 300) -> dict:
    """Cold and cached layout of an actor graph of ``nodes`` nodes: actors named in one sentence are
    linked (the store's own co-mentions; relations alone are too few in wire copy for 300 nodes)."""
    import pandas as pd

    from lib.graph import build_graph, layout

    men = frames.facts["actors"][["article_id", "sentence", "actor"]].drop_duplicates()
    pairs = men.merge(men, on=["article_id", "sentence"])
    pairs = pairs[pairs["actor_x"] < pairs["actor_y"]]
    rel = pd.DataFrame({"id": range(len(pairs)), "article_id": pairs["article_id"].to_numpy(),
                        "source": pairs["actor_x"].to_numpy(), "target": pairs["actor_y"].to_numpy(),
                        "action": "other", "object": None, "sentence": pairs["sentence"].to_numpy()})
    g = build_graph(rel)
    keep = sorted(g.nodes, key=lambda n: -g.degree(n))[:nodes]
    sub = g.subgraph(keep).copy()
    cold = [timed(layout, sub, seed=7)[1] for _ in range(3)]
    cache = {"sig": layout(sub, seed=7)}
    warm = [timed(cache.get, "sig")[1] for _ in range(20)]
    return {"nodes": sub.number_of_nodes(), "edges": sub.number_of_edges(),
            "cold_ms": _ms(statistics.median(cold)), "cached_ms": _ms(statistics.median(warm))}


def time_month(store: Store) -> dict:
    """One publication month read alone vs every month (what partitioning by month buys a date filter)."""
    months = [m for m in store.months() if m != "unknown"]
    if not months:
        return {}
    month = max(months, key=lambda m: len(store.facts("quantities", months=[m], corrections=False)))
    # Best of 3 each: the first read of a process also pays for warming the file cache and imports.
    one = min(timed(store.facts, "quantities", months=[month], corrections=False)[1] for _ in range(3))
    every = min(timed(store.facts, "quantities", corrections=False)[1] for _ in range(3))
    return {"month": month, "one_month_ms": _ms(one), "all_months_ms": _ms(every), "months": len(months)}


# ---- first render in headless Chromium ------------------------------------------------------------
def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_first_render(store_dir: Path) -> dict:
    """Seconds to the first chart/table and to the end of the script run, per page, fresh server."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    env = {**os.environ, "DOSSIER_STORE": str(store_dir)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}", "--browser.gatherUsageStats=false",
         "--server.fileWatcherType=none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, out = f"http://127.0.0.1:{port}", {}
    try:
        for _ in range(600):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.add_init_script(_WATCH)
            frames: list[int] = []  # sizes of the server's websocket messages (deltas) to the browser
            page.on("websocket", lambda ws: ws.on("framereceived", lambda data: frames.append(len(data))))
            for path in PAGES:
                frames.clear()
                out[path or "overview"] = _render(page, f"{url}/{path}", server.pid)
                out[path or "overview"].update(_message_sizes(frames))
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return out


def _message_sizes(frames: list[int]) -> dict:
    """Bytes the server sent the browser while a page loaded: all messages, and the largest one (a
    table sent whole is one message; the browser parses it before drawing)."""
    return {"sent_kb": round(sum(frames) / 1024, 1), "largest_kb": round(max(frames, default=0) / 1024, 1),
            "messages": len(frames)}


def _server_cpu(pid: int) -> float | None:
    """CPU seconds the Streamlit server has used so far: a measure the other load on the machine
    does not inflate (wall seconds on a shared machine do)."""
    try:
        import psutil

        t = psutil.Process(pid).cpu_times()
        return round(t.user + t.system, 2)
    except (ImportError, OSError):
        return None


# Recorded in the page itself (Date.now() at each DOM change), so a check made after the fact cannot
# race the page: the first chart or table in the main area, and each time the script run finished.
_WATCH = """
(() => {
  const w = window.__dossier = {paint: null, content: null, done: [], running: false, drawn: null, n: 0};
  const charts = "[data-testid='stMain'] :is(.js-plotly-plot, [data-testid='stDataFrame'])";
  const heading = "[data-testid='stMain'] [data-testid='stHeading']";
  new MutationObserver(() => {
    if (w.paint === null && document.querySelector(heading)) w.paint = Date.now();
    if (w.content === null && document.querySelector(charts)) w.content = Date.now();
    const n = document.querySelectorAll(charts).length;  // the browser may draw a chart seconds after
    if (n !== w.n) { w.n = n; w.drawn = Date.now(); }     // the run that sent it ended (a loaded machine)
    const app = document.querySelector("[data-testid='stApp']");
    const running = !!app && app.getAttribute("data-test-script-state") === "running";
    if (w.running && !running) w.done.push(Date.now());
    w.running = running;
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""
# Chart elements Streamlit has placed that Plotly has not drawn into yet.
_UNDRAWN = """document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart']").length
  > document.querySelectorAll("[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot").length"""
SETTLE_S = 2.0  # a run is over when the app stays idle this long (reruns start within milliseconds)


def _render(page, url: str, pid: int) -> dict:
    """First paint: the page's heading; first content: the first chart or table in the main area;
    done: the last script run finished (every chart and table sent; the app then stayed idle for
    :data:`SETTLE_S`); then the charts/tables on the page. The times come from a MutationObserver in
    the page (:data:`_WATCH`), so a page that finishes quickly, or reruns, is timed right."""
    content = ".js-plotly-plot, [data-testid='stDataFrame'], [data-testid='stMetricValue']"
    started, cpu0 = time.time(), _server_cpu(pid)
    try:
        page.goto(url)
        page.locator("[data-testid='stMain'] [data-testid='stHeading']").first.wait_for(timeout=180_000)
        paint, cpu_paint = time.time() - started, _server_cpu(pid)  # the observer's time is preferred
        cpu_first = _wait_done(page, pid)
        w = page.evaluate("window.__dossier")
        cpu_done = _server_cpu(pid)
    except Exception as exc:  # noqa: BLE001 - report the page and go on to the next
        return {"first_paint_s": None, "complete_s": None, "error": f"{type(exc).__name__}: {str(exc)[:120]}"}
    first = w["content"] and round(w["content"] / 1000 - started, 2)
    drawn = w["drawn"] and round(w["drawn"] / 1000 - started, 2)
    return {"first_paint_s": round(w["paint"] / 1000 - started if w["paint"] else paint, 2), "first_content_s": first,
            "complete_s": round(w["done"][-1] / 1000 - started, 2) if w["done"] else None, "drawn_s": drawn,
            "content": page.locator(content).count(), "errors": page.get_by_test_id("stException").count(),
            "server_cpu_paint_s": _less(cpu_paint, cpu0), "server_cpu_first_s": _less(cpu_first, cpu0),
            "server_cpu_done_s": _less(cpu_done, cpu0)}


def _wait_done(page, pid: int, timeout: float = 180.0) -> float | None:
    """Poll until the app has been idle for :data:`SETTLE_S` after a finished run; returns the server's
    CPU seconds when the first chart or table appeared (sampled at the poll after it, ±0.1 s)."""
    cpu_first, idle_since, end = None, None, time.time() + timeout
    while time.time() < end:
        w = page.evaluate("window.__dossier")
        if cpu_first is None and w["content"]:
            cpu_first = _server_cpu(pid)
        if w["done"] and not w["running"]:
            idle_since = idle_since or time.time()
            # Settled: idle for SETTLE_S since the run ended and since the last chart/table was drawn,
            # and no chart element still waiting for Plotly to draw into it.
            quiet = time.time() - max(idle_since, (w["drawn"] or 0) / 1000)
            if quiet >= SETTLE_S and not page.evaluate(_UNDRAWN):
                return cpu_first
        else:
            idle_since = None
        time.sleep(0.1)
    raise TimeoutError("the script run did not finish")


def _less(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 2)


# ---- driver -----------------------------------------------------------------------------------------
def build_store(corpus: Path, n: int, store_dir: Path, workers: int) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_process import write_sample

    from lib.pipeline import process

    sample = store_dir.parent / "sample.jsonl"
    write_sample(corpus, n, sample)
    process([sample], Store(store_dir), n_process=workers)


def run_browser(store_dir: Path, clear_cache: bool) -> dict:
    """First server start (after removing ``<store>/cache`` when ``clear_cache``), then a restart that
    finds the cache the first start wrote: the two cold cases an analyst meets."""
    import shutil

    if clear_cache:
        shutil.rmtree(store_dir / "cache", ignore_errors=True)
    return {"browser": browser_first_render(store_dir), "browser_restart": browser_first_render(store_dir)}


def run(store_dir: Path, changes: int, browser: bool) -> dict:
    store = Store(store_dir, create=False)
    stats = store.stats()
    had_cache = any((store_dir / "cache").glob("facts-*.parquet"))
    _, load_s, load_cpu = timed_cpu(load_frames, store)
    frames, again_s, again_cpu = timed_cpu(load_frames, Store(store_dir, create=False))  # a restart
    result = {"cores": os.cpu_count(), "store": str(store_dir), "articles": int(stats.get("articles", 0)),
              "facts": {k: int(stats.get(k, 0)) for k in FACT_KINDS}, "first_load_ms": _ms(load_s),
              "first_load_cpu_ms": _ms(load_cpu), "first_load_cached": had_cache,
              "restart_load_ms": _ms(again_s), "restart_load_cpu_ms": _ms(again_cpu),
              "pages": time_pages(frames, filter_changes(frames, changes)), "layout": time_layout(frames),
              "month_read": time_month(store)}
    if browser and Path(CHROMIUM).exists():
        result.update(run_browser(store_dir, clear_cache=False))
    return result


def _secs(s: float | None) -> str:
    return "  none " if s is None else f"{s:5.2f} s"


def report_browser(r: dict) -> list[str]:
    rows = []
    for label, key in (("first start", "browser"), ("restart", "browser_restart")):
        for page, t in r.get(key, {}).items():
            if t["first_paint_s"] is None:
                rows.append(f"  {label:<11} {page:<11}: did not render: {t['error']}")
                continue
            rows.append(f"  {label:<11} {page:<11}: first paint {t['first_paint_s']:5.2f} s, first chart/table "
                        f"{_secs(t['first_content_s'])}, script done {_secs(t['complete_s'])}, last drawn "
                        f"{_secs(t.get('drawn_s'))}, "
                        f"{t['content']} charts/tables, {t['errors']} exceptions; sent {t.get('sent_kb')} KB in "
                        f"{t.get('messages')} messages, largest {t.get('largest_kb')} KB; server CPU to paint "
                        f"{t.get('server_cpu_paint_s')} s, to first chart/table {t.get('server_cpu_first_s')} s, "
                        f"to done {t.get('server_cpu_done_s')} s")
    return rows


def report(r: dict) -> str:
    if "pages" not in r:  # --browser-only
        return "\n".join([f"store {r['store']}", *report_browser(r)])
    how = "disk cache present" if r["first_load_cached"] else "no disk cache: read + stories + annotate + write"
    rows = [f"store {r['store']}: {r['articles']} articles, facts {r['facts']}; {r['cores']} cores",
            f"  first load ({how}): {r['first_load_ms']:.0f} ms ({r['first_load_cpu_ms']:.0f} ms CPU); "
            f"again from the disk cache: {r['restart_load_ms']:.0f} ms ({r['restart_load_cpu_ms']:.0f} ms CPU)"]
    for name, t in r["pages"].items():
        rows.append(f"  {name:<11} query+figure per filter change: median {t['median_ms']:7.1f} ms, "
                    f"slowest {t['max_ms']:7.1f} ms   (target median <= 250 ms)")
    lay = r["layout"]
    rows.append(f"  layout {lay['nodes']} nodes / {lay['edges']} edges: cold {lay['cold_ms']:.0f} ms, "
                f"cached {lay['cached_ms']:.3f} ms   (target <= 1000 ms)")
    if r["month_read"]:
        m = r["month_read"]
        rows.append(f"  quantities of {m['month']} alone: {m['one_month_ms']:.0f} ms; all {m['months']} months: "
                    f"{m['all_months_ms']:.0f} ms")
    rows.extend(report_browser(r))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, help="an existing store (else one is built from --corpus)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--n", type=int, default=2000, help="articles to process when building a store")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--changes", type=int, default=20, help="filter changes timed per page")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium first-render timing")
    ap.add_argument("--browser-only", action="store_true",
                    help="only the Chromium timing: a first server start, then a restart")
    ap.add_argument("--clear-cache", action="store_true",
                    help="remove <store>/cache first (the first start ever)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dossier-dash-") as tmp:
        store_dir = args.store
        if store_dir is None:
            if not args.corpus.exists():
                print(f"corpus not found: {args.corpus} (nothing to benchmark)")
                return 0
            store_dir = Path(tmp) / "store"
            build_store(args.corpus, args.n, store_dir, args.workers)
        if args.clear_cache and not args.browser_only:
            import shutil

            shutil.rmtree(store_dir / "cache", ignore_errors=True)
        if args.browser_only:
            result = {"store": str(store_dir), **run_browser(store_dir, args.clear_cache)}
        else:
            result = run(store_dir, max(1, args.changes), not args.no_browser)
    print(json.dumps(result) if args.json else report(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
