"""The web UI and JSON API over an archive (``cablegram serve``)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so that the CLI can use ``web.reader`` (the shared gate) without FastAPI.
    if name == "create_app":
        from cablegram.web.app import create_app

        return create_app
    raise AttributeError(name)
