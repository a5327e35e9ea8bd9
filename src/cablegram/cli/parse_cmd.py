"""``cablegram parse``: parse files (or stdin) and print the records."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cablegram.cli.app import app, console, err_console
from cablegram.cli.render import print_cable
from cablegram.serialize import to_dict
from cablegram.sources import FORMATS, SourceError, SourceRecord, read


class OutputFormat(StrEnum):
    JSON = "json"
    TEXT = "text"


@app.command()
def parse(
    files: Annotated[list[str], typer.Argument(help="Files or folders to parse; - reads stdin.")],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Print JSON or a readable summary.")
    ] = OutputFormat.JSON,
    input_format: Annotated[
        str | None,
        typer.Option("--input-format", help="Override format detection (e.g. cablegate-csv)."),
    ] = None,
    raw: Annotated[bool, typer.Option(help="Include the raw text in JSON output.")] = False,
) -> None:
    """Parse cables and print every field."""
    if input_format is not None and input_format not in FORMATS:
        err_console.print(f"[red]error:[/red] unknown input format {input_format!r}; "
                          f"expected one of: {', '.join(sorted(FORMATS))}")
        raise typer.Exit(code=2)
    failures = 0
    for name in files:
        try:
            for record in _records(name, input_format):
                _emit(record, output, raw)
        except SourceError as exc:
            failures += 1
            err_console.print(f"[red]error:[/red] {exc}")
    if failures:
        raise typer.Exit(code=1)


def _records(name: str, input_format: str | None) -> Iterator[SourceRecord]:
    if name == "-":
        data = sys.stdin.buffer.read()
        return read(io.BytesIO(data), format=input_format)
    path = Path(name)
    if not path.exists():
        raise SourceError(name, "no such file or folder")
    return read(path, format=input_format)


def _emit(record: SourceRecord, output: OutputFormat, raw: bool) -> None:
    cable = record.parse()
    if output is OutputFormat.TEXT:
        print_cable(console, cable, location=record.location)
        return
    data = to_dict(cable, include_raw=raw)
    data["source"] = {"location": record.location, "format": record.format}
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
