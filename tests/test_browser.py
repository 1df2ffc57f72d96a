"""One real browser run: streamlit serves the dashboard, headless Debian Chromium clicks through it.

Offline is checked, not assumed: a route guard aborts and records every request that does not go to
127.0.0.1. Screenshots go to a tmp dir (and, for the lead, Network/Quantities to /tmp/shots/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import dashboard_fixtures
import pytest
from dashboard_fixtures import ARGS, CHROMIUM, loopback_guard, streamlit_server

from lib.store import Store

SHOTS = Path("/tmp/shots")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no chromium at {CHROMIUM}"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    seed_store = dashboard_fixtures.seed_store(tmp_path_factory)
    with streamlit_server(seed_store) as url:
        yield url, seed_store


def test_deep_link_on_a_fresh_server_opens_inside_the_app(server):
    """The first request of a fresh server is a copied link to a page with filters: it must open in
    the app's own navigation (logo, page titles, shared filters), not as a bare pages/ script."""
    server, _ = server
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            page.goto(f"{server}/network?actor=RUS")
            expect(page.get_by_text("Evidence: relations shown")).to_be_visible(timeout=60_000)
            nav = page.get_by_test_id("stSidebarNav")
            for title in ("Overview", "Network", "Claims", "Corrections"):
                expect(nav.get_by_text(title, exact=True)).to_be_visible(timeout=30_000)
            assert "actor=RUS" in page.url
            assert page.get_by_test_id("stException").count() == 0
        finally:
            browser.close()


def test_click_through_every_page(server, tmp_path):
    server, store_dir = server
    from playwright.sync_api import expect, sync_playwright

    external: list[str] = []

    guard = loopback_guard(external)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
            ctx.route("**/*", guard)
            page = ctx.new_page()
            page.goto(server + "/")
            expect(page.get_by_test_id("stMetricValue").first).to_be_visible(timeout=60_000)
            expect(page.get_by_text("Top actors")).to_be_visible(timeout=30_000)
            page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
            for path, marker in [
                ("network", "Evidence: relations shown"),
                ("timeline", "Evidence: events shown"),
                ("quantities", "Evidence: quantities shown"),
                ("articles", "Highlighted:"),
            ]:
                page.goto(f"{server}/{path}")
                expect(page.get_by_text(marker)).to_be_visible(timeout=30_000)
                if path != "articles":
                    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30_000)
                page.wait_for_timeout(1500)  # let plotly finish drawing before the screenshot
                assert page.get_by_test_id("stException").count() == 0, path
                page.screenshot(path=str(tmp_path / f"{path}.png"), full_page=True)
            # A "show me the source" deep link opens that article (here the page's second, related article).
            arts = Store(store_dir).articles(with_text=False)
            related = arts[arts["outlet"] != "Irish Examiner"].iloc[0]
            page.goto(f"{server}/articles?article={related['id']}")
            expect(page.get_by_role("heading", name=related["title"])).to_be_visible(timeout=30_000)
            # A filter change: only Russia on the Network page; the URL must carry it.
            page.goto(f"{server}/network")
            expect(page.get_by_text("Evidence: relations shown")).to_be_visible(timeout=30_000)
            before = page.get_by_text("distinct (source, action, target)").inner_text()
            actors = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
            actors.locator("input").click()
            actors.locator("input").fill("Russia")
            page.keyboard.press("Enter")
            page.keyboard.press("Escape")
            page.wait_for_function("() => location.search.includes('actor=RUS')", timeout=30_000)
            expect(page.get_by_text("distinct (source, action, target)")).not_to_have_text(
                before, timeout=30_000
            )
            page.wait_for_timeout(1500)
            assert page.get_by_test_id("stException").count() == 0
            page.screenshot(path=str(tmp_path / "network_rus.png"), full_page=True)
            # The filter survives navigation through the sidebar (and lands in the new page's URL).
            page.get_by_test_id("stSidebarNav").get_by_text("Quantities").click()
            expect(page.get_by_text("Evidence: quantities shown")).to_be_visible(timeout=30_000)
            page.wait_for_function("() => location.search.includes('actor=RUS')", timeout=30_000)
            expect(page.get_by_test_id("stSidebar").get_by_text("Russia (RUS)")).to_be_visible(timeout=15_000)
            assert page.get_by_test_id("stException").count() == 0
        finally:
            browser.close()
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("overview", "network", "timeline", "quantities", "articles", "network_rus"):
        shutil.copy(tmp_path / f"{name}.png", SHOTS / f"{name}.png")
    assert not external, external
