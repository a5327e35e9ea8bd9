"""The JSON API: documents, search, lists, and the OpenAPI description."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_cable_document_has_fields_text_versions_and_citations(client: TestClient) -> None:
    r = client.get("/api/v1/cables/05ALMATY4188")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    doc = r.json()
    assert doc["id"] == "05ALMATY4188"
    assert doc["parsed"]["subject"] == "KAZAKHSTAN: FOLLOW-UP ON THE ZEPHYRINE QUOTA"
    assert doc["parsed"]["classification"] == "SECRET"
    assert "raw" not in doc["parsed"]
    assert "cut by a third" in doc["raw"]
    assert [v["current"] for v in doc["versions"]] == [False, True]
    cites = {c["cited"]: c["in_archive"] for c in doc["cites"]}
    assert cites == {"05ALMATY4101": True, "05STATE190999": False}
    assert [c["citing"] for c in doc["cited_by"]] == ["06REYKJAVIK77"]


def test_cable_id_in_any_spelling(client: TestClient) -> None:
    r = client.get("/api/v1/cables/05 almaty 004101")
    assert r.status_code == 200
    assert r.json()["id"] == "05ALMATY4101"


def test_search_returns_hits_snippets_and_facets(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"q": "zephyrine tag:KNNP", "per_page": 1})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 2 and body["per_page"] == 1 and len(body["hits"]) == 1
    hit = body["hits"][0]
    assert hit["url"] == f"/cable/{hit['id']}"
    assert any(f["highlighted"] and f["text"].lower() == "zephyrine" for f in hit["snippet"])
    assert dict(body["facets"]["origin"]) == {"ALMATY": 2}
    assert set(body["facets"]) >= {"year", "month", "classification", "tags", "caveats"}


def test_search_sort_by_date_and_without_facets(client: TestClient) -> None:
    r = client.get("/api/v1/search", params={"sort": "-date", "facets": "false"})
    body = r.json()
    assert [h["id"] for h in body["hits"]] == ["06REYKJAVIK77", "05ALMATY4188", "05ALMATY4101"]
    assert body["facets"] == {}


def test_tags_origins_stats(client: TestClient) -> None:
    tags = {t["code"]: t for t in client.get("/api/v1/tags").json()}
    assert tags["KNNP"]["count"] == 2
    assert tags["KNNP"]["kind"] == "program" and tags["KNNP"]["definition"]
    origins = {o["origin"]: o for o in client.get("/api/v1/origins").json()}
    assert origins["ALMATY"]["count"] == 2
    assert (origins["ALMATY"]["first_year"], origins["ALMATY"]["last_year"]) == (2005, 2005)
    assert origins["REYKJAVIK"]["name"] == "Embassy Reykjavik"
    stats = client.get("/api/v1/stats").json()
    assert stats["cables"] == 3 and stats["versions"] == 4
    assert stats["by_year"] == {"2005": 2, "2006": 1}


def test_openapi_documents_the_api_and_problem_details(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/v1/cables/{cable_id}", "/api/v1/search", "/api/v1/tags", "/api/v1/origins",
        "/api/v1/stats",
    }
    search = spec["paths"]["/api/v1/search"]["get"]
    assert "422" not in search["responses"]
    assert "application/problem+json" in search["responses"]["400"]["content"]
    assert "Problem" in spec["components"]["schemas"]
    cable = spec["paths"]["/api/v1/cables/{cable_id}"]["get"]["responses"]
    assert set(cable) == {"200", "404"}


def test_api_docs_page_lists_every_operation(client: TestClient) -> None:
    r = client.get("/api/docs")
    assert r.status_code == 200
    for path in ("/api/v1/cables/{cable_id}", "/api/v1/search", "/api/v1/stats"):
        assert path in r.text
    assert "cdn" not in r.text.lower()


def test_head_is_answered_like_get_without_body(client: TestClient) -> None:
    r = client.head("/api/v1/stats")
    assert r.status_code == 200 and r.content == b""
