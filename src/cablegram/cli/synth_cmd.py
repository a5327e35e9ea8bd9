"""``cablegram synth``: write a generated corpus (demo data, benchmark-scale cables.csv)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

from cablegram.cli.app import app, console, err_console
from cablegram.synth import synthesize


class SynthFormat(StrEnum):
    CSV = "csv"
    DEMO = "demo"


@app.command()
def synth(
    out: Annotated[Path, typer.Argument(help="Output file (csv) or folder (demo).")],
    count: Annotated[int, typer.Option(min=0, help="How many cables.")] = 2000,
    seed: Annotated[int, typer.Option(help="Same seed, same bytes.")] = 0,
    fmt: Annotated[SynthFormat, typer.Option("--format", help="csv or demo.")] = SynthFormat.CSV,
    ids_from: Annotated[
        Path | None, typer.Option(help="Cablegate id list (id,month csv.gz): real ids.")
    ] = None,
    text_from: Annotated[
        Path | None, typer.Option(help="cables.jsonl.gz whose paragraphs are recombined.")
    ] = None,
    versions: Annotated[float, typer.Option(min=0.0, max=1.0, help="Share with 2 versions.")]
    = 0.02,
) -> None:
    """Generate cables in the real published formats, deterministically."""
    for path in (ids_from, text_from):
        if path is not None and not path.exists():
            err_console.print(f"[red]error:[/red] no such file: {path}")
            raise typer.Exit(2)
    with Progress(*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err_console) as bar:
        task = bar.add_task("synth", total=count)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        summary = synthesize(count, seed=seed, out=out, fmt=fmt.value, ids_from=ids_from,
                             text_from=text_from, versions=versions, progress=progress)
    console.print(summary)
