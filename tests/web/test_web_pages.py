"""The HTML pages: what a reader sees on a cable, the search page, browse and home."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_cable_page_shows_the_cable_as_published_and_decoded(client: TestClient) -> None:
    r = client.get("/cable/05ALMATY4101")
    assert r.status_code == 200
    html, text = r.text, _text(r.text)
    assert html.count('class="banner cls-c"') == 2  # top and bottom
    assert "CONFIDENTIAL//NOFORN" in text
    assert "21 November 2005, 10:39 UTC" in text
    assert "Declassify on 20 November 2015" in text
    assert "1.4(b) : foreign government information" in text
    assert 'href="/tags/KNNP" title="Nuclear' in html or 'href="/tags/KNNP" title="' in html
    assert 'id="p2"' in html and 'href="#p2"' in html
    assert 'class="badge cls-c" title="CONFIDENTIAL' in html
    assert "para--summary" in html and "para--comment" in html
    assert "VARNHOLT" in text
    assert "Cited by 1" in text and 'href="/cable/05ALMATY4188"' in html
    assert 'href="/cable/05ALMATY4101.txt"' in html and 'href="/cable/05ALMATY4101.json"' in html


def test_references_link_when_in_archive_and_say_so_when_not(client: TestClient) -> None:
    html = client.get("/cable/05ALMATY4188").text
    assert 'href="/cable/05ALMATY4101"' in html
    assert re.search(r"05STATE190999</span>\s*<span class=\"missing\">not in archive", html)
    assert "QUILLANE-VARNHOLT EMAIL 11/02/05" in html
    assert "1.6X6" in html and "Exempt from declassification at ten years" in html
    assert 'class="badge cls-s"' in html and "SECRET//NOFORN" in html


def test_versions_and_word_diff(client: TestClient) -> None:
    html = client.get("/cable/05ALMATY4188").text
    assert 'href="/cable/05ALMATY4188/diff?a=1&amp;b=2"' in html
    diff = client.get("/cable/05ALMATY4188/diff?a=1&b=2")
    assert diff.status_code == 200
    assert "<del>quarter</del><ins>third</ins>" in diff.text
    assert client.get("/cable/05ALMATY4188/diff?a=1&b=9").status_code == 404
    assert client.get("/cable/05ALMATY4101/diff").status_code == 404  # one version only


def test_downloads_are_the_raw_text_and_the_api_document(client: TestClient) -> None:
    txt = client.get("/cable/05ALMATY4101.txt")
    assert txt.headers["content-type"].startswith("text/plain")
    assert "attachment" in txt.headers["content-disposition"]
    assert txt.text.startswith("VZCZC")
    doc = client.get("/cable/05ALMATY4101.json").json()
    assert doc["id"] == "05ALMATY4101" and doc["raw"] == txt.text


def test_other_spellings_of_an_id_redirect_to_the_canonical_page(client: TestClient) -> None:
    r = client.get("/cable/05 almaty 004101", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/cable/05ALMATY4101"


def test_search_page_facets_toggle_filters_in_the_query(client: TestClient) -> None:
    html = client.get("/search", params={"q": "zephyrine"}).text
    assert "2</strong> cables match" in _text(html) or "<strong>2</strong>" in html
    add = re.search(r'href="(/search\?q=zephyrine\+tag%3APARM)"', html)
    assert add, "a facet link adds its filter to the query"
    narrowed = client.get(add.group(1).replace("&amp;", "&")).text
    assert "<strong>1</strong> cable " in narrowed
    assert re.search(r'href="/search\?q=zephyrine" hx-get="/search\?q=zephyrine" '
                     r'class="facet-link active"', narrowed), "clicking again removes it"


def test_search_page_histogram_and_sorting(client: TestClient) -> None:
    html = client.get("/search").text
    assert 'class="histo-svg"' in html
    assert "from%3A2005-11+to%3A2005-11" in html
    newest = client.get("/search", params={"sort": "-date"}).text
    ids = re.findall(r'<span class="mono">(\w+)</span>', newest)
    assert ids[:3] == ["06REYKJAVIK77", "05ALMATY4188", "05ALMATY4101"]


def test_search_partial_for_htmx_and_full_page_otherwise(client: TestClient) -> None:
    headers = {"HX-Request": "true", "HX-Target": "search"}
    partial = client.get("/search", params={"q": "quota"}, headers=headers)
    assert partial.text.lstrip().startswith('<main id="search"')
    assert "<html" not in partial.text
    assert partial.headers["vary"] == "HX-Request"
    restore = client.get("/search", params={"q": "quota"},
                         headers={**headers, "HX-History-Restore-Request": "true"})
    assert "<html" in restore.text


def test_malformed_query_shows_the_message_beside_the_box(client: TestClient) -> None:
    r = client.get("/search", params={"q": 'tag:KNNP "unclosed'})
    assert r.status_code == 400
    assert 'id="query-error"' in r.text
    assert "this quote is never closed" in r.text
    assert 'aria-invalid="true"' in r.text


def test_tag_page_defines_the_tag_and_lists_its_cables(client: TestClient) -> None:
    html = client.get("/tags/knnp").text
    assert "KNNP" in html and "05ALMATY4101" in html and "05ALMATY4188" in html
    assert client.get("/tags/ZZZZ").status_code == 404


def test_browse_pages(client: TestClient) -> None:
    tags = _text(client.get("/browse/tags").text)
    assert "Programs and themes" in tags and "KNNP" in tags
    origins = _text(client.get("/browse/origins").text)
    assert "Embassy Almaty" in origins and "2005" in origins
    time = client.get("/browse/time").text
    assert "from%3A2005-12%20to%3A2005-12" in time
    levels = client.get("/browse/classifications").text
    assert "cls-s" in levels and "serious damage" in levels
    assert "Not releasable to foreign nationals" in client.get("/browse/caveats").text
    assert "foreign government information" in client.get("/browse/reasons").text
    assert client.get("/browse").status_code == 200


def test_home_page_has_statistics_and_entry_points(client: TestClient) -> None:
    text = _text(client.get("/").text)
    assert "3 cables" in text and "4 versions kept" in text
    assert "Latest cables" in text and "ICELAND" in text


def test_signers_are_browsed_not_counted_per_search(client: TestClient) -> None:
    """The browse list counts signers; a search counts the seven sidebar facets only
    (signers would cost as much again, and neither the sidebar nor the API shows them)."""
    facets = client.get("/api/v1/search").json()["facets"]
    assert set(facets) == {"origin", "year", "month", "classification", "tags", "caveats",
                           "reasons"}
    r = client.get("/browse/signers")
    assert r.status_code == 200 and "VARNHOLT" in r.text.upper()
    assert 'href="/browse/signers"' in client.get("/browse").text
