"""Secrets never land anywhere: not in the audit log, not in logs, not in the database."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablegram.access import AccessControl
from cablegram.cli import access_cmds  # noqa: F401  (registers the commands)
from cablegram.cli.app import app

PASSWORD = "plover-saxifrage-umbrella"


def dump_database(path: Path) -> str:
    conn = sqlite3.connect(path)
    out: list[str] = []
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            out.extend(str(v) for v in row)
    conn.close()
    return "\n".join(out)


def test_password_and_token_appear_nowhere(tmp_path: Path,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    db = tmp_path / "cablegram.db"
    runner = CliRunner()
    added = runner.invoke(app, ["users", "add", "alice", "--clearance", "secret",
                                "--password-stdin", "--db", str(db)], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    made = runner.invoke(app, ["tokens", "create", "alice", "--db", str(db)])
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[0]
    assert token.startswith("cg_")
    with AccessControl(db) as ac:
        assert ac.tokens.authenticate(token) is not None
        signed = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
        assert signed is not None
        assert ac.sessions.sign_in("alice", PASSWORD + "!", "ip:203.0.113.5") is None
        ac.sessions.sign_out(signed.session, "ip:203.0.113.5")
        stored_hash = ac.users.get("alice").password_hash  # type: ignore[union-attr]
        assert stored_hash is not None
        audit_text = repr(ac.audit.entries()) + repr(ac.users.all()) + repr(ac.tokens.all())
    outputs = [
        runner.invoke(app, [*args, "--db", str(db)]).output
        for args in (["audit", "--json"], ["users", "list", "--json"],
                     ["tokens", "list", "--json"], ["audit"])
    ]
    secrets = {"password": PASSWORD, "token": token, "token secret": token.split("_", 2)[2],
               "session": signed.session, "csrf": signed.csrf}
    everything = {"audit and reprs": audit_text, "logs": caplog.text,
                  "cli output": "\n".join(outputs) + added.output,
                  "database": dump_database(db)}
    for where, text in everything.items():
        for what, secret in secrets.items():
            assert secret not in text, f"{what} found in {where}"
    assert stored_hash not in audit_text + caplog.text + "\n".join(outputs)
