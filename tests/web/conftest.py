"""Fixtures for the web tests: a small archive of invented cables and clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import invented
import pytest
from fastapi.testclient import TestClient

from cablegram.archive import Archive
from cablegram.web import create_app

DEMO_COUNT = 300


@pytest.fixture(scope="session")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of the invented cables (one with two versions, one hostile)."""
    folder = tmp_path_factory.mktemp("web-archive")
    source = invented.write(folder / "invented.jsonl")
    db = folder / "cablegram.db"
    with Archive(db) as archive:
        archive.ingest([source], workers=0)
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus (``synthesize(fmt="demo")``, every format, versions, REF chains)."""
    from cablegram.synth import synthesize

    folder = tmp_path_factory.mktemp("web-demo")
    synthesize(DEMO_COUNT, seed=3, out=folder / "demo", fmt="demo")
    db = folder / "demo.db"
    with Archive(db) as archive:
        archive.ingest([folder / "demo"], workers=0)
    return db


@pytest.fixture(scope="session")
def client(archive_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(archive_db), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def demo_client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db), raise_server_exceptions=False) as test_client:
        yield test_client
