"""Request-scoped helpers shared by the page and API routes.

``reader`` is the single place a route gets its ``ReaderView``: the access-control issue
replaces ``app.state.reader_for`` with one that looks at the signed-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, cast

from fastapi import Depends, Request

from cablegram import ids
from cablegram.web.problems import Problem, not_found
from cablegram.web.querystate import (
    MAX_PER_PAGE,
    MAX_QUERY_LENGTH,
    MAX_RESULTS_DEEP,
    SORTS,
    SearchState,
)
from cablegram.web.reader import ReaderView

ReaderFor = Callable[[Request], ReaderView]


def reader(request: Request) -> ReaderView:
    return cast(ReaderFor, request.app.state.reader_for)(request)


Reader = Annotated[ReaderView, Depends(reader)]


def canonical(cable_id: str) -> str:
    """The canonical id, or a 404 problem saying why the text is no cable id."""
    if len(cable_id) > 64:
        raise not_found("That is not a cable id: it is far too long.")
    try:
        return ids.canonical_id(cable_id)
    except ValueError as exc:
        raise not_found(f"Not a cable id: {exc}") from exc


def search_state(q: str, sort: str, page: int, per_page: int) -> SearchState:
    """Checked search parameters; each mistake is a 400 that names the parameter."""
    if len(q) > MAX_QUERY_LENGTH:
        raise Problem(400, f"q: a query may have at most {MAX_QUERY_LENGTH} characters")
    if sort not in SORTS:
        raise Problem(400, f"sort: use one of {', '.join(SORTS)}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise Problem(400, f"per_page: must be between 1 and {MAX_PER_PAGE}")
    if page < 1 or page * per_page > MAX_RESULTS_DEEP:
        raise Problem(400, f"page: must be at least 1, and results stop at "
                           f"{MAX_RESULTS_DEEP}: narrow the query to go further")
    return SearchState(q, sort, page, per_page)
