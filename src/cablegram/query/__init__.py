"""The query language users type: words, "phrases", OR, -exclude, prefix*, field filters.

``parse_query`` turns text into an engine-neutral tree (``nodes``); ``cablegram.index``
compiles that tree for tantivy. Nothing the user types reaches the engine's own parser, so
its syntax errors can never surface: every mistake is a ``QueryError`` with a column.
"""

from cablegram.query.errors import QueryError
from cablegram.query.fields import KNOWN_FIELDS
from cablegram.query.nodes import (
    And,
    DateRange,
    Filter,
    LevelRange,
    MatchAll,
    Not,
    Or,
    Phrase,
    Prefix,
    QueryNode,
    Term,
)
from cablegram.query.parser import parse_query

__all__ = [
    "KNOWN_FIELDS",
    "And",
    "DateRange",
    "Filter",
    "LevelRange",
    "MatchAll",
    "Not",
    "Or",
    "Phrase",
    "Prefix",
    "QueryError",
    "QueryNode",
    "Term",
    "parse_query",
]
