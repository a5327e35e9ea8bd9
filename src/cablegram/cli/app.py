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
