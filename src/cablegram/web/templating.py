"""Jinja2 set up once: autoescape everywhere, strict undefined names, fingerprinted assets.

Autoescape is on for every template (not only ``.html``) because cable text routinely holds
``<``, ``>`` and ``&``; ``StrictUndefined`` turns a misspelt variable into a test failure
instead of an empty space on a page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from cablegram import __version__
from cablegram.web import textfmt

STATIC_FILES = ("app.css", "app.js", "favicon.svg", "vendor/htmx.min.js")


def _fingerprints() -> dict[str, str]:
    """``?v=<hash>`` per asset, so browsers may cache them for a day and still never keep a
    stale one after an upgrade."""
    root = files("cablegram.web").joinpath("static")
    prints = {}
    for name in STATIC_FILES:
        data = root.joinpath(name).read_bytes()
        prints[name] = hashlib.sha256(data).hexdigest()[:10]
    return prints


Account = Callable[[Request], dict[str, str] | None]


class Templates:
    """``account``: who a page's request is signed in as (name, clearance, the sign-out
    form's CSRF token), for the header; the app sets it, and a page without a session cookie
    pays nothing for it."""

    def __init__(self, account: Account | None = None) -> None:
        self.account = account
        self.env = Environment(
            loader=PackageLoader("cablegram.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        prints = _fingerprints()
        self.env.globals["static"] = lambda name: f"/static/{name}?v={prints.get(name, '0')}"
        self.env.globals["version"] = __version__
        self.env.filters["count"] = textfmt.count
        self.env.filters["day"] = textfmt.day

    def render(self, request: Request, name: str, context: dict[str, Any],
               status: int = 200) -> HTMLResponse:
        template = self.env.get_template(name)
        account = self.account(request) if self.account is not None else None
        html = template.render({"q": "", "request_path": request.url.path,
                                "account": account, **context})
        return HTMLResponse(html, status_code=status)
