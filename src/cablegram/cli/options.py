"""Options shared by the archive commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Archive database (default: $CABLEGRAM_DB or ./cablegram.db).",
                 envvar="CABLEGRAM_DB"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
