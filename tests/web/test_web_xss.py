"""Cable text and user input are escaped everywhere: no markup from either reaches a page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

HOSTILE = "06REYKJAVIK77"
class _Audit(HTMLParser):
    """Collects what a browser would build: elements, attributes, script bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.script_text.append(data)


def assert_safe(html: str) -> None:
    """Only our own external scripts, no event handlers or inline styles, no injected tags."""
    audit = _Audit()
    audit.feed(html)
    assert not audit.script_text, "inline script"
    for tag, attrs in audit.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # the CSP allows no inline style either
        assert tag not in ("img", "b", "iframe", "object", "embed"), (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        if tag == "svg":
            assert attrs.get("class") == "histo-svg", attrs


@pytest.mark.parametrize("url", [
    f"/cable/{HOSTILE}", "/search?q=alert", "/search?q=fishing", "/", "/browse/tags",
    "/tags/SCRIPT%3EALERT", f"/cable/{HOSTILE}.json", "/api/docs",
])
def test_hostile_cable_is_escaped_on_every_page(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200, url
    if r.headers["content-type"].startswith("text/html"):
        assert_safe(r.text)


def test_cable_page_shows_the_hostile_text_as_text(client: TestClient) -> None:
    html = client.get(f"/cable/{HOSTILE}").text
    assert "Q&amp;A ON FISHING &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;QUOTAS" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in html
    assert "R&amp;D costs &lt; 5% &amp; rising" in html


def test_snippets_escape_text_and_mark_only_the_highlights(client: TestClient) -> None:
    html = client.get("/search", params={"q": "alert"}).text
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippet is not None
    marks = re.findall(r"<mark>(.*?)</mark>", snippet.group(1))
    assert marks and all(m.lower() == "alert" for m in marks)
    assert "&lt;script&gt;" in snippet.group(1)
    assert_safe(html)


@pytest.mark.parametrize("query", [
    '<script>alert(3)</script>',
    '"><img src=x onerror=alert(4)>',
    'tag:"<b>x</b>" & </main>',
    "subject:'\"><svg onload=alert(5)>",
    '"unclosed <script>',
])
def test_queries_with_markup_are_escaped(client: TestClient, query: str) -> None:
    r = client.get("/search", params={"q": query})
    assert r.status_code in (200, 400)
    assert_safe(r.text)
    assert "<svg onload" not in r.text


def test_problem_details_do_not_reflect_markup_as_html(client: TestClient) -> None:
    r = client.get("/api/v1/cables/<script>alert(1)<%2Fscript>")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    page = client.get("/cable/<script>alert(1)<%2Fscript>")
    assert page.status_code == 404
    assert_safe(page.text)
