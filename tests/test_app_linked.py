"""Linked views through the real app: the claims page, network focus/groups, selections in the URL, and
one headless-Chromium run that clicks a network node and watches the evidence and the Timeline follow.

The store is real: seeds/ plus three short articles (one story, one aggregator re-post of it under
another headline, one competing estimate) processed by the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from dashboard_fixtures import ARGS, CHROMIUM, ROOT, loopback_guard, streamlit_server
from streamlit.testing.v1 import AppTest

from lib.filters import Filters
from lib.store import Store

APP = str(ROOT / "dashboard.py")
SHOTS = Path("/tmp/shots")
WIRE = (
    "North Korea has supplied Russia with as many as 9 million rounds of ammunition since 2023, the "
    "Multilateral Sanctions Monitoring Team said in a report on Thursday.\n\nThe report also said "
    "Pyongyang sent at least 100 ballistic missiles to Moscow in 2024."
)
ARTICLES = [
    {
        "title": "North Korea sent Russia millions of shells, monitors say",
        "source": "AP",
        "published": "2025-05-30",
        "text": WIRE,
    },
    {
        "title": "Monitors: Pyongyang shipped up to 9 million rounds",
        "source": "Yahoo News",
        "published": "2025-05-31",
        "text": WIRE,
    },
    {
        "title": "Seoul estimates shell shipments",
        "source": "Yonhap",
        "published": "2024-10-15",
        "text": "North Korea shipped about 3 million artillery shells to Russia in 2024, South Korea's "
        "defence minister said on Tuesday.\n\nRussia also sent oil to North Korea, officials said.",
    },
]


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    from lib.pipeline import process

    root = tmp_path_factory.mktemp("linked_store")
    src = root / "claims.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    store = root / "store"
    summary = process([ROOT / "seeds", src], Store(store))
    assert summary.new == 5 and not summary.failed, summary.lines()
    return store


def open_app(store, monkeypatch, *, page: str, params: dict | None = None) -> AppTest:
    monkeypatch.setenv("DOSSIER_STORE", str(store))
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def url(at: AppTest) -> Filters:
    return Filters.from_query(
        {
            k: at.query_params.get_all(k) if hasattr(at.query_params, "get_all") else v
            for k, v in at.query_params.items()
        }
    )


def chart(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_claims_page_lines_up_estimates_and_counts_the_repost_once(store_dir, monkeypatch):
    params = {"category": "ammunition", "actor": ["PRK", "RUS"]}
    at = open_app(store_dir, monkeypatch, page="pages/claims.py", params=params)
    assert at.selectbox(key="claim_pick").value == ("ammunition", "PRK", "RUS")
    rows = at.dataframe[0].value
    # The seed page's figure, the AP wire figure and Seoul's: the Yahoo re-post of the wire is counted once.
    assert len(rows) == 3 and not rows["label"].str.contains("Yahoo News").any()
    nine = rows[
        rows["label"].str.contains(r"as many as 9 million.*\((?:MSMT|Multilateral[^,]*), AP, 2025-05-30\)")
    ].iloc[0]
    assert nine["sources"] == "AP (2025-05-30); Yahoo News (2025-05-31)"  # every outlet listed
    assert nine["qualifier"] == "up_to" and nine["high"] == 9e6
    three = rows[rows["label"].str.startswith("about 3 million")].iloc[0]
    assert "South Korea" in three["label"] and three["direction"] == "North Korea → Russia"
    fig = chart(at)
    keys = {k for t in fig["data"] for k in (t.get("customdata") or []) if k}
    assert len(keys) == 3 and all(k.startswith("quantity:") for k in keys)
    assert "nothing here is summed" in fig["layout"]["annotations"][-1]["text"]
    assert not any("total" in c.value.lower() for c in at.caption if "not summed" not in c.value)


def test_network_focus_depth_and_group_toggle_drive_the_graph_evidence_and_url(store_dir, monkeypatch):
    at = open_app(store_dir, monkeypatch, page="pages/network.py")
    everything = at.dataframe[0].value
    at.selectbox(key="n_focus").set_value("UKR").run()
    assert not at.exception
    near = at.dataframe[0].value
    assert 0 < len(near) < len(everything)
    assert all({"Ukraine (UKR)", "Russia (RUS)"} >= {r.source, r.target} for r in near.itertuples())
    assert Filters.from_query(dict(at.query_params)).focus == "UKR"
    at.segmented_control(key="n_depth").set_value(2).run()
    wider = at.dataframe[0].value
    assert len(near) < len(wider) <= len(everything)
    at.toggle(key="n_members").set_value(True).run()
    assert not at.exception
    assert "groups as member states" in chart(at)["layout"]["title"]["subtitle"]["text"]
    assert Filters.from_query(dict(at.query_params)).members is True


def test_a_selection_in_the_url_narrows_other_views_and_the_evidence_not_its_own_chart(
    store_dir, monkeypatch
):
    plain = open_app(store_dir, monkeypatch, page="pages/timeline.py")
    lanes_all = {y for t in chart(plain)["data"] for y in t.get("y", [])}
    at = open_app(store_dir, monkeypatch, page="pages/timeline.py", params={"sel": "actor:USA"})
    lanes = {y for t in chart(at)["data"] for y in t.get("y", [])}
    assert "United States" in lanes and lanes < lanes_all  # the Timeline follows a Network selection
    events = at.dataframe[0].value
    assert len(events) and all("United States" in a for a in events["actors"])
    assert any("Selected:" in i.value for i in at.info)
    at.switch_page("pages/network.py").run()
    nodes = chart(at)["data"][-1]
    assert len(nodes["customdata"]) == len(
        Store(store_dir).facts("relations")[["source", "target"]].stack().unique()
    )  # its own chart keeps every actor
    assert nodes["marker"]["line"]["color"][nodes["customdata"].index("actor:USA")] == "#D55E00"
    assert all("United States (USA)" in (r.source, r.target) for r in at.dataframe[0].value.itertuples())
    at.button(key="clear_sel").click().run()
    assert "sel" not in dict(at.query_params) and not at.info


# ---------------------------------------------------------------------------------------------- browser
@pytest.fixture(scope="module")
def server(store_dir):
    with streamlit_server(store_dir) as base:
        yield base


NODE_XY = """(key) => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd._fullData.find(d => (d.customdata || []).includes(key));
  const i = t.customdata.indexOf(key), L = gd._fullLayout, box = gd.getBoundingClientRect();
  return [box.left + L._size.l + L.xaxis.l2p(t.x[i]), box.top + L._size.t + L.yaxis.l2p(t.y[i])];
}"""
PLOT_READY = "() => { const g = document.querySelector('.js-plotly-plot'); return !!(g && g._fullData); }"
LANES = (
    "() => [...new Set(document.querySelector('.js-plotly-plot')._fullData.flatMap(d => [...(d.y || [])]))]"
)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM}")
def test_clicking_a_network_node_selects_it_and_the_timeline_follows(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    external: list[str] = []

    guard = loopback_guard(external)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1440, "height": 1100})
            ctx.route("**/*", guard)
            page = ctx.new_page()
            page.goto(server + "/")
            expect(page.get_by_text("Top actors")).to_be_visible(timeout=60_000)
            page.screenshot(path=str(tmp_path / "i4_overview.png"), full_page=True)
            nav = page.get_by_test_id("stSidebarNav")
            nav.get_by_text("Timeline", exact=True).click()
            expect(page.get_by_text("Evidence: events shown")).to_be_visible(timeout=30_000)
            page.wait_for_function(PLOT_READY, timeout=30_000)  # plotly draws after the page's text
            page.wait_for_timeout(1500)
            lanes_before = set(page.evaluate(LANES))
            nav.get_by_text("Network", exact=True).click()
            expect(page.get_by_text("Evidence: relations shown")).to_be_visible(timeout=30_000)
            page.wait_for_function(PLOT_READY, timeout=30_000)
            page.wait_for_timeout(1500)
            x, y = page.evaluate(NODE_XY, "actor:USA")
            page.mouse.click(x, y)
            page.wait_for_function(
                "() => decodeURIComponent(location.search).includes('sel=actor:USA')", timeout=30_000
            )
            expect(page.get_by_test_id("stAlertContentInfo").get_by_text("Selected:")).to_be_visible(
                timeout=30_000
            )
            page.wait_for_timeout(1500)
            assert page.get_by_test_id("stException").count() == 0
            page.screenshot(path=str(tmp_path / "i4_network.png"), full_page=True)
            nav.get_by_text(
                "Timeline", exact=True
            ).click()  # the selection follows the analyst to another view
            expect(page.get_by_text("Evidence: events shown")).to_be_visible(timeout=30_000)
            page.wait_for_function(
                "() => decodeURIComponent(location.search).includes('sel=actor:USA')", timeout=30_000
            )
            page.wait_for_function(PLOT_READY, timeout=30_000)
            page.wait_for_timeout(1500)
            lanes_after = set(page.evaluate(LANES))
            assert "United States" in lanes_after and lanes_after < lanes_before
            page.screenshot(path=str(tmp_path / "i4_timeline.png"), full_page=True)
            nav.get_by_text("Quantities", exact=True).click()
            expect(page.get_by_text("Evidence: quantities shown")).to_be_visible(timeout=30_000)
            page.get_by_role("button", name="Clear selection").click()  # the one way to clear it
            page.wait_for_function("() => !location.search.includes('sel=')", timeout=30_000)
            for view, marker in (
                ("Quantities", "Evidence: quantities shown"),
                ("Claims", "Evidence: figures compared"),
            ):
                nav.get_by_text(view, exact=True).click()
                expect(page.get_by_text(marker)).to_be_visible(timeout=30_000)
                page.wait_for_timeout(2000)
                assert page.get_by_test_id("stException").count() == 0
                assert page.get_by_test_id("stAlertContentInfo").count() == 0  # nothing selected now
                page.screenshot(path=str(tmp_path / f"i4_{view.lower()}.png"), full_page=True)
            assert "sel" not in unquote(page.url)
        finally:
            browser.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("overview", "network", "timeline", "quantities", "claims"):
        (SHOTS / f"i4_{name}.png").write_bytes((tmp_path / f"i4_{name}.png").read_bytes())
    assert not external, external
