"""Who is asking, and the pages that change it: sign-in, sign-out, the archivist's queue.

Identity: an ``Authorization: Bearer`` token (API clients), else the session cookie, else
nobody (the deployment's public reader). The session cookie is ``__Host-cablegram-session``
(HttpOnly, Secure, SameSite=Lax, Path=/): browsers accept ``__Host-`` cookies only over
https. For plain-http development on a loopback address the cookie is named
``cablegram-session`` instead (still HttpOnly and SameSite=Lax, without Secure) and is only
honoured on requests that are not https, so it can never stand in for the secure one.

CSRF: every POST form carries a token. Signed in, it is ``sessions.csrf_token(session)``;
the sign-in form itself (no session yet) uses a double-submit token: a random value in a
cookie and the same value in the form, compared in constant time.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from cablegram.access import AccessControl, Role, User
from cablegram.access.declass import DeclassError, queue
from cablegram.access.reader import clearance_name
from cablegram.access.sessions import csrf_ok, csrf_token
from cablegram.access.throttle import RateLimited
from cablegram.web.problems import Problem
from cablegram.web.templating import Templates

SECURE_COOKIE = "__Host-cablegram-session"
DEV_COOKIE = "cablegram-session"
PRE_CSRF_COOKIE = "cablegram-signin-csrf"
MAX_FORM = 8_192


def source(request: Request) -> str:
    return f"ip:{request.client.host}" if request.client else "ip:unknown"


def https(request: Request) -> bool:
    return request.url.scheme == "https"


def session_of(request: Request) -> str | None:
    value = request.cookies.get(SECURE_COOKIE)
    if value is None and not https(request):
        value = request.cookies.get(DEV_COOKIE)
    return value or None


def identify(access: AccessControl, request: Request) -> User | None:
    """The user a request speaks for: bearer token first, then the session cookie."""
    header = request.headers.get("authorization", "")
    if header[:7].lower() == "bearer ":
        found = access.tokens.authenticate(header[7:])
        return found[0] if found is not None else None
    return _session_user(access, request)


def _session_user(access: AccessControl, request: Request) -> User | None:
    """The session cookie's user, looked up once per request: the reader's view and the
    page header both ask."""
    state = request.state
    if not hasattr(state, "session_user"):
        session = session_of(request)
        state.session_user = access.sessions.resume(session) if session else None
    user: User | None = state.session_user
    return user


def account_of(access: AccessControl, request: Request) -> dict[str, str] | None:
    """The signed-in user of a page request (session cookie only: a bearer token is an API
    client's, which reads no pages), with the sign-out form's token; None otherwise."""
    session = session_of(request)
    user = _session_user(access, request)
    if user is None or session is None:
        return None
    return {"name": user.name, "clearance": clearance_name(user.clearance),
            "csrf": csrf_token(session)}


async def form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > MAX_FORM:
        raise Problem(413, "The form is too large.")
    fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return {k: v[0] for k, v in fields.items()}


def _cookie_name(request: Request) -> str:
    return SECURE_COOKIE if https(request) else DEV_COOKIE


def router(templates: Templates, access: AccessControl) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def signin_page(request: Request, error: str | None, status: int = 200,
                    name: str = "") -> Response:
        token = secrets.token_urlsafe(32)
        response = templates.render(request, "signin.html", {
            "csrf": token, "error": error, "name": name, "user": None}, status)
        response.set_cookie(PRE_CSRF_COOKIE, token, httponly=True, samesite="strict",
                            secure=https(request), path="/signin", max_age=3600)
        response.headers["Cache-Control"] = "no-store"
        return response

    @r.get("/signin")
    async def signin_form(request: Request) -> Response:
        return signin_page(request, None)

    @r.post("/signin")
    async def signin(request: Request) -> Response:
        fields = await form(request)
        expected = request.cookies.get(PRE_CSRF_COOKIE, "")
        presented = fields.get("csrf", "")
        if not expected or not hmac.compare_digest(expected, presented):
            raise Problem(403, "The form expired or did not come from this site: reload it.")
        name = fields.get("name", "").strip()
        try:  # scrypt takes a fraction of a second: keep it off the event loop
            done = await asyncio.to_thread(access.sessions.sign_in, name,
                                           fields.get("password", ""), source(request))
        except RateLimited as exc:
            response = signin_page(request, "Too many failed sign-ins: wait and try again.",
                                   429, name)
            response.headers["Retry-After"] = str(max(1, int(exc.retry_after_s + 0.999)))
            return response
        if done is None:
            return signin_page(request, "Wrong name or password.", 401, name)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(_cookie_name(request), done.session, httponly=True,
                            samesite="lax", secure=https(request), path="/")
        response.delete_cookie(PRE_CSRF_COOKIE, path="/signin")
        return response

    @r.post("/signout")
    async def signout(request: Request) -> Response:
        fields = await form(request)
        session = session_of(request)
        if not csrf_ok(session, fields.get("csrf")):
            raise Problem(403, "The form did not come from this site.")
        assert session is not None
        await asyncio.to_thread(access.sessions.sign_out, session, source(request))
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(_cookie_name(request), path="/")
        return response

    def archivist(request: Request) -> tuple[User, str]:
        session = session_of(request)
        user = _session_user(access, request)
        if user is None or Role.ARCHIVIST not in user.roles:
            raise Problem(403, "The declassification queue is for archivists: sign in.")
        assert session is not None
        return user, session

    def queue_page(request: Request, session: str, message: str | None,
                   status: int = 200) -> Response:
        found = queue(access.db, access.policy.today())
        context: dict[str, Any] = {"queue": found, "csrf": csrf_token(session),
                                   "message": message}
        response = templates.render(request, "declass.html", context, status)
        response.headers["Cache-Control"] = "no-store"
        return response

    @r.get("/declass")
    async def declass(request: Request) -> Response:
        _, session = await asyncio.to_thread(archivist, request)
        return await asyncio.to_thread(queue_page, request, session, None)

    @r.post("/declass/release")
    async def release(request: Request) -> Response:
        fields = await form(request)
        user, session = await asyncio.to_thread(archivist, request)
        if not csrf_ok(session, fields.get("csrf")):
            raise Problem(403, "The form did not come from this site.")
        cable_id = fields.get("cable_id", "").strip().upper()
        try:
            await asyncio.to_thread(access.releases.release, cable_id,
                                    fields.get("reason", ""), actor=user.name,
                                    source=source(request))
        except DeclassError as exc:
            return await asyncio.to_thread(queue_page, request, session, str(exc), 400)
        return await asyncio.to_thread(queue_page, request, session,
                                       f"Released {cable_id}.")

    return r
