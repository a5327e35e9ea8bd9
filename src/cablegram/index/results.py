"""What a search returns: plain frozen data that views render and the CLI dumps as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from cablegram.model import Classification


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a snippet, as plain (unescaped) text: each view escapes for its medium."""

    text: str
    highlighted: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    cable_id: str
    score: float | None  # BM25 for relevance order, None when sorted by date
    created: datetime | None
    origin: str | None
    classification: Classification | None
    level: int  # the level access control applies to the whole cable
    subject: str | None  # None when absent or above the reader's level
    snippet: tuple[Fragment, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    took_ms: float = 0.0
    page: int = 1
    per_page: int = 20
