"""``cablegram serve`` and the app factory's inputs."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

import cablegram.cli.serve_cmd  # noqa: F401  (registers the command, as cli/__init__ will)
from cablegram.archive import Archive
from cablegram.cli.app import app as cli
from cablegram.web import create_app
from cablegram.web.liveserver import serving


def test_serve_refuses_a_missing_archive(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no archive at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_serve_is_documented() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--workers"):
        assert option in result.output


def test_app_accepts_an_archive_object(archive_db: Path) -> None:
    with Archive(archive_db) as archive, TestClient(create_app(archive)) as client:
        assert client.get("/api/v1/stats").json()["cables"] == 3


def test_live_server_answers_over_http_without_a_server_header(archive_db: Path) -> None:
    with serving(archive_db) as base, urllib.request.urlopen(f"{base}/api/v1/stats") as r:
        assert json.load(r)["cables"] == 3
        assert r.headers.get("server") is None
