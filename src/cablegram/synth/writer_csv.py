"""Rows in the layout of WikiLeaks' ``cables.csv`` (the 2011 full release).

No header row; eight double-quoted fields: row number, ``M/D/YYYY H:MM``, reference id,
origin, classification, ``|``-separated references, header, content. Quotes, apostrophes and
backslashes are backslash-escaped as MySQL writes them; newlines stay literal. Rows are
written as they are made, so memory does not grow with the corpus.
"""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from cablegram.synth.generate import SynthCable


def escape(value: str) -> str:
    """MySQL's escaping: a backslash before backslashes, double and single quotes."""
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    return value.replace('"', '\\"').replace("'", "\\'")


def csv_date(when: datetime) -> str:
    return f"{when.month}/{when.day}/{when.year} {when.hour}:{when.minute:02d}"


def row(number: int, cable: SynthCable) -> str:
    fields = (
        str(number),
        csv_date(cable.created),
        cable.reference_id,
        cable.origin,
        cable.classification,
        "|".join(cable.references),
        cable.header,
        cable.content,
    )
    return '"' + '","'.join(escape(f) for f in fields) + '"\n'


class CsvWriter:
    """Buffers rows and writes them in blocks; counts rows and bytes written."""

    def __init__(self, out: TextIO, block: int = 512) -> None:
        self.out = out
        self.block = block
        self.pending: list[str] = []
        self.rows = 0
        self.chars = 0

    def write(self, cable: SynthCable) -> None:
        self.rows += 1
        text = row(self.rows, cable)
        self.chars += len(text)
        self.pending.append(text)
        if len(self.pending) >= self.block:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.out.write("".join(self.pending))
            self.pending.clear()
