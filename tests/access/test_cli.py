"""The access commands end to end, through Typer's runner, on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from access_helpers import banner_cable, store_cables
from typer.testing import CliRunner, Result

from cablegram.access import AccessControl
from cablegram.cli import access_cmds  # noqa: F401  (registers the commands)
from cablegram.cli.app import app
from cablegram.model import Classification


@pytest.fixture
def cli(db_path: Path) -> CliRunner:
    return CliRunner()


def run(cli: CliRunner, db: Path, *args: str, stdin: str | None = None) -> Result:
    return cli.invoke(app, [*args, "--db", str(db)], input=stdin)


def test_users_commands(cli: CliRunner, db_path: Path) -> None:
    ok = run(cli, db_path, "users", "add", "alice", "--clearance", "secret", "--access",
             "NOFORN", "--grant", "exdis", "--role", "archivist")
    assert ok.exit_code == 0, ok.output
    assert run(cli, db_path, "users", "add", "bob", "--clearance", "top-secret",
               "--password-stdin", stdin="a fine long password\n").exit_code == 0
    listed = json.loads(run(cli, db_path, "users", "list", "--json").stdout)
    assert [(u["name"], u["clearance"], u["accesses"], u["grants"], u["roles"], u["password"])
            for u in listed] == [
        ("alice", "secret", ["NOFORN"], ["EXDIS"], ["archivist"], False),
        ("bob", "top-secret", [], [], [], True),
    ]
    assert "alice" in run(cli, db_path, "users", "list").stdout
    assert run(cli, db_path, "users", "set", "alice", "--clearance", "confidential",
               "--access", "none").exit_code == 0
    assert run(cli, db_path, "users", "disable", "bob").exit_code == 0
    with AccessControl(db_path) as ac:
        alice, bob = ac.users.get("alice"), ac.users.get("bob")
    assert alice is not None and bob is not None
    assert alice.clearance is Classification.CONFIDENTIAL and not alice.accesses
    assert bob.disabled
    assert run(cli, db_path, "users", "set", "bob", "--enable").exit_code == 0


def test_users_mistakes_are_one_line_errors(cli: CliRunner, db_path: Path) -> None:
    for args in (("users", "add", "x", "--clearance", "cosmic"),
                 ("users", "set", "nobody", "--clearance", "secret"),
                 ("users", "add", "y", "--clearance", "secret", "--role", "king"),
                 ("users", "add", "z", "--clearance", "secret", "--password-stdin")):
        result = run(cli, db_path, *args, stdin="short\n")
        assert result.exit_code == 2, args
        assert "error:" in result.output and "Traceback" not in result.output


def test_tokens_commands(cli: CliRunner, db_path: Path) -> None:
    run(cli, db_path, "users", "add", "alice", "--clearance", "secret")
    made = run(cli, db_path, "tokens", "create", "alice", "--expires", "30d", "--label", "ci")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("cg_") and "will not be shown again" in made.stderr
    token_id = token.split("_")[1]
    listed = json.loads(run(cli, db_path, "tokens", "list", "--json").stdout)
    assert [(t["id"], t["user"], t["label"], t["usable"]) for t in listed] == \
        [(token_id, "alice", "ci", True)]
    assert token not in run(cli, db_path, "tokens", "list").stdout
    assert run(cli, db_path, "tokens", "revoke", token_id).exit_code == 0
    assert run(cli, db_path, "tokens", "revoke", token_id).exit_code == 2
    with AccessControl(db_path) as ac:
        assert ac.tokens.authenticate(token) is None
    assert run(cli, db_path, "tokens", "create", "alice", "--expires", "soon").exit_code == 2
    assert run(cli, db_path, "tokens", "create", "nobody").exit_code == 2
    as_json = json.loads(run(cli, db_path, "tokens", "create", "alice", "--json").stdout)
    assert as_json["token"].startswith("cg_") and as_json["user"] == "alice"


def test_declass_commands(cli: CliRunner, db_path: Path) -> None:
    store_cables(db_path, [
        ("06ROME101", banner_cable("SECRET", 101, "03/01/2011", "INVENTED GONDOLA", "S")),
        ("06ROME104", banner_cable("SECRET", 104, "25X1", "INVENTED SOURCE", "S")),
        ("06ROME108", banner_cable("SECRET", 108, "03/01/2099", "INVENTED FUTURE", "S")),
    ])
    due = run(cli, db_path, "declass", "due", "--list", "--exempt")
    assert due.exit_code == 0, due.output
    assert "06ROME101" in due.stdout and "2011: 1" in due.stdout
    assert "06ROME104  25X1" in due.stdout and "06ROME108" not in due.stdout
    later = json.loads(run(cli, db_path, "declass", "due", "--before", "2099-12-31",
                           "--json").stdout)
    assert set(later["due"]) == {"2011", "2099"}
    assert run(cli, db_path, "declass", "due", "--before", "soon").exit_code == 2
    released = run(cli, db_path, "declass", "release", "06 ROME 104", "--reason",
                   "Reviewed: the source is deceased")
    assert released.exit_code == 0, released.output
    assert "released 06ROME104" in released.stdout
    decisions = json.loads(run(cli, db_path, "declass", "released", "--json").stdout)
    assert [(d["cable_id"], d["reason"]) for d in decisions] == \
        [("06ROME104", "Reviewed: the source is deceased")]
    assert run(cli, db_path, "declass", "release", "06ROME104", "--reason",
               "twice").exit_code == 2
    assert run(cli, db_path, "declass", "release", "07ROME1", "--reason",
               "unknown").exit_code == 2


def test_audit_command(cli: CliRunner, db_path: Path) -> None:
    run(cli, db_path, "users", "add", "alice", "--clearance", "secret")
    run(cli, db_path, "tokens", "create", "alice")
    entries = json.loads(run(cli, db_path, "audit", "--json").stdout)
    assert [e["action"] for e in entries] == ["user-change", "token-change"]
    assert all(e["actor"].startswith("cli:") and e["source"].startswith("cli:")
               for e in entries)
    only = json.loads(run(cli, db_path, "audit", "--json", "--action", "token-change").stdout)
    assert len(only) == 1
    assert json.loads(run(cli, db_path, "audit", "--json", "--user", "nobody").stdout) == []
    assert len(json.loads(run(cli, db_path, "audit", "--json", "--since", "1d").stdout)) == 2
    assert json.loads(run(cli, db_path, "audit", "--json", "--since",
                          "2999-01-01").stdout) == []
    assert run(cli, db_path, "audit", "--action", "dance").exit_code == 2
    assert run(cli, db_path, "audit", "--since", "yesterday").exit_code == 2
    table = run(cli, db_path, "audit")
    assert "user-change" in table.stdout
    verified = run(cli, db_path, "audit", "--verify")
    assert verified.exit_code == 0 and "chain intact" in verified.stdout


def test_audit_verify_fails_on_tampering(cli: CliRunner, db_path: Path) -> None:
    import sqlite3

    run(cli, db_path, "users", "add", "alice", "--clearance", "secret")
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET target = 'mallory'")
    conn.close()
    verified = run(cli, db_path, "audit", "--verify")
    assert verified.exit_code == 1 and "TAMPERED" in verified.stdout
    assert "entry 1: content does not match its hash" in verified.stdout


def test_password_prompt_needs_confirmation(cli: CliRunner, db_path: Path) -> None:
    mismatch = run(cli, db_path, "users", "add", "carol", "--clearance", "sbu", "--password",
                   stdin="first long password\nsecond long password\n"
                         "third long password\nthird long password\n")
    assert mismatch.exit_code == 0, mismatch.output
    assert "do not match" in mismatch.stderr
    assert run(cli, db_path, "users", "set", "carol", "--role", "none").exit_code == 0
    with AccessControl(db_path) as ac:
        assert ac.users.check_password("carol", "third long password") is not None
        assert ac.users.check_password("carol", "first long password") is None
