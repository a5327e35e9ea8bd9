"""The JSON API's documents, as pydantic models so that OpenAPI describes them exactly.

Parsed cable fields come from ``cablegram.serialize.to_dict``, the one mapping the CLI and
the store share, so a field means the same thing in ``cablegram parse`` and over HTTP.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from cablegram.index.results import SearchResults
from cablegram.serialize import to_dict
from cablegram.store.base import Citation, Version
from cablegram.web.reader import Dossier


class VersionOut(BaseModel):
    number: int = Field(description="1 for the oldest stored version")
    current: bool
    released: str | None = Field(description="release date of the source, ISO 8601")
    ingested_at: str
    source_format: str
    source_location: str
    text_sha256: str


class CitationOut(BaseModel):
    citing: str
    cited: str
    bullet: str | None
    raw: str = Field(description="the reference as written in the REF line")
    in_archive: bool
    subject: str | None
    created: str | None


class CableOut(BaseModel):
    id: str
    url: str
    parsed: dict[str, Any] = Field(description="every parsed field (cablegram.serialize)")
    raw: str = Field(description="the current version's text, byte for byte")
    versions: list[VersionOut]
    cites: list[CitationOut]
    cited_by: list[CitationOut]


class FragmentOut(BaseModel):
    text: str
    highlighted: bool


class HitOut(BaseModel):
    id: str
    url: str
    score: float | None
    created: str | None
    origin: str | None
    classification: str | None
    subject: str | None
    snippet: list[FragmentOut]


class SearchOut(BaseModel):
    query: str
    sort: str
    page: int
    per_page: int
    total: int
    took_ms: float
    hits: list[HitOut]
    facets: dict[str, list[tuple[str, int]]]


class TagOut(BaseModel):
    code: str
    kind: str
    definition: str | None
    count: int


class OriginOut(BaseModel):
    origin: str
    name: str | None
    count: int
    first_year: int | None
    last_year: int | None


class StatsOut(BaseModel):
    cables: int
    versions: int
    quarantined: int
    undated: int
    by_classification: dict[str, int]
    by_year: dict[str, int]
    top_origins: list[tuple[str, int]]
    top_tags: list[tuple[str, int]]
    citations_resolved: int
    citations_missing: int


def cable_out(dossier: Dossier) -> CableOut:
    stored = dossier.stored
    return CableOut(
        id=stored.cable_id,
        url=f"/cable/{stored.cable_id}",
        parsed=to_dict(stored.cable, include_raw=False),
        raw=stored.version.raw,
        versions=[_version(i, v) for i, v in enumerate(dossier.versions, start=1)],
        cites=[_citation(c) for c in dossier.cites],
        cited_by=[_citation(c) for c in dossier.cited_by],
    )


def _version(number: int, v: Version) -> VersionOut:
    return VersionOut(
        number=number,
        current=v.is_current,
        released=v.released.isoformat() if v.released else None,
        ingested_at=v.ingested_at.isoformat(),
        source_format=v.source_format,
        source_location=v.source_location,
        text_sha256=v.text_sha256,
    )


def _citation(c: Citation) -> CitationOut:
    return CitationOut(
        citing=c.citing, cited=c.cited, bullet=c.bullet, raw=c.raw, in_archive=c.resolved,
        subject=c.subject, created=c.created.isoformat() if c.created else None,
    )


def search_out(query: str, sort: str, results: SearchResults) -> SearchOut:
    return SearchOut(
        query=query,
        sort=sort,
        page=results.page,
        per_page=results.per_page,
        total=results.total,
        took_ms=round(results.took_ms, 3),
        hits=[
            HitOut(
                id=h.cable_id,
                url=f"/cable/{h.cable_id}",
                score=h.score,
                created=h.created.isoformat() if h.created else None,
                origin=h.origin,
                classification=h.classification.name if h.classification is not None else None,
                subject=h.subject,
                snippet=[FragmentOut(text=f.text, highlighted=f.highlighted) for f in h.snippet],
            )
            for h in results.hits
        ],
        facets=results.facets,
    )
