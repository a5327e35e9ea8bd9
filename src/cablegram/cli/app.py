"""The Typer application the command modules register on."""

from __future__ import annotations

import typer
from rich.console import Console

app = typer.Typer(
    name="cablegram",
    help="Read, parse, archive and serve US diplomatic cables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

console = Console()
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    """Say which build of the parser runs: the wheel's is compiled, an editable install's not."""
    if not value:
        return
    from importlib.metadata import PackageNotFoundError, version

    from cablegram.parse import COMPILED

    try:
        number = version("cablegram")
    except PackageNotFoundError:
        number = "unknown"
    build = "compiled by mypyc" if COMPILED else "plain Python"
    console.print(f"cablegram {number} (parser: {build})", highlight=False)
    raise typer.Exit()


@app.callback()
def _main(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True,
        help="Print the version and which build of the parser runs, then exit.",
    ),
) -> None:
    """Read, parse, archive and serve US diplomatic cables."""
