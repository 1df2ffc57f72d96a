"""Hostile input: every case below goes through the real CLI in one run, and is checked by name.

One folder holds all the generated cases (binary files under text names, broken encodings, a 50 MB
file, truncated JSON, scripts in HTML and Markdown, impossible dates, absurd numbers, a FIFO, a symlink
loop, ...). ``python -m lib process DIR --store S --json`` runs over it once; each case then asserts
its own outcome on the JSON summary (``failed``: path, line, reason) or on the store. A second run
must change nothing. The browser test at the end serves that same store and checks that no payload
runs, no dialog opens and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import ast
import gzip
import io
import json
import math
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from dashboard_fixtures import ARGS, CHROMIUM, loopback_guard, streamlit_server

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
GOOD = (
    "North Korea sends troops to Russia\n\n"
    "North Korea has sent at least 10,000 troops to Russia, South Korean officials said on Friday.\n"
    "Russia supplied as many as 50 air defence missiles to North Korea in 2024, the officials added.\n"
)
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>'
MARKDOWN_XSS = (
    "Markup in the wild\n\n"
    "Officials said <script>alert(1)</script> Russia sent 200 troops to Belarus.\n"
    "**bold claim** and <img src=x onerror=alert(1)> and [link](javascript:alert(1)) stay literal.\n"
)
HTML_XSS = """<!DOCTYPE html><html><head><title>Evil page</title>
<script>window.__xss = 1; alert(1)</script></head><body>
<article><h1>Evil page</h1>
<p>Russia shipped 100 missiles to Iran in 2024, officials said in a statement on Tuesday.</p>
<img src=x onerror="alert(1)"><a href="javascript:alert(1)">click here</a>
<iframe src="http://evil.example/frame">IFRAME_TEXT</iframe>
<p>North Korea delivered artillery shells to Russia, the ministry said in its weekly briefing.</p>
</article></body></html>"""
PAGE = "logo\n{t}\n\n{t}\n\nHarbour Post{d}\n\nKim Jong Un met Vladimir Putin in Pyongyang, officials said.\n"
GERMAN = "Russland liefert Waffen\n\nRussland hat nach Angaben aus Kiew 300 Panzer an die Front geschickt.\n"
RUSSIAN = "Россия и КНДР\n\nПо данным Сеула, Северная Корея отправила в Россию около 10 000 военных.\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: where it goes, how it is made, and the outcome the test demands.

    ``reasons``: the failures expected for this path, as (line, regex) pairs, in order; empty means
    the file is stored, and ``stored`` then counts the articles it must yield.
    """

    path: str
    data: bytes | Callable[[], bytes] | None  # a callable: built only when the suite runs; None: make_special()
    reasons: tuple[tuple[int | None, str], ...] = ()
    stored: int = 0


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "Russia sent troops.")
    return buf.getvalue()


