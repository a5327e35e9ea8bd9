"""Users, tokens and sign-in: expiry, revocation, wrong secrets, disabled users."""

from __future__ import annotations

from typing import TypedDict

import pytest
from access_helpers import C, Clock

from cablegram.access import AccessControl, Role
from cablegram.access.throttle import RateLimited
from cablegram.access.tokens import TokenError, parse_expiry
from cablegram.access.users import UserError


class Op(TypedDict):
    actor: str
    source: str


OP: Op = {"actor": "cli:op", "source": "cli:op"}
PASSWORD = "correct horse battery"


def test_users_add_set_disable(ac: AccessControl) -> None:
    made = ac.users.add("alice", C.SECRET, accesses=["noforn"], grants=["EXDIS"],
                        roles=[Role.ARCHIVIST], **OP)
    assert made.clearance is C.SECRET and made.accesses == {"NOFORN"}
    assert made.grants == {"EXDIS"} and made.roles == {Role.ARCHIVIST}
    assert ac.users.get("ALICE") == made  # names are case-insensitive
    reader = ac.reader_for(made)
    assert reader.name == "alice" and reader.clearance is C.SECRET
    assert reader.accesses == {"NOFORN"}
    changed = ac.users.update("alice", clearance=None, accesses=[], **OP)
    assert changed.clearance is None and changed.accesses == frozenset()
    assert ac.users.update("alice", **OP) == changed  # nothing to change: no entry
    ac.users.disable("alice", **OP)
    assert ac.reader_for(ac.users.get("alice")) == ac.public
    details = [e.detail for e in ac.audit.entries(action="user-change")]
    assert [d["op"] for d in details] == ["add", "set", "set"]
    assert details[1]["clearance"] == {"from": "secret", "to": "none"}
    assert details[2] == {"op": "set", "disabled": {"from": False, "to": True}}


def test_user_mistakes(ac: AccessControl) -> None:
    ac.users.add("alice", C.SECRET, **OP)
    with pytest.raises(UserError, match="exists already"):
        ac.users.add("Alice", C.SECRET, **OP)
    with pytest.raises(UserError, match="cannot be a user name"):
        ac.users.add("bad name;", C.SECRET, **OP)
    with pytest.raises(UserError, match="no user named"):
        ac.users.update("nobody", disabled=True, **OP)


def test_password_sign_in(ac: AccessControl) -> None:
    ac.users.add("alice", C.SECRET, password=PASSWORD, **OP)
    assert ac.users.check_password("alice", PASSWORD) is not None
    assert ac.users.check_password("alice", PASSWORD + "x") is None
    assert ac.users.check_password("nobody", PASSWORD) is None
    ac.users.add("bob", C.SECRET, **OP)  # no password: no web sign-in
    assert ac.users.check_password("bob", "") is None
    ac.users.disable("alice", **OP)
    assert ac.users.check_password("alice", PASSWORD) is None


def test_token_lifecycle(ac: AccessControl, clock: Clock) -> None:
    alice = ac.users.add("alice", C.SECRET, **OP)
    made = ac.tokens.create(alice, expires_in=parse_expiry("30d"), label="laptop", **OP)
    assert made.secret.startswith(f"cg_{made.token.token_id}_")
    found = ac.tokens.authenticate(made.secret)
    assert found is not None and found[0].name == "alice"
    assert ac.tokens.all(alice)[0].last_used_at == clock.now
    clock.advance(days=29, hours=23)
    assert ac.tokens.authenticate(made.secret) is not None
    clock.advance(hours=1)
    assert ac.tokens.authenticate(made.secret) is None  # expired


def test_wrong_revoked_and_disabled_tokens(ac: AccessControl) -> None:
    alice = ac.users.add("alice", C.SECRET, **OP)
    made = ac.tokens.create(alice, expires_in=None, **OP)
    token_id, secret = made.token.token_id, made.secret
    wrong = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    for bad in (wrong, "", "cg_", secret + "x", f"cg_{token_id}_", "Bearer " + secret,
                secret.replace(token_id, "0" * 12)):
        assert ac.tokens.authenticate(bad) is None, bad
    ac.users.disable("alice", **OP)
    assert ac.tokens.authenticate(secret) is None
    ac.users.update("alice", disabled=False, **OP)
    assert ac.tokens.authenticate(secret) is not None
    ac.tokens.revoke(token_id, **OP)
    assert ac.tokens.authenticate(secret) is None
    with pytest.raises(TokenError, match="revoked already"):
        ac.tokens.revoke(token_id, **OP)
    with pytest.raises(TokenError, match="no token"):
        ac.tokens.revoke("ffffffffffff", **OP)
    ops = [e.detail["op"] for e in ac.audit.entries(action="token-change")]
    assert ops == ["create", "revoke"]


