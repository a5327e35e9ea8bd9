"""Record stores behind one interface (see ``base.Store``)."""

from __future__ import annotations

import os
from pathlib import Path

from cablegram.store.base import Store

DEFAULT_DB = "cablegram.db"
ENV_VAR = "CABLEGRAM_DB"


def default_db_path() -> Path:
    """``$CABLEGRAM_DB`` if set, else ``./cablegram.db``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DB)


def store_path(location: str | Path) -> Path:
    """The file behind a SQLite location (a path or ``sqlite:///path``)."""
    text = str(location)
    if text.startswith("sqlite:///"):
        return Path(text[len("sqlite:///") :])
    if text.startswith(("postgresql://", "postgres://")):
        raise ValueError(
            "PostgreSQL stores are not available yet; use a SQLite file path"
            " (or sqlite:///path) for now"
        )
    if "://" in text:
        raise ValueError(f"unknown store location {text!r}: give a file path or sqlite:///path")
    return Path(text)


def open_store(location: str | Path | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``location``."""
    from cablegram.store.sqlite import SQLiteStore

    return SQLiteStore(store_path(location if location is not None else default_db_path()))


__all__ = ["DEFAULT_DB", "ENV_VAR", "Store", "default_db_path", "open_store", "store_path"]
