"""Sign-in, sessions, tokens, CSRF, rate limits and the archivist's queue, over HTTP."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from access_helpers import FAST_HASHER, Clock
from fastapi.testclient import TestClient
from leak_corpus import write

from cablegram.access import AccessConfig, AccessControl, AuditAction, Role
from cablegram.access.sessions import csrf_token
from cablegram.access.throttle import Throttle
from cablegram.archive import Archive
from cablegram.model import Classification
from cablegram.web import create_app
from cablegram.web.auth import DEV_COOKIE, PRE_CSRF_COOKIE, SECURE_COOKIE

PASSWORD = "correct horse battery"
TS_CABLE = "/api/v1/cables/06ROME104"  # SECRET readers see part of it, anonymous ones none


@pytest.fixture(scope="module")
def auth_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("auth")
    db = folder / "cablegram.db"
    with Archive(db) as archive:
        archive.ingest([write(folder / "leak.jsonl")], workers=0)
    return db


@pytest.fixture
def ac(auth_db: Path, tmp_path: Path) -> Iterator[AccessControl]:
    db = tmp_path / "cablegram.db"
    db.write_bytes(auth_db.read_bytes())
    clock = Clock()
    start = clock.now
    throttle = Throttle(clock=lambda: (clock.now - start).total_seconds())
    with AccessControl(db, AccessConfig(public_profile="none"), now=clock,
                       hasher=FAST_HASHER, throttle=throttle) as opened:
        opened.clock = clock  # type: ignore[attr-defined]
        opened.users.add("selma", Classification.SECRET, password=PASSWORD, actor="t",
                         source="t")
        opened.users.add("arne", Classification.SECRET, roles=[Role.ARCHIVIST],
                         password=PASSWORD, actor="t", source="t")
        yield opened


@pytest.fixture
def client(ac: AccessControl) -> Iterator[TestClient]:
    index = Path(f"{ac.db.path}.index")
    if index.exists():
        import shutil

        shutil.rmtree(index)
    with TestClient(create_app(ac.db.path, access=ac)) as opened:
        yield opened


def sign_in(client: TestClient, name: str = "selma", password: str = PASSWORD,
            csrf: str | None = None) -> object:
    form = client.get("/signin")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None
    return client.post("/signin", data={"name": name, "password": password,
                                        "csrf": token[1] if csrf is None else csrf},
                       follow_redirects=False)


def test_token_expiry_and_revocation(ac: AccessControl, client: TestClient) -> None:
    user = ac.users.require("selma")
    short = ac.tokens.create(user, expires_in=timedelta(hours=1), actor="t", source="t")
    other = ac.tokens.create(user, expires_in=None, actor="t", source="t")
    bearer = {"Authorization": f"Bearer {short.secret}"}
    assert client.get(TS_CABLE).status_code == 404  # anonymous: nothing
    assert client.get(TS_CABLE, headers=bearer).status_code == 200
    ac.clock.advance(hours=2)  # type: ignore[attr-defined]
    assert client.get(TS_CABLE, headers=bearer).status_code == 404
    kept = {"Authorization": f"Bearer {other.secret}"}
    assert client.get(TS_CABLE, headers=kept).status_code == 200
    ac.tokens.revoke(other.token.token_id, actor="t", source="t")
    assert client.get(TS_CABLE, headers=kept).status_code == 404
    wrong = {"Authorization": f"Bearer {other.secret[:-2]}xx"}
    assert client.get(TS_CABLE, headers=wrong).status_code == 404


def test_sign_in_session_and_audit(ac: AccessControl, client: TestClient) -> None:
    response = sign_in(client)
    assert response.status_code == 303  # type: ignore[attr-defined]
    cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
    assert cookie.startswith(f"{DEV_COOKIE}=") and "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert client.get(TS_CABLE).status_code == 200
    assert ac.audit.entries(actor="selma", action=AuditAction.READ, target="06ROME104")
    client.get("/cable/06ROME104.txt")
    assert ac.audit.entries(actor="selma", action=AuditAction.EXPORT)


def test_the_secure_cookie_over_https(ac: AccessControl, auth_db: Path) -> None:
    with TestClient(create_app(ac.db.path, access=ac), base_url="https://testserver") as c:
        response = sign_in(c)
        cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
        assert cookie.startswith(f"{SECURE_COOKIE}=") and "Secure" in cookie
        assert c.get(TS_CABLE).status_code == 200
        # the development cookie is not honoured over https
        value = c.cookies.get(SECURE_COOKIE)
        c.cookies.clear()
        c.cookies.set(DEV_COOKIE, value or "")
        assert c.get(TS_CABLE).status_code == 404


def test_pages_show_who_is_signed_in_and_sign_out(client: TestClient) -> None:
    home = client.get("/")
    assert 'href="/signin"' in home.text and 'action="/signout"' not in home.text
    sign_in(client)
    page = client.get("/")
    assert ">selma</span>" in page.text and 'title="clearance: secret"' in page.text
    token = re.search(r'action="/signout">\s*<input type="hidden" name="csrf" value="([^"]+)"',
                      page.text)
    assert token is not None
    assert client.get(TS_CABLE).status_code == 200
    out = client.post("/signout", data={"csrf": token[1]}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get(TS_CABLE).status_code == 404
    assert 'action="/signout"' not in client.get("/").text


def test_session_fixation(client: TestClient) -> None:
    client.cookies.set(DEV_COOKIE, "attacker-chosen-session-id")
    assert client.get(TS_CABLE).status_code == 404
    response = sign_in(client)
    issued = response.headers["set-cookie"].split(";")[0].split("=", 1)[1]  # type: ignore
    assert issued and issued != "attacker-chosen-session-id"
    client.cookies.clear()
    client.cookies.set(DEV_COOKIE, issued)
    assert client.get(TS_CABLE).status_code == 200
    fixed = TestClient(client.app)
    fixed.cookies.set(DEV_COOKIE, "attacker-chosen-session-id")
    assert fixed.get(TS_CABLE).status_code == 404


def test_csrf_is_required(ac: AccessControl, client: TestClient) -> None:
    assert sign_in(client, csrf="forged").status_code == 403  # type: ignore[attr-defined]
    client.cookies.delete(PRE_CSRF_COOKIE, path="/signin")
    no_cookie = client.post("/signin", data={"name": "selma", "password": PASSWORD,
                                             "csrf": "x"}, follow_redirects=False)
    assert no_cookie.status_code == 403
    sign_in(client)
    assert client.post("/signout", data={}).status_code == 403
    assert client.post("/signout", data={"csrf": "0" * 64}).status_code == 403
    assert client.get(TS_CABLE).status_code == 200  # still signed in
    session = client.cookies.get(DEV_COOKIE) or ""
    out = client.post("/signout", data={"csrf": csrf_token(session)}, follow_redirects=False)
    assert out.status_code == 303
    client.cookies.set(DEV_COOKIE, session)  # the old id no longer works
    assert client.get(TS_CABLE).status_code == 404


def test_wrong_password_disabled_user_and_rate_limit(ac: AccessControl,
                                                     client: TestClient) -> None:
    assert sign_in(client, password="not the password").status_code == 401  # type: ignore
    assert sign_in(client, name="nobody").status_code == 401  # type: ignore[attr-defined]
    sign_in(client)
    assert client.get(TS_CABLE).status_code == 200
    ac.users.disable("selma", actor="t", source="t")
    assert client.get(TS_CABLE).status_code == 404  # the session ends with the user
    assert sign_in(client).status_code == 401  # type: ignore[attr-defined]
    for _ in range(5):
        sign_in(client, name="arne", password="guess guess guess")
    limited = sign_in(client, name="arne")
    assert limited.status_code == 429  # type: ignore[attr-defined]
    assert int(limited.headers["retry-after"]) > 0  # type: ignore[attr-defined]


def test_secrets_never_in_logs(ac: AccessControl, client: TestClient,
                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    made = ac.tokens.create(ac.users.require("selma"), expires_in=None, actor="t", source="t")
    client.get(TS_CABLE, headers={"Authorization": f"Bearer {made.secret}"})
    sign_in(client, password="a wrong secret password")
    sign_in(client)
    session = client.cookies.get(DEV_COOKIE) or ""
    logged = caplog.text + "\n".join(str(e) for e in ac.audit.entries())
    # The token's secret part: everything after "cg_<id>_" (token_urlsafe may contain "_",
    # so its last "_"-piece can be a character or two that any log holds).
    for secret in (PASSWORD, "a wrong secret password", made.secret, session,
                   made.secret.split("_", 2)[2]):
        assert secret and secret not in logged


def test_declassification_queue_page(ac: AccessControl, client: TestClient) -> None:
    assert client.get("/declass").status_code == 403
    sign_in(client)  # selma is no archivist
    assert client.get("/declass").status_code == 403
    client.cookies.clear()
    sign_in(client, name="arne")
    page = client.get("/declass")
    assert page.status_code == 200 and "06ROME107" in page.text  # DECL 2001: due
    assert "X1" in page.text  # held by an exemption
    session = client.cookies.get(DEV_COOKIE) or ""
    forged = client.post("/declass/release", data={"cable_id": "06ROME104",
                                                   "reason": "FOIA", "csrf": "bad"})
    assert forged.status_code == 403
    assert not ac.releases.is_released("06ROME104")
    done = client.post("/declass/release", data={"cable_id": "06ROME104", "reason": "FOIA",
                                                 "csrf": csrf_token(session)})
    assert done.status_code == 200 and "Released 06ROME104" in done.text
    client.cookies.clear()
    assert client.get(TS_CABLE).status_code == 200  # released: open to everyone


def test_serve_rejects_a_bad_profile_or_config(auth_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cablegram.cli import app as cli

    bad = CliRunner().invoke(cli, ["serve", "--db", str(auth_db), "--public-profile", "cosmic"])
    assert bad.exit_code == 2 and "public_profile" in bad.output
    config = tmp_path / "access.toml"
    config.write_text('[access]\npublic_profile = "none"\nsurprise = 1\n', encoding="utf-8")
    unknown = CliRunner().invoke(cli, ["serve", "--db", str(auth_db), "--access-config",
                                       str(config)])
    assert unknown.exit_code == 2 and "surprise" in unknown.output


def test_app_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    from cablegram.access.config import config_from_env

    config = tmp_path / "access.toml"
    config.write_text('[access]\npublic_profile = "none"\nhonour_decl_dates = false\n',
                      encoding="utf-8")
    monkeypatch.setenv("CABLEGRAM_ACCESS_CONFIG", str(config))
    assert config_from_env().public_profile == "none"
    assert not config_from_env().honour_decl_dates
    monkeypatch.setenv("CABLEGRAM_PUBLIC_PROFILE", "secret")
    assert config_from_env().public_profile == "secret"
