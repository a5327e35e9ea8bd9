"""A reader's path through the site in a real browser, on the invented archive.

Home, a typed search, a facet clicked on and off (htmx swaps the results in place and the
URL follows), a cable with its banner colours and badges, a reference followed, a paragraph
permalink copied, the histogram brushed, and the same pages with JavaScript off. Every page
is checked for console errors, CSP violations and dialogs (a successful XSS would alert).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import WATCH_CSP, Watch, chromium, require_browser

from cablegram.web.liveserver import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(archive_db: Path) -> Iterator[str]:
    require_browser()
    with serving(archive_db) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base_url: str) -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    context.add_init_script(WATCH_CSP)
    pg = context.new_page()
    watch = Watch()
    watch.attach(pg)
    yield pg, watch
    context.close()


def test_search_facets_cable_reference_permalink(page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto("/")
    assert "3" in pg.locator(".stat-n").first.inner_text()
    watch.assert_clean(pg)

    pg.fill("#q", "zephyrine")
    pg.press("#q", "Enter")
    pg.wait_for_url(re.compile(r"/search\?q=zephyrine$"))
    assert pg.locator(".hit").count() == 2
    watch.assert_clean(pg)

    pg.evaluate("window.__same_document = true")
    pg.locator(".facet-link", has_text="PARM").click()
    pg.wait_for_url(re.compile(r"q=zephyrine\+tag%3APARM"))
    pg.wait_for_function("document.querySelectorAll('.hit').length === 1")
    assert pg.input_value("#q") == "zephyrine tag:PARM"
    assert pg.evaluate("window.__same_document") is True, "htmx swapped in place"
    active = pg.locator(".facet-link.active")
    assert active.count() == 1 and "PARM" in active.inner_text()

    active.click()  # again: the filter goes away
    pg.wait_for_url(re.compile(r"/search\?q=zephyrine$"))
    pg.wait_for_function("document.querySelectorAll('.hit').length === 2")
    pg.go_back()
    pg.wait_for_url(re.compile(r"tag%3APARM"))
    pg.wait_for_function("document.querySelectorAll('.hit').length === 1")

    pg.locator(".hit-title", has_text="FOLLOW-UP").click()
    pg.wait_for_url(re.compile(r"/cable/05ALMATY4188$"))
    banner = pg.locator(".banner").first
    assert banner.inner_text().strip() == "SECRET//NOFORN"
    assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(200, 16, 46)"
    badges = pg.locator(".cable-kicker .badge").all_inner_texts()
    assert badges == ["S", "IMMEDIATE", "NOFORN", "SIPDIS"]
    assert pg.locator(".missing").inner_text() == "not in archive"
    tag = pg.locator(".tags a.tag", has_text="KNNP")
    assert "Nuclear" in (tag.get_attribute("title") or "")
    watch.assert_clean(pg)

    pg.locator(".ref-list a", has_text="05ALMATY4101").click()
    pg.wait_for_url(re.compile(r"/cable/05ALMATY4101$"))
    assert "ZEPHYRINE QUOTA" in pg.locator("h1").inner_text()
    assert pg.locator(".banner").first.inner_text().strip() == "CONFIDENTIAL//NOFORN"

    pg.locator("#p2 a.para-num").click()
    pg.wait_for_url(re.compile(r"#p2$"))
    assert pg.evaluate("document.querySelector('#p2').matches(':target')")
    pg.locator("#p3").hover()
    copy = pg.locator("#p3 button.copy-link")
    assert copy.is_visible()
    copy.click()
    pg.wait_for_function("document.querySelector('#p3 .copy-link').textContent === 'Copied'")
    assert pg.evaluate("navigator.clipboard.readText()").endswith("/cable/05ALMATY4101#p3")
    watch.assert_clean(pg)


def test_histogram_brush_sets_the_date_range(page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto("/search?q=quota")
    box = pg.locator("svg.histo-svg").bounding_box()
    bars = pg.locator("svg.histo-svg a").count()
    assert box is not None and bars >= 2
    y = box["y"] + box["height"] / 2
    pg.mouse.move(box["x"] + 2, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    pg.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
    pg.mouse.up()
    pg.wait_for_url(re.compile(r"from%3A2005-11\+to%3A2005-12"))
    assert pg.input_value("#q") == "quota from:2005-11 to:2005-12"
    watch.assert_clean(pg)


def test_hostile_cable_runs_nothing(page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto("/cable/06REYKJAVIK77")
    assert "<script>alert(1)</script>" in pg.locator("h1").inner_text()
    pg.goto("/search?q=alert")
    assert pg.locator(".snippet mark").count() >= 1
    pg.goto('/search?q="><img src=x onerror=alert(4)>')
    assert "never closed" in pg.locator("#query-error").inner_text()
    watch.assert_clean(pg, http_errors=True)


def test_pages_work_without_javascript(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    pg = context.new_page()
    pg.goto("/search?q=zephyrine")
    pg.locator(".facet-link", has_text="PARM").click()
    pg.wait_for_url(re.compile(r"tag%3APARM"))
    assert pg.locator(".hit").count() == 1
    assert pg.locator(".facet-link.active").count() == 1
    pg.goto("/cable/05ALMATY4101#p3")
    assert pg.locator("#p3 a.para-num").get_attribute("href") == "#p3"
    assert pg.locator("#p3 button.copy-link").is_hidden()  # copying needs the script
    context.close()


def test_phone_layout_and_keyboard(browser: Any, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    pg = context.new_page()
    for url in ("/", "/search?q=quota", "/cable/05ALMATY4188", "/browse/tags"):
        pg.goto(url)
        overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{url} scrolls sideways by {overflow}px on a phone"
    pg.keyboard.press("Tab")
    assert pg.evaluate("document.activeElement.className") == "skip"
    pg.goto("/cable/05ALMATY4188")
    pg.keyboard.press("/")
    assert pg.evaluate("document.activeElement.id") == "head-q"
    context.close()


def test_reader_path_on_the_demo_archive(browser: Any, demo_db: Path) -> None:
    require_browser()
    with serving(demo_db) as base:
        context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
        context.add_init_script(WATCH_CSP)
        pg = context.new_page()
        watch = Watch()
        watch.attach(pg)
        pg.goto("/")
        pg.fill("#q", "minister")
        pg.press("#q", "Enter")
        pg.wait_for_url(re.compile(r"/search\?q=minister$"))
        assert pg.locator(".hit").count() > 0

        tag = pg.locator(".facet", has_text="Tags").locator(".facet-link").first
        expected = tag.locator(".facet-count").inner_text().replace("\u202f", "")
        code = tag.locator(".facet-label").inner_text()
        tag.click()
        pg.wait_for_url(re.compile(rf"tag%3A{re.escape(code)}"))
        pg.wait_for_function(f"document.querySelector('.results-count strong')"
                             f".textContent.replace(/\\u202f/g, '') === '{expected}'")

        pg.locator(".hit-title").first.click()
        pg.wait_for_url(re.compile(r"/cable/\w+$"))
        level = pg.locator(".cable-kicker .badge").first.get_attribute("class") or ""
        banner = pg.locator(".banner").first.get_attribute("class") or ""
        assert level.split()[-1] == banner.split()[-1], (level, banner)
        assert code in pg.locator(".tags").inner_text()

        target = _cable_with_a_resolved_reference(pg, base)
        pg.goto(f"/cable/{target['id']}")
        cited = next(c for c in target["cites"] if c["in_archive"])
        pg.locator(f'.ref-list a[href="/cable/{cited["cited"]}"]').first.click()
        pg.wait_for_url(re.compile(rf"/cable/{cited['cited']}$"))
        if cited["subject"]:
            assert pg.locator("h1").inner_text() == cited["subject"]
        first = pg.locator("a.para-num").first
        anchor = first.get_attribute("href")
        first.click()
        pg.wait_for_url(re.compile(rf"{anchor}$"))
        watch.assert_clean(pg)
        context.close()


def _cable_with_a_resolved_reference(pg: Any, base: str) -> dict[str, Any]:
    hits = pg.request.get(f"{base}/api/v1/search?q=class%3E%3Dconfidential&per_page=50"
                          "&facets=false").json()["hits"]
    for hit in hits:
        doc: dict[str, Any] = pg.request.get(f"{base}/api/v1/cables/{hit['id']}").json()
        if any(c["in_archive"] for c in doc["cites"]):
            return doc
    raise AssertionError("no demo cable cites another demo cable")
