"""The JSON API, ``/api/v1``: the same reads as the pages, as documents for programs.

Errors are problem details (``application/problem+json``); the responses declared here are
what ``/api/openapi.json`` documents.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from cablegram.model import TagKind
from cablegram.refdata import tag_info
from cablegram.web import browse
from cablegram.web.api_models import (
    CableOut,
    OriginOut,
    SearchOut,
    StatsOut,
    TagOut,
    cable_out,
    search_out,
)
from cablegram.web.auth import source
from cablegram.web.deps import Reader, canonical, search_state
from cablegram.web.problems import MEDIA_TYPE, TYPES, not_found
from cablegram.web.querystate import DEFAULT_PER_PAGE, MAX_PER_PAGE

_PROBLEM = {"content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}}
BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed query or parameter", **_PROBLEM}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such cable, or text that is no cable id", **_PROBLEM}}

router = APIRouter(prefix="/api/v1", tags=["archive"])

QueryText = Annotated[str, Query(
    description="The query language: words, \"phrases\", OR, -exclude, prefix*, and filters "
                "such as tag:KNNP origin:ALMATY class>=secret caveat:noforn from:2005-01 "
                "to:2006-12 signer:ordway ref:05STATE190856 reason:1.4d para:S decl:2015.",
    examples=["tag:KNNP uranium"])]


@router.get("/cables/{cable_id}", response_model=CableOut, summary="One cable",
            responses=NOT_FOUND)
async def get_cable(
    request: Request,
    reader: Reader,
    cable_id: Annotated[str, Path(description="Any spelling of a reference id, e.g. "
                                              "05ALMATY4143 or '05 ALMATY 004143'")],
) -> CableOut:
    """Parsed fields, the raw text of the current version, every version, what the cable
    cites (each marked in the archive or not) and what cites it."""
    cid = canonical(cable_id)
    dossier = await reader.run(reader.dossier, cid)
    if dossier is None:
        raise not_found(f"There is no cable {cid} in this archive.")
    await reader.run(reader.audit_read, dossier.stored.cable_id, source(request), None)
    return cable_out(dossier)


@router.get("/search", response_model=SearchOut, summary="Search the archive",
            responses=BAD_REQUEST)
async def search(
    reader: Reader,
    q: QueryText = "",
    sort: Annotated[str, Query(description="relevance, -date (newest first) or date")]
    = "relevance",
    page: Annotated[int, Query(ge=1, description="1-based")] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = DEFAULT_PER_PAGE,
    facets: Annotated[bool, Query(description="include facet counts")] = True,
) -> SearchOut:
    """Hits with highlighted snippet fragments, the total, and facet counts (origin, year,
    month, classification, tags, caveats, reasons) over the whole matching set."""
    state = search_state(q, sort, page, per_page)
    results = await reader.run(reader.search, state.q, sort=state.sort, page=state.page,
                               per_page=state.per_page, facets=facets)
    return search_out(state.q, state.sort, results)


@router.get("/tags", response_model=list[TagOut], summary="Every tag used, with counts")
async def tags(reader: Reader) -> list[TagOut]:
    view = await reader.run(reader.overview)
    out = []
    for code, n in view.facets.get("tags", []):
        info = tag_info(code)
        kind = info.kind.value if info else TagKind.UNKNOWN.value
        out.append(TagOut(code=code, kind=kind, definition=info.definition if info else None,
                          count=n))
    return out


@router.get("/origins", response_model=list[OriginOut], summary="Every origin, with counts")
async def origins(reader: Reader) -> list[OriginOut]:
    view = await reader.run(reader.overview)
    spans = await reader.run(reader.origin_years)
    return [
        OriginOut(origin=e.label, name=e.meaning, count=e.count,
                  first_year=spans[e.label][0] if e.label in spans else None,
                  last_year=spans[e.label][1] if e.label in spans else None)
        for e in browse.origins(view, spans)
    ]


@router.get("/stats", response_model=StatsOut, summary="Archive statistics")
async def stats(reader: Reader) -> StatsOut:
    s = await reader.run(reader.stats)
    return StatsOut(
        cables=s.cables, versions=s.versions, quarantined=s.quarantined, undated=s.undated,
        by_classification=s.by_classification,
        by_year={str(y): n for y, n in s.by_year.items()},
        top_origins=s.top_origins, top_tags=s.top_tags,
        citations_resolved=s.citations_resolved, citations_missing=s.citations_missing,
    )


problem_router = APIRouter(prefix="/api/problems", include_in_schema=False)


@problem_router.get("/{kind}")
async def problem_type(kind: str) -> dict[str, str]:
    """What each problem ``type`` means (the URIs in problem details resolve here)."""
    if kind not in TYPES:
        raise not_found("There is no such problem type.")
    return {"type": f"/api/problems/{kind}", "description": TYPES[kind]}
