"""Errors: RFC 9457 problem details under /api, plain pages elsewhere, never a 500 for
anything a user can type."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PROBLEM = "application/problem+json"
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_unknown_cable_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/api/v1/cables/05ALMATY9999")
    assert r.status_code == 404 and r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["type"] == "/api/problems/not-found"
    assert body["status"] == 404 and body["title"] == "Not Found"
    assert body["detail"] == "There is no cable 05ALMATY9999 in this archive."
    assert body["instance"] == "/api/v1/cables/05ALMATY9999"


def test_text_that_is_no_id_says_why(client: TestClient) -> None:
    body = client.get("/api/v1/cables/hello").json()
    assert body["status"] == 404 and "Not a cable id" in body["detail"]


def test_bad_query_is_a_400_problem_pointing_at_the_column(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "tag:KNNP nucl* (iran"})
    assert r.status_code == 400 and r.headers["content-type"] == PROBLEM
    body = r.json()
    assert body["type"] == "/api/problems/bad-query" and body["title"] == "Malformed query"
    assert body["query"] == "tag:KNNP nucl* (iran"
    assert body["position"] == 15
    assert body["display"].endswith("^")


def test_bad_parameters_are_400_problems_naming_the_parameter(client: TestClient) -> None:
    for params, name in (({"page": "x"}, "page"), ({"per_page": "1000"}, "per_page"),
                         ({"sort": "sideways"}, "sort"), ({"page": "100000"}, "page")):
        r = client.get("/api/v1/search", params=params)
        assert r.status_code == 400, params
        assert r.headers["content-type"] == PROBLEM
        assert name in r.json()["detail"]


def test_deeply_nested_queries_never_crash(client: TestClient) -> None:
    for q in ("(" * 400 + "a" + ")" * 400, "-" * 900 + "a", "NOT " * 240 + "a",
              "(a OR " * 150 + "b" + ")" * 150):
        for url in ("/api/v1/search", "/search"):
            assert client.get(url, params={"q": q}).status_code in (200, 400), (url, q[:20])


def test_problem_types_resolve(client: TestClient) -> None:
    r = client.get("/api/problems/bad-query")
    assert r.status_code == 200 and "position" in r.json()["description"]
    assert client.get("/api/problems/none").status_code == 404


def test_pages_get_html_errors_without_server_details(client: TestClient) -> None:
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "There is nothing at this address." in r.text
    assert "Traceback" not in r.text and "uvicorn" not in r.text.lower()
    wrong = client.post("/search")
    assert wrong.status_code == 405


def test_a_crash_is_a_bare_500(client: TestClient) -> None:
    app = client.app
    boom_path = "/api/v1/__boom__"

    async def boom() -> None:
        raise RuntimeError("secret internal detail /etc/passwd")

    app.add_api_route(boom_path, boom)  # type: ignore[attr-defined]
    try:
        r = client.get(boom_path)
    finally:
        app.router.routes[:] = [  # type: ignore[attr-defined]
            rt for rt in app.router.routes if getattr(rt, "path", "") != boom_path]  # type: ignore[attr-defined]
    assert r.status_code == 500 and r.headers["content-type"] == PROBLEM
    assert r.json()["detail"] == "Something went wrong on the server."
    assert "secret" not in r.text and "RuntimeError" not in r.text
    assert "content-security-policy" in r.headers


@FUZZ
@given(q=st.text(max_size=80))
def test_fuzzed_queries_never_crash(client: TestClient, q: str) -> None:
    api = client.get("/api/v1/search", params={"q": q, "per_page": 2})
    assert api.status_code in (200, 400), (q, api.text)
    if api.status_code == 400:
        assert api.headers["content-type"] == PROBLEM and api.json()["detail"]
    page = client.get("/search", params={"q": q})
    assert page.status_code in (200, 400), (q, page.text[:300])


_QUERYISH = st.lists(st.sampled_from([
    "tag:", "origin:", "class", ">=", "<", ":", "=", "caveat:", "from:", "to:", "year:",
    "reason:", "para:", "decl:", "ref:", "id:", "signer:", '"', "(", ")", "-", "*", " OR ",
    " AND ", " NOT ", "KNNP", "ALMATY", "2005-13", "2006", "s", "1.4d", "x", " ", "\x00",
    "é", "<script>",
]), max_size=12).map("".join)


@FUZZ
@given(q=_QUERYISH)
def test_fuzzed_query_syntax_never_crashes(client: TestClient, q: str) -> None:
    r = client.get("/api/v1/search", params={"q": q, "per_page": 1})
    assert r.status_code in (200, 400), (q, r.text)
    page = client.get("/search", params={"q": q})
    assert page.status_code in (200, 400), (q, page.text[:300])


@FUZZ
@given(cable_id=st.text(min_size=1, max_size=70))
def test_fuzzed_ids_never_crash(client: TestClient, cable_id: str) -> None:
    path = quote(cable_id, safe="")
    api = client.get(f"/api/v1/cables/{path}")
    assert api.status_code in (200, 404), (cable_id, api.text)
    page = client.get(f"/cable/{path}", follow_redirects=False)
    assert page.status_code in (200, 307, 308, 404), (cable_id, page.text[:300])
    for suffix in (".txt", ".json", "/diff"):
        extra = client.get(f"/cable/{path}{suffix}", follow_redirects=True)
        assert extra.status_code in (200, 404), (cable_id, suffix)


@FUZZ
@given(page=st.integers(min_value=-5, max_value=10**12),
       per_page=st.integers(min_value=-5, max_value=10**6),
       sort=st.sampled_from(["relevance", "date", "-date", "", "x"]))
def test_fuzzed_paging_never_crashes(client: TestClient, page: int, per_page: int,
                                     sort: str) -> None:
    params = {"page": str(page), "per_page": str(per_page), "sort": sort}
    assert client.get("/api/v1/search", params=params).status_code in (200, 400)
    assert client.get("/search", params=params).status_code in (200, 400)
