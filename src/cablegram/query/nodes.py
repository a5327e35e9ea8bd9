"""The parsed form of a user's query.

The tree is engine-neutral on purpose: the parser knows nothing of tantivy, so the same tree
can be compiled for the search index, shown back to the user, or checked by an access policy.
Field values are already canonical (``origin:almaty`` holds ``ALMATY``), so the compiler never
has to second-guess spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class MatchAll:
    """The empty query: every cable."""


@dataclass(frozen=True, slots=True)
class Term:
    """A word as typed; the compiler splits it the way the index tokenised the text.

    ``field`` is None (the cable's text and subject) or subject, signer, classifiedby.
    """

    text: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear together in this order (``"civil nuclear"``)."""

    text: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Prefix:
    """``nucl*``: any word starting with ``text`` (stored lowercased)."""

    text: str
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Filter:
    """A keyword field equal to any of ``values`` (usually one; ``reason:d`` gives two).

    ``field`` is one of tag, origin, caveat, ref, reason, para, decl, id.
    """

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LevelRange:
    """Cable classification between ``low`` and ``high`` inclusive (``Classification`` ints)."""

    low: int
    high: int


@dataclass(frozen=True, slots=True)
class DateRange:
    """Created between ``start`` and ``end`` inclusive; None leaves that side open."""

    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[QueryNode, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[QueryNode, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: QueryNode


QueryNode = MatchAll | Term | Phrase | Prefix | Filter | LevelRange | DateRange | And | Or | Not
