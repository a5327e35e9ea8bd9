"""Deployment settings, the throttle's memory bound, and the migration's place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from access_helpers import TODAY, C, mixed

from cablegram.access import DEMO, AccessConfig, ConfigError, Visibility, load_config
from cablegram.access.throttle import MAX_KEYS, Limit, Throttle
from cablegram.store.sqlite import SQLiteStore


def test_demo_is_everything_public() -> None:
    assert DEMO.public_reader().sees_everything
    assert DEMO.policy(today=lambda: TODAY).cable_visibility(DEMO.public_reader(), mixed()) \
        is Visibility.FULL


def test_config_file(tmp_path: Path) -> None:
    path = tmp_path / "access.toml"
    path.write_text('[access]\npublic_profile = "confidential"\npublic_accesses = ["NOFORN"]\n'
                    "honour_decl_dates = false\nwithhold_subject_above_clearance = false\n")
    config = load_config(path)
    reader = config.public_reader()
    assert reader.clearance is C.CONFIDENTIAL and reader.accesses == {"NOFORN"}
    policy = config.policy(today=lambda: TODAY)
    assert not policy.honour_decl_dates and not policy.withhold_subject_above_clearance
    assert config.with_profile("none").public_reader().clearance is None
    assert config.with_profile(None) is config


@pytest.mark.parametrize(("text", "message"), [
    ('[access]\npublic_profile = "cosmic"\n', "public_profile: unknown clearance"),
    ("[access]\nhonour_decl_dates = 1\n", "must be a bool"),
    ("[access]\nshow_everything = true\n", "unknown setting access.show_everything"),
    ("[access\n", "access.toml"),
    ("access = 3\n", "must be a table"),
])
def test_config_mistakes(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "access.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(path)
    with pytest.raises(ConfigError):
        load_config(tmp_path / "missing.toml")


def test_config_rejects_bad_profile_directly() -> None:
    with pytest.raises(ConfigError):
        AccessConfig(public_profile="everyone")


def test_throttle_memory_is_bounded() -> None:
    throttle = Throttle(Limit(3, 60.0), Limit(10**9, 60.0), clock=lambda: 0.0)
    for n in range(MAX_KEYS + 500):
        throttle.failed(f"invented-{n}", "ip:203.0.113.1")
        throttle.check(f"never-failed-{n}", "ip:203.0.113.2")
    assert len(throttle._failures) <= MAX_KEYS


def test_store_applies_the_access_migration(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "a.db").close()
    conn = sqlite3.connect(tmp_path / "a.db")
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {"users", "api_tokens", "sessions", "releases", "audit_log",
            "audit_log_no_update", "audit_log_no_delete"} <= names
    assert (2, "access") in set(conn.execute("SELECT version, name FROM schema_migrations"))