def test_expiry_spellings() -> None:
    assert parse_expiry("never") is None and parse_expiry(None) is None
    assert parse_expiry("12h").total_seconds() == 43200  # type: ignore[union-attr]
    assert parse_expiry("2w").days == 14  # type: ignore[union-attr]
    for bad in ("0d", "soon", "3y", "-1d"):
        with pytest.raises(TokenError):
            parse_expiry(bad)


def test_sessions_fresh_at_each_sign_in(ac: AccessControl, clock: Clock) -> None:
    ac.users.add("alice", C.SECRET, password=PASSWORD, **OP)
    first = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    second = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    assert first is not None and second is not None
    assert first.session != second.session and first.csrf != second.csrf
    assert ac.sessions.resume(first.session) is not None
    assert ac.sessions.resume("a-session-id-the-attacker-planted") is None
    ac.sessions.sign_out(first.session, "ip:203.0.113.5")
    assert ac.sessions.resume(first.session) is None
    assert ac.sessions.resume(second.session) is not None
    clock.advance(hours=1, seconds=1)
    assert ac.sessions.resume(second.session) is None  # idle too long


def test_session_lifetime_and_disable(ac: AccessControl, clock: Clock) -> None:
    ac.users.add("alice", C.SECRET, password=PASSWORD, **OP)
    signed = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    assert signed is not None
    for _ in range(12):
        clock.advance(minutes=59)
        assert ac.sessions.resume(signed.session) is not None
    clock.advance(minutes=59)
    assert ac.sessions.resume(signed.session) is None  # over twelve hours in all
    again = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    assert again is not None
    ac.users.disable("alice", **OP)
    ac.users.update("alice", disabled=False, **OP)
    assert ac.sessions.resume(again.session) is None  # disabling ended it for good


def test_csrf_tokens_belong_to_their_session(ac: AccessControl) -> None:
    from cablegram.access.sessions import csrf_ok

    ac.users.add("alice", C.SECRET, password=PASSWORD, **OP)
    one = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    two = ac.sessions.sign_in("alice", PASSWORD, "ip:203.0.113.5")
    assert one is not None and two is not None
    assert csrf_ok(one.session, one.csrf)
    assert not csrf_ok(one.session, two.csrf)
    assert not csrf_ok(one.session, None) and not csrf_ok(None, one.csrf)
    assert not csrf_ok(one.session, "")


def test_sign_in_audit_and_rate_limit(ac: AccessControl, clock: Clock) -> None:
    ac.users.add("alice", C.SECRET, password=PASSWORD, **OP)
    for _ in range(5):
        assert ac.sessions.sign_in("alice", "wrong password", "ip:203.0.113.5") is None
    with pytest.raises(RateLimited):
        ac.sessions.sign_in("alice", PASSWORD, "ip:198.51.100.7")  # per name, any address
    clock.advance(minutes=15, seconds=1)
    assert ac.sessions.sign_in("alice", PASSWORD, "ip:198.51.100.7") is not None
    assert ac.sessions.sign_in("my password is hunter22", "x", "ip:203.0.113.5") is None
    entries = ac.audit.entries()
    actions = [(e.action, e.actor, e.detail.get("reason")) for e in entries[1:]]
    assert actions == [("sign-in-failed", "alice", "wrong-credentials")] * 5 + [
        ("sign-in-failed", "alice", "rate-limited"),
        ("sign-in", "alice", None),
        ("sign-in-failed", "(unknown)", "wrong-credentials"),
    ]
    assert entries[-2].source == "ip:198.51.100.7"


def test_rate_limit_per_address(ac: AccessControl) -> None:
    for n in range(20):
        ac.sessions.sign_in(f"user{n}", "wrong password", "ip:203.0.113.9")
    with pytest.raises(RateLimited):
        ac.sessions.sign_in("someone", "wrong password", "ip:203.0.113.9")
    assert ac.sessions.sign_in("someone", "wrong password", "ip:203.0.113.10") is None
