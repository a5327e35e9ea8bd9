"""Access-control commands: users, tokens, declass, audit.

Whoever runs these holds the database file, so they act as the archive's operator; each
change is audited as ``cli:<os user>``. Secrets never travel as arguments (they would sit in
shell history and process lists): passwords are prompted for or read from stdin, and a new
token is printed once, alone on stdout, with the advice on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cablegram.access.audit import cli_source, describe
from cablegram.access.declass import DeclassError, queue
from cablegram.access.passwords import PasswordRejected
from cablegram.access.reader import clearance_name, parse_clearance
from cablegram.access.records import AuditAction, User
from cablegram.access.service import AccessControl
from cablegram.access.tokens import TokenError, parse_expiry
from cablegram.access.users import UserError, parse_roles
from cablegram.cli.app import app, console, err_console
from cablegram.cli.jsonout import dump
from cablegram.cli.options import DbOption, JsonOption
from cablegram.model import Classification
from cablegram.store import default_db_path, store_path

users_app = typer.Typer(help="Readers: clearances, caveat accesses, passwords.",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens (Authorization: Bearer ...).", no_args_is_help=True)
declass_app = typer.Typer(help="The declassification queue and release decisions.",
                          no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(declass_app, name="declass")

AccessOpt = Annotated[list[str] | None, typer.Option(
    "--access", help="Caveat access held (NOFORN, NOCONTRACT, ORCON, ALL); repeatable.")]
GrantOpt = Annotated[list[str] | None, typer.Option(
    "--grant", help="Named distribution grant (EXDIS, NODIS, LIMDIS, STADIS, ALL); repeatable.")]
RoleOpt = Annotated[list[str] | None, typer.Option(
    "--role", help="archivist (records releases) or admin; repeatable.")]
PasswordOpt = Annotated[bool, typer.Option("--password", help="Prompt for a password.")]
PasswordStdinOpt = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from the first line of stdin.")]


@contextmanager
def opened(db: Path | None) -> Iterator[AccessControl]:
    """The access data of the archive at ``db``, with user mistakes shown as one line."""
    try:
        with AccessControl(store_path(db if db is not None else default_db_path())) as access:
            yield access
    except (UserError, TokenError, DeclassError, PasswordRejected, ValueError) as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def _password(prompt: bool, stdin: bool) -> str | None:
    if stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if prompt:
        return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True,
                                err=True))
    return None


def _marks(values: list[str] | None) -> list[str] | None:
    """``--access none`` clears the set; no option leaves it as it is."""
    if values is None:
        return None
    return [] if [v.strip().lower() for v in values] == ["none"] else values


def _user_row(u: User) -> dict[str, object]:
    return {
        "name": u.name,
        "clearance": clearance_name(u.clearance),
        "accesses": sorted(u.accesses),
        "grants": sorted(u.grants),
        "roles": sorted(str(r) for r in u.roles),
        "password": u.has_password,
        "disabled": u.disabled,
        "created": u.created_at,
        "updated": u.updated_at,
    }


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    clearance: Annotated[str, typer.Option(
        help="none, unclassified, sbu, confidential, secret or top-secret.")],
    access: AccessOpt = None,
    grant: GrantOpt = None,
    role: RoleOpt = None,
    password: PasswordOpt = False,
    password_stdin: PasswordStdinOpt = False,
    db: DbOption = None,
) -> None:
    """Add a reader."""
    with opened(db) as ac:
        made = ac.users.add(
            name, parse_clearance(clearance), accesses=access or (), grants=grant or (),
            roles=parse_roles(role or ()), password=_password(password, password_stdin),
            actor=cli_source(), source=cli_source(),
        )
    console.print(f"added {made.name} ({clearance_name(made.clearance)})", highlight=False)


@users_app.command("list")
def users_list(db: DbOption = None, json_out: JsonOption = False) -> None:
    """List readers with their clearances."""
    with opened(db) as ac:
        rows = [_user_row(u) for u in ac.users.all()]
    if json_out:
        dump(rows)
        return
    table = Table()
    for col in ("name", "clearance", "accesses", "grants", "roles", "password", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["name"]), str(r["clearance"]), _join(r["accesses"]),
                      _join(r["grants"]), _join(r["roles"]), "set" if r["password"] else "-",
                      "disabled" if r["disabled"] else "active")
    console.print(table)


def _join(values: object) -> str:
    return " ".join(str(v) for v in values) if isinstance(values, list) and values else "-"


@users_app.command("set")
def users_set(
    name: Annotated[str, typer.Argument(help="User name.")],
    clearance: Annotated[str | None, typer.Option(help="New clearance (or none).")] = None,
    access: AccessOpt = None,
    grant: GrantOpt = None,
    role: RoleOpt = None,
    password: PasswordOpt = False,
    password_stdin: PasswordStdinOpt = False,
    enable: Annotated[bool, typer.Option("--enable", help="Enable a disabled user.")] = False,
    db: DbOption = None,
) -> None:
    """Change a reader: given options replace the old values (--access none clears)."""
    level: Classification | None = None
    with opened(db) as ac:
        if clearance is not None:
            level = parse_clearance(clearance)
        changed = ac.users.update(
            name,
            **({"clearance": level} if clearance is not None else {}),
            accesses=_marks(access), grants=_marks(grant),
            roles=None if role is None else parse_roles(_marks(role) or ()),
            password=_password(password, password_stdin),
            disabled=False if enable else None,
            actor=cli_source(), source=cli_source(),
        )
    console.print(f"updated {changed.name}", highlight=False)


@users_app.command("disable")
def users_disable(name: Annotated[str, typer.Argument(help="User name.")],
                  db: DbOption = None) -> None:
    """Disable a reader: sign-in, sessions and tokens stop working at once."""
    with opened(db) as ac:
        ac.users.disable(name, actor=cli_source(), source=cli_source())
    console.print(f"disabled {name}", highlight=False)


@tokens_app.command("create")
def tokens_create(
    name: Annotated[str, typer.Argument(help="The user the token acts for.")],
    expires: Annotated[str, typer.Option(help="Lifetime: 30d, 12h, 2w, or never.")] = "90d",
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Create an API token. It is shown once: store it now."""
    with opened(db) as ac:
        user = ac.users.require(name)
        made = ac.tokens.create(user, expires_in=parse_expiry(expires), label=label,
                                actor=cli_source(), source=cli_source())
    if json_out:
        dump({"token": made.secret, "id": made.token.token_id, "user": user.name,
              "expires": made.token.expires_at})
        return
    sys.stdout.write(made.secret + "\n")
    until = f"{made.token.expires_at:%Y-%m-%d %H:%M} UTC" if made.token.expires_at else "never"
    err_console.print(f"token {made.token.token_id} for {user.name}, expires {until}."
                      " It will not be shown again.", highlight=False, soft_wrap=True)


