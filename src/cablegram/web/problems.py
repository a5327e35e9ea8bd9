"""Errors as RFC 9457 problem details for the API, and as plain pages for browsers.

Every failure a user can cause (an unknown id, a malformed query, a bad parameter, a page
that does not exist) becomes a 4xx with a message written for them. Anything else is a 500
that says only that it happened: no traceback, no exception text, no server detail leaks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response

from cablegram.query import QueryError
from cablegram.web import security

MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"

# Problem types: relative URIs (RFC 9457 section 3.1.1) that resolve to a description.
TYPES = {
    "not-found": "There is nothing at this address, or no cable with this id in the archive.",
    "bad-query": "The search query could not be read; `position` points at the problem.",
    "bad-request": "A parameter is missing or has a value this endpoint cannot use.",
    "server-error": "The server failed to answer; the request itself may be fine.",
}

HtmlRenderer = Callable[[Request, "Problem"], Response]


@dataclass
class Problem(Exception):
    """Raise from a route to answer with this problem (JSON under /api, a page elsewhere)."""

    status: int
    detail: str
    kind: str = "bad-request"
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def body(self, instance: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": f"/api/problems/{self.kind}",
            "title": self.title or HTTPStatus(self.status).phrase,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
        }
        data.update(self.extra)
        return data


def not_found(detail: str) -> Problem:
    return Problem(404, detail, "not-found")


def bad_query(error: QueryError) -> Problem:
    return Problem(400, error.message, "bad-query", "Malformed query",
                   {"query": error.text, "position": error.position, "display": str(error)})


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(request.url.path), status_code=problem.status,
                        media_type=MEDIA_TYPE)


def install(app: FastAPI, html: HtmlRenderer) -> None:
    """Route every error through one place; API paths get JSON, the rest an HTML page."""

    def respond(request: Request, problem: Problem) -> Response:
        if request.url.path.startswith(API_PREFIX) or _wants_json(request):
            return problem_response(request, problem)
        return html(request, problem)

    async def on_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Problem)
        return respond(request, exc)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        kind = "not-found" if exc.status_code == 404 else "bad-request"
        detail = _http_detail(exc)
        response = respond(request, Problem(exc.status_code, detail, kind))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        errors = [_error(e) for e in exc.errors()]
        detail = "; ".join(f"{e['name']}: {e['message']}" for e in errors) or "invalid request"
        return respond(request, Problem(400, detail, "bad-request", None, {"errors": errors}))

    async def on_query(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, QueryError)
        return respond(request, bad_query(exc))

    async def on_crash(request: Request, exc: Exception) -> Response:
        # Starlette sends this from outside every middleware (so the headers are added
        # here), then re-raises the error for the server to log.
        return security.apply(respond(request, Problem(
            500, "Something went wrong on the server.", "server-error")))

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(QueryError, on_query)
    app.add_exception_handler(Exception, on_crash)


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "json" in accept and "html" not in accept


def _http_detail(exc: StarletteHTTPException) -> str:
    if exc.status_code == 404:
        return "There is nothing at this address."
    if exc.status_code == 405:
        return "This address does not accept that method."
    detail = exc.detail if isinstance(exc.detail, str) else None
    return detail or HTTPStatus(exc.status_code).phrase


def _error(error: Any) -> dict[str, str]:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
    return {"name": ".".join(loc) or "request", "message": str(error.get("msg", "invalid"))}
