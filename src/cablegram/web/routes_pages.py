"""HTML pages: home, search, a cable (with its downloads and version diffs), a tag.

Each page is complete HTML on its own; when htmx asks for the search area only
(``HX-Request`` without a history restore), the same data renders into the partial.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from cablegram.diff import DiffError
from cablegram.query import QueryError
from cablegram.refdata import tag_info
from cablegram.web import browse, searchview
from cablegram.web.api_models import cable_out
from cablegram.web.auth import source
from cablegram.web.deps import Reader, canonical, search_state
from cablegram.web.presenters import cable_href, filter_value, present
from cablegram.web.problems import Problem, not_found
from cablegram.web.querystate import DEFAULT_PER_PAGE, SORTS, SearchState
from cablegram.web.reader import Dossier, ReaderView
from cablegram.web.templating import Templates

EXAMPLES = (
    ("tag:KNNP uranium", "nuclear non-proliferation cables that mention uranium"),
    ('"civil nuclear" -india', "a phrase, excluding a word"),
    ("class>=secret caveat:noforn", "SECRET or above, not releasable to foreigners"),
    ("from:2006-01 to:2006-06 origin:ALMATY", "one post, one half-year"),
    ("reason:1.4d para:S", "classified for foreign relations, with a SECRET paragraph"),
)


def router(templates: Templates) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/")
    async def home(request: Request, reader: Reader) -> Response:
        stats, view, recent = await reader.run(_home_data, reader)
        return templates.render(request, "home.html", {
            "stats": stats, "view": view, "recent": searchview.hits(recent),
            "examples": EXAMPLES, "q": "",
            "histogram": searchview.histogram(SearchState(), view.facets),
            "levels": browse.classifications(view),
        })

    @r.get("/search")
    async def search(request: Request, reader: Reader, q: str = "", sort: str = "relevance",
                     page: int = 1, per_page: int = DEFAULT_PER_PAGE) -> Response:
        state = search_state(q, sort, page, per_page)
        context, status = await _search_context(reader, state)
        name = "_search_body.html" if _partial(request) else "search.html"
        response = templates.render(request, name, context, status)
        response.headers["Vary"] = "HX-Request"
        return response

    @r.get("/tags/{code}")
    async def tag_page(request: Request, reader: Reader, code: str) -> Response:
        code = code.strip().upper()
        if not code or len(code) > 64 or '"' in code:
            raise not_found("That is not a tag.")
        state = SearchState(f"tag:{filter_value(code)}", "-date")
        context, _ = await _search_context(reader, state)
        if context["error"] is not None or (context["total"] == 0 and tag_info(code) is None):
            raise not_found(f"No cable in the archive has the tag {code}.")
        context["tag"] = tag_info(code)
        context["code"] = code
        return templates.render(request, "tag.html", context)

    @r.get("/cable/{cable_id}.txt")
    async def cable_text(request: Request, reader: Reader, cable_id: str) -> Response:
        dossier = await _dossier(reader, cable_id, request, "txt")
        return PlainTextResponse(dossier.stored.version.raw, headers=_attachment(
            f"{dossier.stored.cable_id}.txt"))

    @r.get("/cable/{cable_id}.json")
    async def cable_json(request: Request, reader: Reader, cable_id: str) -> Response:
        dossier = await _dossier(reader, cable_id, request, "json")
        body = json.dumps(cable_out(dossier).model_dump(), ensure_ascii=False, indent=2)
        return Response(body, media_type="application/json",
                        headers=_attachment(f"{dossier.stored.cable_id}.json"))

    @r.get("/cable/{cable_id}/diff")
    async def cable_diff(request: Request, reader: Reader, cable_id: str,
                         a: int | None = None, b: int | None = None) -> Response:
        cid = canonical(cable_id)
        try:
            diff = await reader.run(reader.diff, cid, a, b)
        except DiffError as exc:
            raise Problem(404, str(exc), "not-found") from exc
        versions = await reader.run(reader.versions, cid)
        return templates.render(request, "diff.html", {
            "diff": diff, "cable_id": cid, "href": cable_href(cid),
            "numbers": list(range(1, len(versions) + 1)),
        })

    @r.get("/cable/{cable_id}")
    async def cable_page(request: Request, reader: Reader, cable_id: str) -> Response:
        cid = canonical(cable_id)
        if cid != cable_id:
            return RedirectResponse(cable_href(cid), status_code=308)
        dossier = await _dossier(reader, cid, request)
        return templates.render(request, "cable.html", {"page": present(dossier), "q": ""})

    @r.get("/favicon.ico")
    async def favicon() -> Response:
        """Browsers ask for it even when a page names its icon; point them at that one."""
        return RedirectResponse("/static/favicon.svg", status_code=301)

    return r


def _home_data(reader: ReaderView) -> tuple[Any, Any, Any]:
    recent = reader.search("", sort="-date", per_page=6, facets=False)
    return reader.stats(), reader.overview(), recent


async def _dossier(reader: ReaderView, cable_id: str, request: Request,
                   export: str | None = None) -> Dossier:
    """The cable as the reader may see it; a cable they may not see is a 404 worded
    exactly as for an unknown id. Reads by signed-in readers are audited."""
    cid = canonical(cable_id)
    dossier = await reader.run(reader.dossier, cid)
    if dossier is None:
        raise not_found(f"There is no cable {cid} in this archive.")
    await reader.run(reader.audit_read, dossier.stored.cable_id, source(request), export)
    return dossier


async def _search_context(reader: ReaderView, state: SearchState) -> tuple[dict[str, Any], int]:
    context: dict[str, Any] = {
        "state": state, "q": state.q, "sorts": SORTS, "error": None, "total": 0,
        "hits": [], "facets": [], "histogram": None, "pager": [], "took_ms": 0.0,
        "sort_links": [],
    }
    try:
        results = await reader.run(reader.search, state.q, sort=state.sort, page=state.page,
                                   per_page=state.per_page)
    except QueryError as exc:
        context["error"] = exc
        return context, 400
    context.update(
        total=results.total,
        hits=searchview.hits(results),
        facets=searchview.facet_groups(state, results),
        histogram=searchview.histogram(state, results.facets),
        pager=searchview.pager(state, results.total),
        took_ms=results.took_ms,
        sort_links=[(label, state.url(sort=key, page=1), key == state.sort)
                    for key, label in SORTS.items()],
    )
    return context, 200


def _partial(request: Request) -> bool:
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get(
        "hx-history-restore-request") != "true" and headers.get("hx-target") == "search"


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}

