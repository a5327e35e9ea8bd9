"""Security headers on every kind of response, and nothing that names the server."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("url", [
    "/", "/search?q=quota", "/cable/05ALMATY4101", "/api/v1/stats", "/api/v1/cables/nope",
    "/nowhere", "/static/app.css", "/search?q=%22",
])
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "server" not in r.headers and "x-powered-by" not in r.headers


def test_static_assets_are_cacheable_and_pages_revalidated(client: TestClient) -> None:
    assert "max-age" in client.get("/static/app.js").headers["cache-control"]
    assert client.get("/").headers["cache-control"] == "no-cache"


def test_assets_are_vendored_and_fingerprinted(client: TestClient) -> None:
    html = client.get("/").text
    assert '/static/vendor/htmx.min.js?v=' in html and '/static/app.css?v=' in html
    htmx = client.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:2000]
    assert "http://" not in html.replace("http://www.w3.org", "")
    assert "https://" not in html


def test_htmx_is_configured_for_the_csp(client: TestClient) -> None:
    html = client.get("/").text
    assert '"includeIndicatorStyles":false' in html  # it would inject an inline <style>
    assert '"allowEval":false' in html
