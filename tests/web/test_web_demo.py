"""The whole site over the demo archive: crawl every link a reader can reach."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from pathlib import Path

from fastapi.testclient import TestClient
from test_web_xss import assert_safe

from cablegram.archive import Archive

_HREF = re.compile(r'href="(/[^"#]*)"')
MAX_PAGES = 400


def test_crawl_reaches_no_error_and_no_unsafe_markup(demo_client: TestClient) -> None:
    """Breadth-first from the home page over internal links (facets, tags, cables, refs)."""
    seen = {"/"}
    queue = deque(["/", "/browse/tags", "/browse/origins", "/browse/time"])
    visited = statuses = 0
    cables = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        r = demo_client.get(url)
        visited += 1
        assert r.status_code < 500, url
        if url.startswith("/cable/") and "/diff" not in url and "." not in url:
            assert r.status_code == 200, f"a link led to a missing cable: {url}"
            cables += 1
        statuses += r.status_code == 200
        if not r.headers["content-type"].startswith("text/html"):
            continue
        assert_safe(r.text)
        for link in _HREF.findall(r.text):
            link = unescape(link)
            if link.startswith("/static/") or link in seen:
                continue
            seen.add(link)
            if link.startswith("/cable/"):
                queue.appendleft(link)  # cables first: references lead to more cables
            else:
                queue.append(link)
    assert visited == MAX_PAGES or not queue
    assert cables >= 20 and statuses >= visited * 0.95


def test_every_resolved_reference_links_and_every_missing_one_says_so(
        demo_client: TestClient) -> None:
    hits = demo_client.get("/api/v1/search", params={"q": "class>=confidential",
                                                      "per_page": 60}).json()["hits"]
    checked = missing = 0
    for hit in hits:
        doc = demo_client.get(f"/api/v1/cables/{hit['id']}").json()
        html = demo_client.get(f"/cable/{hit['id']}").text
        for cite in doc["cites"]:
            link = f'href="/cable/{cite["cited"]}"'
            if cite["in_archive"]:
                assert link in html
                checked += 1
            else:
                assert link not in html and "not in archive" in html
                missing += 1
    assert checked >= 10 and missing >= 1


def test_versions_of_demo_cables_diff(demo_client: TestClient, demo_db: Path) -> None:
    stats = demo_client.get("/api/v1/stats").json()
    assert stats["versions"] > stats["cables"]
    # Which cables have versions comes from the store: the first page of an unranked search
    # is in index order, which differs between builds of the same archive.
    with Archive(demo_db) as archive:
        versioned = [i for i in archive.store.cable_ids() if len(archive.versions(i)) > 1]
    assert versioned
    for cable_id in versioned[:5]:
        doc = demo_client.get(f"/api/v1/cables/{cable_id}").json()
        assert len(doc["versions"]) > 1
        r = demo_client.get(f"/cable/{cable_id}/diff")
        assert r.status_code == 200 and "Changes between version" in r.text