@tokens_app.command("list")
def tokens_list(
    user: Annotated[str | None, typer.Option("--user", help="Only this user's.")] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List tokens (ids, never secrets)."""
    with opened(db) as ac:
        owner = ac.users.require(user) if user is not None else None
        found = ac.tokens.all(owner)
        now = datetime.now(UTC)
    if json_out:
        dump([{"id": t.token_id, "user": t.user_name, "label": t.label, "created": t.created_at,
               "expires": t.expires_at, "revoked": t.revoked_at, "last_used": t.last_used_at,
               "usable": t.usable(now)} for t in found])
        return
    table = Table()
    for col in ("id", "user", "label", "created", "expires", "last used", "status"):
        table.add_column(col, no_wrap=col == "id")
    for t in found:
        status = "revoked" if t.revoked_at else ("active" if t.usable(now) else "expired")
        table.add_row(t.token_id, t.user_name, t.label or "-", _day(t.created_at),
                      _day(t.expires_at), _day(t.last_used_at), status)
    console.print(table)


def _day(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else "-"


@tokens_app.command("revoke")
def tokens_revoke(token_id: Annotated[str, typer.Argument(help="The token's id.")],
                  db: DbOption = None) -> None:
    """Revoke a token: it stops working at once."""
    with opened(db) as ac:
        gone = ac.tokens.revoke(token_id, actor=cli_source(), source=cli_source())
    console.print(f"revoked {gone.token_id} ({gone.user_name})", highlight=False)


def _date(text: str | None) -> date:
    if text is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        err_console.print(f"[red]error:[/red] --before {text!r}: give a date as YYYY-MM-DD",
                          highlight=False)
        raise typer.Exit(2) from None


@declass_app.command("due")
def declass_due(
    before: Annotated[str | None, typer.Option(help="Due on or before (default today).")] = None,
    list_ids: Annotated[bool, typer.Option("--list", help="List each cable.")] = False,
    exempt: Annotated[bool, typer.Option(help="Also list cables held by exemptions.")] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Classified cables whose DECL date has passed (or will by --before), by year."""
    day = _date(before)
    with opened(db) as ac:
        found = queue(ac.db, day)
    if json_out:
        dump({"before": found.before, "due": {str(y): v for y, v in found.due.items()},
              "exempt": found.exempt})
        return
    console.print(f"{found.due_count:,} cables due by {day.isoformat()}, not yet released",
                  highlight=False)
    for year, items in found.due.items():
        console.print(f"  {year}: {len(items):,}", highlight=False)
        for item in items if list_ids else ():
            console.print(f"    {item.cable_id}  {item.declassify_on}  "
                          f"{item.level.name if item.level is not None else '?'}",
                          highlight=False)
    console.print(f"{len(found.exempt):,} held by an exemption code or an event",
                  highlight=False)
    for held in found.exempt if exempt else ():
        console.print(f"  {held.cable_id}  {held.code}: {held.meaning or 'unknown code'}",
                      highlight=False)


@declass_app.command("release")
def declass_release(
    cable_id: Annotated[str, typer.Argument(help="The cable to release.")],
    reason: Annotated[str, typer.Option(help="Why it may be released (kept for good).")],
    db: DbOption = None,
) -> None:
    """Record a release decision: the cable becomes visible to every reader."""
    from cablegram.archive import canonical

    with opened(db) as ac:
        made = ac.releases.release(canonical(cable_id), reason, actor=cli_source(),
                                   source=cli_source())
    console.print(f"released {made.cable_id}", highlight=False)


@declass_app.command("released")
def declass_released(db: DbOption = None, json_out: JsonOption = False) -> None:
    """List the release decisions: who, when, why."""
    with opened(db) as ac:
        found = ac.releases.decisions()
    if json_out:
        dump(found)
        return
    for r in found:
        console.print(f"{r.cable_id}  {r.decided_at:%Y-%m-%d %H:%M}  {r.decided_by}: "
                      f"{r.reason}", highlight=False)


def _since(text: str | None) -> datetime | None:
    """``2026-01-31``, ``2026-01-31T12:00``, or a span back from now: ``7d``, ``12h``."""
    if text is None:
        return None
    try:
        span = parse_expiry(text)
    except TokenError:
        span = None
    if span is not None:
        return datetime.now(UTC) - span
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        err_console.print(f"[red]error:[/red] --since {text!r}: give a date, a date and time,"
                          " or a span like 7d", highlight=False)
        raise typer.Exit(2) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command("audit")
def audit(
    user: Annotated[str | None, typer.Option("--user", help="Only this actor.")] = None,
    action: Annotated[str | None, typer.Option(
        help="read, export, sign-in, sign-in-failed, sign-out, release, user-change,"
             " token-change.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, or a span: 7d.")] = None,
    target: Annotated[str | None, typer.Option(help="Only about this cable or user.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many.")] = None,
    verify: Annotated[bool, typer.Option("--verify", help="Check the hash chain.")] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Query the audit log (append-only, hash-chained), or --verify it."""
    if action is not None and action not in {a.value for a in AuditAction}:
        err_console.print(f"[red]error:[/red] unknown action {action!r}", highlight=False)
        raise typer.Exit(2)
    moment = _since(since)
    with opened(db) as ac:
        if verify:
            check = ac.audit.verify()
            if json_out:
                dump(check)
            else:
                state = "intact" if check.ok else "[red]TAMPERED[/red]"
                console.print(f"{check.entries:,} entries, chain {state}; head {check.head}")
                for problem in check.problems:
                    console.print(f"  {problem}", highlight=False)
            raise typer.Exit(0 if check.ok else 1)
        found = ac.audit.entries(actor=user, action=action, since=moment, target=target,
                                 limit=limit)
    if json_out:
        dump([describe(e) for e in found])
        return
    table = Table()
    for col in ("#", "when (UTC)", "who", "action", "what", "from"):
        table.add_column(col)
    for e in found:
        table.add_row(str(e.seq), f"{e.at:%Y-%m-%d %H:%M:%S}", e.actor or "-", e.action,
                      e.target or "-", e.source)
    console.print(table)
