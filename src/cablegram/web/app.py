"""The web application: ``create_app(archive_or_path)`` returns a FastAPI app.

Everything the app needs is inside the package (templates, CSS, scripts, htmx), so it works
offline. ``app_from_env`` is the factory uvicorn's worker processes call, each opening the
archive named by ``$CABLEGRAM_DB``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from cablegram import __version__
from cablegram.access import DEMO, AccessConfig, AccessControl, Reader
from cablegram.access.config import config_from_env
from cablegram.archive import Archive
from cablegram.web import apidocs, auth, routes_api, routes_browse, routes_pages
from cablegram.web.head import HeadAsGet
from cablegram.web.problems import Problem, install
from cablegram.web.reader import ReaderView, open_thread
from cablegram.web.security import SecurityHeaders
from cablegram.web.templating import Templates

DESCRIPTION = (
    "Read-only access to a cablegram archive: cables with their parsed fields, versions and "
    "citations; search with the archive's query language and facets; tags, origins and "
    "statistics. Errors are RFC 9457 problem details."
)


MAX_VIEWS = 256  # one per distinct reader profile; users with equal profiles share one


def create_app(archive: Archive | str | Path, access: AccessControl | None = None,
               config: AccessConfig = DEMO) -> FastAPI:
    """The app over an archive (an ``Archive``, whose path is reopened, or a db path).

    ``access``: the archive's access control (users, sessions, the policy); opened on the
    archive's database with ``config`` when not given, and then closed with the app.
    """
    thread = open_thread(archive)
    owned = access is None
    if access is None:
        access = AccessControl(thread_path(archive), config)
    control = access
    templates = Templates(lambda request: auth.account_of(control, request))
    views: dict[Reader, ReaderView] = {}
    lock = threading.Lock()

    def view_for(reader: Reader) -> ReaderView:
        with lock:
            view = views.get(reader)
            if view is None:
                if len(views) >= MAX_VIEWS:
                    views.clear()
                view = views[reader] = ReaderView(thread, reader, control.policy, control)
            return view

    def reader_for(request: Request) -> ReaderView:
        return view_for(control.reader_for(auth.identify(control, request)))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await thread.run(lambda: thread.archive().index())  # open, catch the index up
        yield
        thread.close()
        if owned:
            control.close()

    app = FastAPI(
        title="cablegram",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.reader_for = reader_for
    app.state.access = control
    app.state.templates = templates
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
    install(app, lambda request, problem: _error_page(templates, request, problem))

    static = files("cablegram.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_api.problem_router)
    app.include_router(routes_pages.router(templates))
    app.include_router(routes_browse.router(templates))
    app.include_router(auth.router(templates, control))
    _install_docs(app, templates)
    return app


def thread_path(archive: Archive | str | Path) -> Path:
    return archive.db_path if isinstance(archive, Archive) else Path(archive)


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory``: the archive at ``$CABLEGRAM_DB`` (else ./cablegram.db),
    access settings from ``$CABLEGRAM_ACCESS_CONFIG`` and ``$CABLEGRAM_PUBLIC_PROFILE``."""
    from cablegram.store import default_db_path

    return create_app(Path(os.environ.get("CABLEGRAM_DB") or default_db_path()),
                      config=config_from_env())



def _error_page(templates: Templates, request: Request, problem: Problem) -> Response:
    return templates.render(request, "error.html", {"problem": problem, "q": ""},
                            problem.status)


def _install_docs(app: FastAPI, templates: Templates) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = FastAPI.openapi(app)
            spec.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
                apidocs.PROBLEM_SCHEMA)
            for methods in spec.get("paths", {}).values():
                for op in methods.values():
                    op.get("responses", {}).pop("422", None)  # validation errors are 400s
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/api/docs", include_in_schema=False)
    async def docs(request: Request) -> Response:
        spec = app.openapi()
        return templates.render(request, "apidocs.html", {
            "spec": spec, "ops": apidocs.operations(spec), "schemas": apidocs.schemas(spec),
            "q": "",
        })
