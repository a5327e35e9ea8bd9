"""Archive commands: ingest, search, show, stats, diff, quarantine, reparse.

``show``, ``search``, ``stats`` and ``diff`` read as someone: ``--as USER`` (a user of the
archive; their reads are audited) or ``--public-profile`` (an anonymous reader of that
profile), by default the deployment's public reader (``$CABLEGRAM_ACCESS_CONFIG``,
``$CABLEGRAM_PUBLIC_PROFILE``; the demo sees everything). They read through the web's
``ReaderView``, so the CLI and the web apply the same policy with the same code.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from cablegram.access import AccessControl, ConfigError
from cablegram.access.config import config_from_env
from cablegram.archive import Archive
from cablegram.cli.app import app, console, err_console
from cablegram.cli.jsonout import dump
from cablegram.cli.options import DbOption, JsonOption
from cablegram.cli.render import print_cable
from cablegram.ingest import RichProgress
from cablegram.query import QueryError
from cablegram.serialize import to_dict
from cablegram.web.reader import ArchiveThread, ReaderView


def _open(db: Path | None) -> Archive:
    return Archive(db)


AsOption = Annotated[str | None, typer.Option(
    "--as", help="Read as this user (their clearance and caveats; the read is audited).")]
ProfileOption = Annotated[str | None, typer.Option(
    "--public-profile", help="Read as an anonymous reader of this profile: all, none, "
                             "unclassified, sbu, confidential, secret, top-secret.")]


@contextmanager
def _reading(db: Path | None, as_user: str | None,
             profile: str | None) -> Iterator[ReaderView]:
    """The archive as one reader sees it (see the module docstring)."""
    if as_user is not None and profile is not None:
        err_console.print("[red]error:[/red] give --as or --public-profile, not both")
        raise typer.Exit(2)
    try:
        config = config_from_env().with_profile(profile)
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    with _open(db) as archive:
        thread = ArchiveThread(lambda: archive)
        if as_user is None and config.public_reader().sees_everything:
            yield ReaderView(thread)
            return
        with AccessControl(archive.db_path, config) as access:
            reader = access.public
            if as_user is not None:
                user = access.users.get(as_user)
                if user is None or user.disabled:
                    err_console.print(f"[red]error:[/red] no enabled user {as_user!r}",
                                      highlight=False)
                    raise typer.Exit(2)
                reader = access.reader_for(user)
            yield ReaderView(thread, reader, access.policy, access)


def _cli_source() -> str:
    return f"cli:{getpass.getuser()}"


@app.command()
def ingest(
    sources: Annotated[list[Path], typer.Argument(help="Files or folders in any format.")],
    db: DbOption = None,
    workers: Annotated[int | None, typer.Option(help="Parser processes (default: cores).")] = None,
    json_out: JsonOption = False,
) -> None:
    """Ingest cables into the archive: new ones, new versions, nothing twice."""
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        err_console.print(f"[red]error:[/red] no such file or folder: {', '.join(missing)}")
        raise typer.Exit(2)
    with _open(db) as archive:
        if json_out:
            summary = archive.ingest(sources, workers=workers)
            dump(summary.to_dict())
            return
        with RichProgress("ingest", console=err_console) as progress:
            summary = archive.ingest(sources, workers=workers, progress=progress)
    table = Table(title=f"ingested in {summary.elapsed:.1f}s ({summary.rate:,.0f} records/s)")
    for col in ("format", "new", "updated", "unchanged", "quarantined"):
        table.add_column(col, justify="left" if col == "format" else "right")
    for fmt, c in sorted(summary.by_format.items()):
        table.add_row(fmt, str(c.new), str(c.updated), str(c.unchanged), str(c.quarantined))
    t = summary.totals
    table.add_row("total", str(t.new), str(t.updated), str(t.unchanged), str(t.quarantined),
                  style="bold")
    console.print(table)
    if t.quarantined:
        console.print("[yellow]some records were quarantined: see `cablegram quarantine`[/]")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Query, e.g. \'tag:KNNP "civil nuclear"\'.')] = "",
    db: DbOption = None,
    sort: Annotated[str, typer.Option(help="relevance, date or -date.")] = "relevance",
    page: Annotated[int, typer.Option(min=1)] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=0, max=1000)] = 20,
    facets: Annotated[bool, typer.Option(help="Show facet counts.")] = False,
    json_out: JsonOption = False,
    as_user: AsOption = None,
    public_profile: ProfileOption = None,
) -> None:
    """Search the archive with the cablegram query language."""
    with _reading(db, as_user, public_profile) as view:
        try:
            results = view.search(query, sort=sort, page=page, per_page=per_page,
                                  facets=facets or json_out)
        except (QueryError, ValueError) as exc:
            err_console.print(f"[red]bad query:[/red] {exc}", markup=True, highlight=False)
            raise typer.Exit(2) from None
    if json_out:
        dump(results)
        return
    console.print(f"{results.total:,} cables ({results.took_ms:.1f} ms)")
    for hit in results.hits:
        line = Text()
        line.append(f"{hit.cable_id:<22}", style="bold")
        line.append(f"{hit.created:%Y-%m-%d} " if hit.created else "           ")
        line.append(f"{hit.classification.name if hit.classification else '?':<13}")
        line.append(hit.subject or "")
        console.print(line)
        snippet = Text("    ")
        for frag in hit.snippet:
            snippet.append(frag.text.replace("\n", " "), style="reverse" if frag.highlighted
                           else "dim")
        if hit.snippet:
            console.print(snippet)
    if facets:
        for name, counts in results.facets.items():
            console.print(f"[bold]{name}[/]: " + ", ".join(f"{v} ({n})" for v, n in counts))


@app.command()
def show(
    cable_id: Annotated[str, typer.Argument(help="Cable id in any spelling.")],
    db: DbOption = None,
    json_out: JsonOption = False,
    raw: Annotated[bool, typer.Option(help="Print the raw text as stored.")] = False,
    as_user: AsOption = None,
    public_profile: ProfileOption = None,
) -> None:
    """Show a cable with what it cites and what cites it."""
    with _reading(db, as_user, public_profile) as view:
        dossier = view.dossier(cable_id)
        if dossier is None:  # absent, or not visible to this reader: the same answer
            err_console.print(f"[red]not found:[/red] {cable_id}", highlight=False)
            raise typer.Exit(1)
        stored, cites, cited_by = dossier.stored, dossier.cites, dossier.cited_by
        versions = dossier.versions
        view.audit_read(stored.cable_id, _cli_source(),
                        "txt" if raw else "json" if json_out else None)
    if raw:
        console.out(stored.version.raw, end="", highlight=False)
        return
    if json_out:
        data = to_dict(stored.cable, include_raw=True)
        data.update(cable_id=stored.cable_id, cites=cites, cited_by=cited_by,
                    versions=[{"version_id": v.version_id, "released": v.released,
                               "source": v.source_location, "format": v.source_format,
                               "current": v.is_current} for v in versions])
        dump(data)
        return
    print_cable(console, stored.cable, location=stored.version.source_location)
    console.print(f"[bold]versions[/]: {len(versions)}")
    console.print("[bold]cites[/]:")
    for c in cites:
        state = c.subject or "" if c.resolved else "[dim]not in archive[/]"
        console.print(f"  {c.cited:<22} {state}")
    console.print("[bold]cited by[/]:")
    for c in cited_by:
        console.print(f"  {c.citing:<22} {c.subject or ''}")


@app.command()
def stats(db: DbOption = None, json_out: JsonOption = False, as_user: AsOption = None,
          public_profile: ProfileOption = None) -> None:
    """Counts over the archive (over what the reader may see)."""
    with _reading(db, as_user, public_profile) as view:
        s = view.stats()
    if json_out:
        dump(s)
        return
    console.print(f"cables {s.cables:,}  versions {s.versions:,}  quarantined {s.quarantined:,}  "
                  f"citations resolved {s.citations_resolved:,} missing {s.citations_missing:,}")
    console.print("classification: " + ", ".join(f"{k} {v:,}"
                                                  for k, v in s.by_classification.items()))
    console.print("years: " + ", ".join(f"{k}: {v:,}" for k, v in sorted(s.by_year.items())))
    console.print("top origins: " + ", ".join(f"{k} {v:,}" for k, v in s.top_origins))
    console.print("top tags: " + ", ".join(f"{k} {v:,}" for k, v in s.top_tags))


@app.command()
def diff(
    cable_id: Annotated[str, typer.Argument(help="Cable id in any spelling.")],
    a: Annotated[int | None, typer.Argument(help="Older version number (1 = oldest).")] = None,
    b: Annotated[int | None, typer.Argument(help="Newer version number.")] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
    as_user: AsOption = None,
    public_profile: ProfileOption = None,
) -> None:
    """Show what changed between two versions of a cable, word by word."""
    with _reading(db, as_user, public_profile) as view:
        try:
            result = view.diff(cable_id, a, b)
        except (LookupError, ValueError) as exc:
            err_console.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(1) from None
        view.audit_read(result.cable_id, _cli_source())
    if json_out:
        dump({"cable_id": result.cable_id, "old": result.old_number, "new": result.new_number,
              "metadata": result.metadata, "ops": result.ops})
        return
    console.print(f"{result.cable_id}: version {result.old_number} -> {result.new_number}")
    for key, (old, new) in result.metadata.items():
        console.print(f"  {key}: {old} -> {new}")
    text = Text()
    for op in result.ops:
        style = {"insert": "black on green", "delete": "black on red strike"}.get(op.op, "")
        text.append(op.text, style=style)
    console.print(text)


@app.command()
def quarantine(db: DbOption = None, json_out: JsonOption = False) -> None:
    """List what ingest could not read, with where and why."""
    with _open(db) as archive:
        entries = archive.quarantined()
    if json_out:
        dump([{"id": e.entry_id, "location": e.location, "reason": e.reason, "at": e.at,
               "bytes": len(e.raw or b"")} for e in entries])
        return
    for e in entries:
        console.print(f"[bold]{e.location}[/]: {e.reason} ({len(e.raw or b'')} bytes kept)")
    console.print(f"{len(entries)} quarantined")


@app.command()
def reparse(db: DbOption = None, workers: Annotated[int | None, typer.Option()] = None) -> None:
    """Re-derive parsed fields from the stored raw text (after a parser upgrade)."""
    with _open(db) as archive, RichProgress("reparse", console=err_console) as progress:
        changed = archive.reparse(workers=workers, progress=progress)
    console.print(f"{changed:,} versions changed")