def _one_line(size: int) -> bytes:
    """A single line of prose of exactly ``size`` bytes, no trailing space (so nothing is trimmed)."""
    line = ("Russia sent troops to the border again. " * (size // 40 + 1))[:size]
    return (line[:-1] + ".").encode()


def _gz_truncated() -> bytes:
    return gzip.compress(b'{"text": "Kim met Putin."}\n' * 50)[:40]


CASES = [
    Case("empty.txt", b"", ((None, r"empty file$"),)),
    Case("whitespace.txt", b" \n\t\r\n   \n", ((None, r"empty file$"),)),
    Case("png named.txt", PNG, ((None, r"binary file \(png image\), not text$"),)),
    Case("zip named.html", _zip(), ((None, r"binary file \(zip archive\), not text$"),)),
    Case("png named.json", PNG, ((None, r"binary file \(png image\), not text$"),)),
    Case("nul byte.txt", b"Title\n\nRussia sent\x00 troops.", ((None, r"binary file \(nul bytes\), not text$"),)),
    Case("utf16.txt", "Café in Zürich\n\nRussia’s envoy said “non” to the plan.".encode("utf-16"), stored=1),
    Case("latin1.txt", "Café in Zürich\n\nThe envoy’s reply: “non”, à Genève.".encode("cp1252"), stored=1),
    Case("bad utf8.txt", "Pyongyang’s envoy\n\nKim met Putin in Moscow.".encode() + b"\xff\xfe\xc3"
         + " North Korea’s troops arrived in Kursk.".encode(), stored=1),
    Case("crlf.txt", b"Line endings\r\n\r\nRussia sent troops.\rNorth Korea sent shells.\r\n", stored=1),
    Case("exactly 50mb.txt", None, ((None, r"text too long to parse \(5\d{7} characters, limit 1000000\)$"),)),
    Case("over 50mb.txt", None, ((None, r"file too large \(52428801 bytes > 52428800 bytes = 50 MB limit\)$"),)),
    Case("one line 1mb.txt", _one_line(MB), ((None, r"text too long to parse \(1048576 characters, limit 1000000\)$"),)),
    Case("broken.jsonl.gz", _gz_truncated(), ((None, r"broken gzip file$"),)),
    Case("bomb.jsonl.gz", lambda: gzip.compress(b" " * (60 * MB)), ((None, r"file too large \(over 50 MB once decompressed\)$"),)),
    Case("truncated.json", b'{"title": "Kim in Moscow", "text": "Kim met Putin in Moscow on', ((1, r"invalid JSON: Unterminated string"),)),
    Case("deep.json", b"[" * 100_000, ((None, r"invalid JSON: nested too deeply to read$"),)),
    Case("non objects.json", b'[1, "two", null]', ((1, r"record is a JSON number, not an object$"),
                                                     (2, r"record is a JSON string, not an object$"),
                                                     (3, r"record is a JSON null, not an object$"))),
    Case("one bad line.jsonl", b'{"title": "A", "text": "Russia vetoed the draft resolution."}\n'
         b'{"title": "broken", "text": \n'
         b'{"title": "C", "text": "China abstained in the vote."}\n', ((2, r"invalid JSON: "),), stored=2),
    Case("pipe delimited.csv", b"title|text|date\nPipes|Russia sent 300 troops to Belarus.|2024-01-02\n", stored=1),
    Case("colon delimited.csv", b"title:text\nColons:Russia sent troops.\n",
         ((1, r"CSV has no text column \(expected text, body or content\)$"),)),
    Case("quoted newlines.csv", b'title,text\n"Quoted","Russia sent troops.\n\nNorth Korea sent shells."\n', stored=1),
    Case("missing columns.csv", b"title,text,date\nShort row,Russia sent troops.\nOnly a title\n",
         ((3, r"record has no text"),), stored=1),
    Case("bom.csv", b"\xef\xbb\xbftitle,text\nWith BOM,Russia sent troops to Belarus.\n", stored=1),
    Case("script.html", HTML_XSS.encode(), stored=1),
    Case("markdown xss.txt", MARKDOWN_XSS.encode(), stored=1),
    Case("xss fields.jsonl", json.dumps({
        "title": XSS, "outlet": "<script>window.__xss=1</script>", "url": "javascript:window.__xss=1",
        "author": "[me](javascript:window.__xss=1)", "published": "2025-01-02",
        "text": f"Russia transferred 100 missiles to Iran in 2024. {XSS} **bold** [x](javascript:alert(1))",
    }).encode(), stored=1),
    Case("impossible date.txt", PAGE.format(t="Impossible date", d="31-02-2025").encode(), stored=1),
    Case("ambiguous date.txt", PAGE.format(t="Ambiguous date", d="03-04-2025").encode(), stored=1),
    Case("numbers.txt", b"Absurd numbers\n\nRussia sent 1e308 shells and NaN drones. The unit lost -5 troops. "
         b"North Korea shipped 999999999999999999999 rounds of ammunition to Russia.\n", stored=1),
    Case("german.txt", GERMAN.encode(), stored=1),
    Case("russian.txt", RUSSIAN.encode(), stored=1),
    Case("dir with spaces/Пхеньян café notes.txt", b"Notes from Pyongyang\n\nKim met Putin in Pyongyang.\n", stored=1),
    Case("loop/inside/article.txt", b"Inside a loop\n\nNorth Korea sent troops to Russia.\n", stored=1),
    Case("dangling link.txt", None, ((None, r"no such file$"),)),
    Case("named pipe.txt", None, ((None, r"not a regular file$"),)),
    Case("id clash a.jsonl", b'{"id": "row-1", "title": "First", "text": "Russia sent troops to Belarus."}\n', stored=1),
    Case("id clash b.jsonl", b'{"id": "row-1", "title": "Second", "text": "China sent envoys to Moscow."}\n',
         ((1, r"id 'row-1' already used by a different article \(.*id clash a\.jsonl line 1\); this one skipped$"),)),
    Case("traversal id.json", b'{"id": "../../../../escape", "title": "Dots", "text": "Kim met Putin."}', stored=1),
    Case("good.txt", GOOD.encode(), stored=1),
]


def make_special(folder: Path) -> None:
    """The cases that are not plain bytes: big files, links, a loop, a FIFO."""
    with open(folder / "exactly 50mb.txt", "wb") as f:  # real text: it is read, decoded and split
        line = _one_line(1023) + b"\n"
        f.write(line * (50 * MB // len(line) - 1))
        f.write(_one_line(50 * MB - f.tell()))
    assert (folder / "exactly 50mb.txt").stat().st_size == 50 * MB
    with open(folder / "over 50mb.txt", "wb") as f:  # sparse: refused by size, never read
        f.truncate(50 * MB + 1)
    (folder / "loop" / "inside" / "back").symlink_to(folder / "loop", target_is_directory=True)
    (folder / "dangling link.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "named pipe.txt")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@dataclass
class Run:
    folder: Path
    store: Path
    first: dict
    second: dict

    def failures(self, case: Case, summary: dict | None = None) -> list[tuple[int | None, str]]:
        path = str(self.folder / case.path)
        return [(f["line"], f["reason"]) for f in (summary or self.first)["failed"] if f["path"] == path]


def _store_snapshot(store_dir: Path) -> dict:
    from lib.records import FACT_KINDS
    from lib.store import Store

    s = Store(store_dir)
    snap = {"articles": s.articles().sort_values("id").reset_index(drop=True)}
    for kind in FACT_KINDS:
        snap[kind] = s.facts(kind).sort_values("id").reset_index(drop=True)
    return snap


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Run:
    """All cases in one folder, processed twice by the real CLI; the second run must change nothing."""
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    for case in CASES:
        path = folder / case.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if case.data is not None:
            path.write_bytes(case.data() if callable(case.data) else case.data)
    make_special(folder)
    before = sorted(p.relative_to(base).as_posix() for p in base.rglob("*"))
    store = base / "store"
    first = run_cli("process", str(folder), "--store", str(store), "--json")
    assert first.returncode == 0 and "Traceback" not in first.stderr, first.stderr[-3000:]
    snapshot = _store_snapshot(store)
    second = run_cli("process", str(folder), "--store", str(store), "--json")
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr[-3000:]
    run = Run(folder, store, json.loads(first.stdout), json.loads(second.stdout))
    run.snapshot, run.files_before = snapshot, before  # type: ignore[attr-defined]
    return run


@pytest.fixture(scope="module")
def articles(hostile):
    from lib.store import Store

    return Store(hostile.store).articles()


def _stored(hostile: Run, articles, case: Case):
    return articles[articles["source"] == str(hostile.folder / case.path)]


@pytest.mark.parametrize("case", CASES, ids=[c.path for c in CASES])
def test_each_case_has_its_named_outcome(hostile, articles, case):
    """Every expected failure is listed with its path, line and reason; every stored case is stored."""
    got = hostile.failures(case)
    assert len(got) == len(case.reasons), got
    for (line, reason), (want_line, pattern) in zip(got, case.reasons, strict=True):
        assert line == want_line and re.search(pattern, reason), (line, reason)
    assert len(_stored(hostile, articles, case)) == case.stored


def test_there_are_enough_cases_and_every_file_is_accounted_for(hostile, articles):
    assert len(CASES) >= 25
    failed_paths = {f["path"] for f in hostile.first["failed"]}
    known = {str(hostile.folder / c.path) for c in CASES}
    assert failed_paths <= known, failed_paths - known  # no failure outside the named cases
    assert set(articles["source"]) <= known
    # every case file is either stored or failed: nothing silently dropped
    assert known == failed_paths | set(articles["source"])
    assert hostile.first["new"] == sum(c.stored for c in CASES) == len(articles)


def _one(hostile, articles, name: str) -> dict:
    rows = _stored(hostile, articles, next(c for c in CASES if c.path == name))
    assert len(rows) == 1, name
    return {k: None if not isinstance(v, list) and v != v else v for k, v in rows.iloc[0].to_dict().items()}


def test_decoded_texts_are_exact(hostile, articles):
    a = lambda name: _one(hostile, articles, name)  # noqa: E731
    assert (a("utf16.txt")["title"], a("utf16.txt")["text"]) == ("Café in Zürich", "Russia’s envoy said “non” to the plan.")
    assert a("latin1.txt")["text"] == "The envoy’s reply: “non”, à Genève."
    assert a("bad utf8.txt")["text"] == "Kim met Putin in Moscow.\ufffd\ufffd\ufffd North Korea’s troops arrived in Kursk."
    assert a("crlf.txt")["text"] == "Russia sent troops.\nNorth Korea sent shells."
    assert a("german.txt")["text"] == GERMAN.split("\n\n")[1].strip()
    assert a("russian.txt")["text"] == RUSSIAN.split("\n\n")[1].strip()
    assert a("quoted newlines.csv")["text"] == "Russia sent troops.\nNorth Korea sent shells."
    assert (a("bom.csv")["title"], a("pipe delimited.csv")["published"]) == ("With BOM", "2024-01-02")
    assert a("missing columns.csv")["published"] is None and a("missing columns.csv")["line"] == 2
    path = _one(hostile, articles, "dir with spaces/Пхеньян café notes.txt")
    assert path["title"] == "Notes from Pyongyang"


def test_markup_is_stored_literally_and_html_scripts_are_dropped(hostile, articles):
    html = _one(hostile, articles, "script.html")
    assert html["title"] == "Evil page" and "North Korea delivered artillery shells" in html["text"]
    for junk in ("<", "alert", "javascript", "IFRAME_TEXT", "__xss"):
        assert junk not in html["text"]
    assert html["published"] is None  # "in 2024" in the text is not a publication day
    md = _one(hostile, articles, "markdown xss.txt")
    for literal in ("<script>alert(1)</script>", "**bold claim**", "<img src=x onerror=alert(1)>",
                    "[link](javascript:alert(1))"):
        assert literal in md["text"]  # the store keeps what the analyst gave; escaping is the UI's job
    fields = _one(hostile, articles, "xss fields.jsonl")
    assert (fields["title"], fields["url"]) == (XSS, "javascript:window.__xss=1")


def test_dates_impossible_is_dropped_ambiguous_reads_day_first(hostile, articles):
    impossible = _one(hostile, articles, "impossible date.txt")
    assert (impossible["outlet"], impossible["published"]) == ("Harbour Post", None)
    ambiguous = _one(hostile, articles, "ambiguous date.txt")
    assert ambiguous["published"] == "2025-04-03"  # aggregator pages write dd-mm-yyyy


def test_absurd_numbers_store_finite_values_and_verbatim_text(hostile, articles):
    from lib.store import Store

    q = Store(hostile.store).facts("quantities")
    for col in ("value", "low", "high"):
        assert all(math.isfinite(v) and v >= 0 for v in q[col].dropna()), col
    nums = q[q["article_id"] == _one(hostile, articles, "numbers.txt")["id"]]
    big = nums[nums["text"].str.contains("999999999999999999999")]
    # float64 holds the nearest value; the digits as written stay in ``text``
    assert len(big) == 1 and big.iloc[0]["value"] == float(999999999999999999999)
    assert not nums["text"].str.contains("NaN").any()


def test_symlink_loop_is_walked_once_and_nothing_escapes_the_store(hostile, articles):
    assert (articles["title"] == "Inside a loop").sum() == 1
    dots = _one(hostile, articles, "traversal id.json")
    assert dots["id"] == "../../../../escape"  # an id is data, never a path
    base = hostile.folder.parent
    after = sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if not p.is_relative_to(hostile.store))
    assert after == hostile.files_before  # the input folder is read, never written
    assert not any((d / "escape").exists() for d in [hostile.store, *hostile.store.parents][:8])
    files = [p.relative_to(hostile.store).parts[0] for p in hostile.store.rglob("*") if p.is_file()]
    assert set(files) <= {"parts", "commits", ".lock"}


def test_id_clash_with_the_store_is_reported_not_counted_as_stored(hostile, tmp_path):
    from lib.pipeline import read_inputs
    from lib.store import Store

    store = Store(hostile.store)
    clash = next(c for c in CASES if c.path == "id clash b.jsonl")
    path = tmp_path / "again.jsonl"
    path.write_bytes(clash.data)
    arts, errors, skipped = read_inputs([path], skip=store.known_ids(), store=store)
    assert (arts, skipped) == ([], 0)
    assert [e.reason for e in errors] == [
        f"id 'row-1' already used in the store by a different article ({hostile.folder / 'id clash a.jsonl'}); "
        "this one skipped"]
    same = next(c for c in CASES if c.path == "id clash a.jsonl")
    path.write_bytes(same.data)
    assert read_inputs([path], skip=store.known_ids(), store=store) == ([], [], 1)


def test_second_run_changes_nothing(hostile):
    second, first = hostile.second, hostile.first
    assert second["new"] == 0 and second["existing"] == first["new"]
    assert second["failed"] == first["failed"] and set(second["facts"].values()) == {0}
    after = _store_snapshot(hostile.store)
    for table, frame in hostile.snapshot.items():
        assert frame.equals(after[table]), table
        assert frame["id"].is_unique, table


def test_good_article_is_the_same_as_when_processed_alone(hostile, articles, tmp_path, nlp):
    """The good file among the hostile ones gives exactly the facts it gives on its own."""
    from lib.pipeline import process
    from lib.records import FACT_KINDS
    from lib.store import Store

    alone_dir = tmp_path / "alone"
    alone_dir.mkdir()
    (alone_dir / "good.txt").write_bytes(GOOD.encode())
    alone = Store(tmp_path / "s")
    assert process([alone_dir], alone).new == 1
    good = _one(hostile, articles, "good.txt")
    assert alone.known_ids() == {good["id"]}
    together = Store(hostile.store)
    for kind in FACT_KINDS:
        cols = ["id", "sentence", "start", "end"]
        mine = together.facts(kind)
        mine = mine[mine["article_id"] == good["id"]][cols].sort_values("id").reset_index(drop=True)
        assert mine.equals(alone.facts(kind)[cols].sort_values("id").reset_index(drop=True)), kind
    assert len(together.facts("quantities").query("article_id == @good['id']")) >= 2


# ---------------------------------------------------------------------------------------------- uploads


def test_upload_refuses_types_and_sizes_and_never_uses_the_name_as_a_path(tmp_path, nlp):
    from lib import settings
    from lib.store import Store
    from lib.ui import process_upload

    store = Store(tmp_path / "store")
    outside = tmp_path / "outside"
    outside.mkdir()
    bad_type = process_upload(b"MZ\x90\x00", name="tool.exe", target=store)
    assert [e.reason.split(";")[0] for e in bad_type.failed] == ["file type not accepted (.exe)"]
    big = process_upload(b"x" * (settings.UPLOAD_LIMIT_BYTES + 1), name="big.txt", target=store)
    assert [e.reason for e in big.failed] == [
        f"file too large ({settings.UPLOAD_LIMIT_BYTES + 1} bytes > {settings.UPLOAD_LIMIT_BYTES} bytes = "
        f"{settings.UPLOAD_LIMIT_MB} MB limit)"]
    name = f"../../{outside.name}/evil.txt"
    ok = process_upload(b"Evil name\n\nRussia sent troops to Belarus.", name=name, target=store)
    assert ok.new == 1 and not ok.failed
    assert not any(outside.iterdir()) and store.articles()["source"].tolist() == [name]
    assert {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")} == {"store", "outside"}


# ---------------------------------------------------------------------------------------------- no eval


FORBIDDEN = {("shell=True",), ("eval",), ("exec",), ("compile",), ("pickle", "load"), ("pickle", "loads"), ("marshal", "load"),
             ("marshal", "loads"), ("yaml", "load"), ("yaml", "unsafe_load"), ("dill", "load"), ("dill", "loads"),
             ("shelve", "open"), ("os", "system"), ("os", "popen"), ("pd", "read_pickle"), ("pandas", "read_pickle"),
             ("__import__",), ("importlib", "import_module")}


def _calls(tree: ast.AST) -> set[tuple[str, ...]]:
    """Dotted names of every call in a module ("pickle.loads" → ("pickle", "loads")); a call with
    ``shell=True`` (a command line a shell would interpret) counts as ("shell=True",)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if any(k.arg == "shell" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                   for k in node.keywords):
                out.add(("shell=True",))
            f, parts = node.func, []
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                out.add((f.id, *reversed(parts)))
    return out


def test_nothing_in_lib_or_the_app_evaluates_or_unpickles_input():
    files = [*ROOT.glob("lib/**/*.py"), ROOT / "dashboard.py", *ROOT.glob("pages/*.py")]
    assert len(files) > 20
    found = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)
                    for a in n.names} | {n.module.split(".")[0] for n in ast.walk(tree)
                                         if isinstance(n, ast.ImportFrom) and n.module}
        bad = {c for c in _calls(tree) if c in FORBIDDEN} | (imported & {"pickle", "marshal", "dill", "shelve"})
        if bad:
            found[path.relative_to(ROOT).as_posix()] = bad
    assert not found, found
    # the checker itself sees what it looks for
    sample = "import pickle\npickle.loads(b'')\neval('1')\nsubprocess.run(cmd, shell=True)"
    assert _calls(ast.parse(sample)) & FORBIDDEN == {("pickle", "loads"), ("eval",), ("shell=True",)}


# ---------------------------------------------------------------------------------------------- browser

CANARY = "() => [window.__xss, ...Array.from(document.querySelectorAll('iframe')).map(f => { try { " \
         "return f.contentWindow.__xss } catch (e) { return undefined } })].filter(v => v !== undefined)"


@pytest.fixture(scope="module")
def hostile_server(hostile):
    """The dashboard served by streamlit on the hostile store."""
    with streamlit_server(hostile.store) as url:
        yield url


def _hover_every_chart(page) -> int:
    """Move the mouse over points of every plotly chart (hover labels render titles and actors)."""
    hovered = 0
    for plot in page.locator(".js-plotly-plot").all():
        plot.scroll_into_view_if_needed()
        points = plot.locator("path.point, .scatterlayer path, g.bars path, .nodes path").all()[:5]
        for point in points or [plot]:
            try:
                point.hover(timeout=2000, force=True)
            except Exception:  # noqa: BLE001 - a point hidden under another is fine to skip
                continue
            page.wait_for_timeout(150)
            hovered += 1
    return hovered


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_store_in_the_browser_runs_nothing_and_calls_nowhere(hostile_server, hostile, articles):
    from urllib.parse import quote, urlparse

    from playwright.sync_api import expect, sync_playwright

    external, dialogs, checks = [], [], []
    guard = loopback_guard(external)

    def check(page, where: str) -> None:
        page.wait_for_timeout(500)
        assert page.evaluate(CANARY) == [], where
        assert page.get_by_test_id("stException").count() == 0, where
        for selector in ('img[src="x"]', 'a[href^="javascript:"]', "iframe[src*='evil']", "script:not([src])"):
            injected = page.locator(f"[data-testid='stMain'] {selector}")
            assert injected.count() == 0, (where, selector)
        checks.append(where)

    hostile_ids = [_one(hostile, articles, n)["id"] for n in
                   ("script.html", "markdown xss.txt", "xss fields.jsonl", "traversal id.json", "bad utf8.txt")]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
            ctx.route("**/*", guard)
            page = ctx.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(hostile_server + "/")
            expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
            check(page, "overview")
            links = page.get_by_test_id("stSidebarNav").locator("a").all()
            paths = sorted({urlparse(a.get_attribute("href")).path for a in links} - {"", "/"})
            assert len(paths) >= 4, paths
            hovered = 0
            for path in paths:
                page.goto(hostile_server + path)
                page.wait_for_load_state("networkidle")
                expect(page.get_by_test_id("stMain")).to_be_visible(timeout=30_000)
                page.wait_for_timeout(1500)  # let the script run finish and plotly draw
                hovered += _hover_every_chart(page)
                check(page, path)
            assert hovered >= 3
            for aid in hostile_ids:
                page.goto(f"{hostile_server}/articles?article={quote(aid, safe='')}")
                expect(page.get_by_test_id("stTabs").first).to_be_visible(timeout=30_000)
                for tab in page.get_by_role("tab").all():  # every evidence table of the article
                    tab.click()
                    page.wait_for_timeout(200)
                check(page, f"article {aid}")
            title = _one(hostile, articles, "xss fields.jsonl")["title"]
            page.goto(f"{hostile_server}/articles?article={quote(hostile_ids[2], safe='')}")
            expect(page.get_by_text(title, exact=False).first).to_be_visible(timeout=30_000)  # shown, as text
            page.evaluate("() => { window.__xss = 1 }")  # the canary check does see a script that ran
            assert page.evaluate(CANARY) == [1]
        finally:
            browser.close()
    assert not dialogs, dialogs
    assert not external, external
    print(f"browser checks passed: {len(checks)} views, {hovered} hovers, 0 dialogs, 0 external requests")
