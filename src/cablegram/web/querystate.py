"""The search page's state lives in its URL; this module edits the query text in it.

A facet click adds ``tag:KNNP`` to the query and a second click removes it, so the query
box always shows, in the user's own language, what the page is filtered on. Filters are
compared by meaning, not spelling (``class:s`` and ``class:secret`` are the same filter),
through the query parser's own field reader.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from urllib.parse import quote_plus

from cablegram.query import QueryError
from cablegram.query.fields import field_node
from cablegram.query.lexer import Kind, Token, tokenize
from cablegram.query.nodes import QueryNode

SORTS = {"relevance": "Relevance", "-date": "Newest first", "date": "Oldest first"}
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_RESULTS_DEEP = 10_000  # how far pagination may go: page * per_page
MAX_QUERY_LENGTH = 1_000
_DATE_FIELDS = frozenset({"from", "to", "year"})


@dataclass(frozen=True, slots=True)
class SearchState:
    q: str = ""
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def url(self, path: str = "/search", *, q: str | None = None, sort: str | None = None,
            page: int | None = None, per_page: int | None = None) -> str:
        """This state's URL with some parts changed; defaults are left out. Called for every
        link on a search page (hundreds), hence plain string building."""
        q = self.q if q is None else q
        sort = self.sort if sort is None else sort
        page = self.page if page is None else page
        per_page = self.per_page if per_page is None else per_page
        params = []
        if q:
            params.append("q=" + quote_plus(q))
        if sort != "relevance":
            params.append("sort=" + quote_plus(sort))
        if page != 1:
            params.append(f"page={page}")
        if per_page != DEFAULT_PER_PAGE:
            params.append(f"per_page={per_page}")
        return f"{path}?{'&'.join(params)}" if params else path

    def query_url(self, q: str) -> str:
        """The URL of another query in the same sort and page size, from its first page."""
        return self.url(q=q, page=1)

    def with_query(self, q: str) -> SearchState:
        return replace(self, q=q, page=1)


@dataclass(frozen=True, slots=True)
class _Active:
    start: int
    end: int
    name: str
    node: QueryNode


class QueryEditor:
    """Edits one query many times (a search page has dozens of facet links): the query is
    read once, each clause once per call."""

    def __init__(self, q: str) -> None:
        self.q = q
        self._active = _active_filters(q)
        self._dated = [a for a in self._active if a.name in _DATE_FIELDS]
        self._undated = _cut(q, self._dated)

    def toggle(self, clause: str) -> tuple[str, bool]:
        """The query with ``clause`` (one ``field:value``) added, or removed if already
        there; and whether it was there. A malformed query gets the clause appended."""
        wanted = _node(clause)
        if wanted is not None:
            for active in self._active:
                if active.node == wanted:
                    return _cut(self.q, [active]), True
        return _join(self.q, clause), False

    def is_active(self, clause: str) -> bool:
        wanted = _node(clause)
        return wanted is not None and any(a.node == wanted for a in self._active)

    def with_dates(self, clause: str) -> str:
        """Replace every top-level ``from:``/``to:``/``year:`` filter with ``clause``."""
        return _join(self._undated, clause)

    def without_dates(self) -> str:
        return self._undated


def toggle(q: str, clause: str) -> tuple[str, bool]:
    return QueryEditor(q).toggle(clause)


def is_active(q: str, clause: str) -> bool:
    return QueryEditor(q).is_active(clause)


def with_dates(q: str, clause: str) -> str:
    return QueryEditor(q).with_dates(clause)


def without_dates(q: str) -> str:
    return QueryEditor(q).without_dates()


def _join(q: str, clause: str) -> str:
    q = q.strip()
    return f"{q} {clause}" if q else clause


def _cut(q: str, spans: list[_Active]) -> str:
    for active in sorted(spans, key=lambda a: a.start, reverse=True):
        q = q[: active.start] + q[active.end :]
    return " ".join(q.split())


@functools.lru_cache(maxsize=4096)
def _node(clause: str) -> QueryNode | None:
    try:
        tokens = tokenize(clause)
        return field_node(tokens[0], clause) if tokens[0].kind is Kind.FIELD else None
    except QueryError:
        return None


def _active_filters(q: str) -> list[_Active]:
    """Field filters that narrow the whole query: top level, not negated, not in an OR."""
    try:
        tokens = tokenize(q)
    except QueryError:
        return []
    found: list[_Active] = []
    depth = 0
    for i, token in enumerate(tokens):
        if token.kind is Kind.LPAREN:
            depth += 1
        elif token.kind is Kind.RPAREN:
            depth -= 1
        elif token.kind is Kind.FIELD and depth == 0 and _standalone(tokens, i):
            try:
                node = field_node(token, q)
            except QueryError:
                continue
            name = token.name.lower()
            found.append(_Active(token.pos, _end(token), name, node))
    return found


def _standalone(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1].kind if i > 0 else None
    after = tokens[i + 1].kind if i + 1 < len(tokens) else None
    return before not in (Kind.MINUS, Kind.NOT, Kind.OR) and after is not Kind.OR


def _end(token: Token) -> int:
    return token.value_pos + len(token.text) + (2 if token.quoted else 0)
