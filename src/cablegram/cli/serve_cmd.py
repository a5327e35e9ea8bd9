"""``cablegram serve``: the web UI and JSON API over an archive, with uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from cablegram.cli.app import app, console, err_console


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="The archive database (default: $CABLEGRAM_DB or "
                                  "./cablegram.db)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (one per core serves the most).")
    ] = 1,
    public_profile: Annotated[
        str | None,
        typer.Option("--public-profile", help="What anonymous readers see: all (the demo), "
                     "none, unclassified, sbu, confidential, secret, top-secret."),
    ] = None,
    access_config: Annotated[
        Path | None,
        typer.Option("--access-config", help="A TOML file with an [access] table "
                                             "(docs/access.md)."),
    ] = None,
) -> None:
    """Serve the archive in a browser (pages) and to programs (/api/v1)."""
    import uvicorn

    from cablegram.access import ConfigError
    from cablegram.access.config import (
        ACCESS_CONFIG_VAR,
        PUBLIC_PROFILE_VAR,
        config_from_env,
        load_config,
    )
    from cablegram.archive import Archive
    from cablegram.store import ENV_VAR, default_db_path
    from cablegram.web import create_app

    try:
        base = load_config(access_config) if access_config is not None else config_from_env()
        config = base.with_profile(public_profile)
    except ConfigError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2) from None
    path = db if db is not None else default_db_path()
    if not path.exists():
        err_console.print(f"[red]error:[/red] no archive at {path}: build one with "
                          "`cablegram ingest SOURCE --db PATH` (or `make demo`)")
        raise typer.Exit(code=1)
    with Archive(path) as archive:  # bring the index up to date once, before any worker
        archive.index()
    console.print(f"Anonymous readers: [bold]{config.public_profile}[/bold]")
    console.print(f"Serving [bold]{path}[/bold] at [link]http://{host}:{port}/[/link] "
                  "(Ctrl+C stops)")
    options = {"host": host, "port": port, "server_header": False, "log_level": "warning"}
    if workers == 1:
        uvicorn.run(create_app(path, config=config), **options)  # type: ignore[arg-type]
        return
    os.environ[ENV_VAR] = str(path.resolve())  # worker processes read their settings here
    if access_config is not None:
        os.environ[ACCESS_CONFIG_VAR] = str(access_config.resolve())
    if public_profile is not None:
        os.environ[PUBLIC_PROFILE_VAR] = public_profile
    uvicorn.run("cablegram.web.app:app_from_env", factory=True, workers=workers,
                **options)  # type: ignore[arg-type]
