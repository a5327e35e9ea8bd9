"""What the marks on a cable mean, from ``cablegram/data/markings.yaml``.

The meanings are data so that a reader can fix a definition without touching code; this
module only normalises the many spellings the corpus uses (``1.4(B)``, ``1.6X6``, ``25x1``)
onto the table's keys. Lookups never raise: an unknown mark has no meaning (None).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from cablegram.model import Classification
from cablegram.refdata import load

_REASON = re.compile(r"^\s*(1\.[45])?\s*\(?\s*([a-hA-H])\s*\)?\s*$")
_EXEMPT = re.compile(r"^\s*(?:1\.6\s*)?(25X\d|X[1-8])\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LevelStyle:
    """How a classification level is shown: banner text, CSS class, colour name, meaning."""

    label: str
    short: str
    css: str
    colour: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Decoded:
    """A mark with its meaning: ``text`` as shown, ``meaning`` for a hover title or a line."""

    text: str
    meaning: str | None


@functools.cache
def _table() -> dict[str, Any]:
    data = load("markings")
    if not isinstance(data, dict):
        raise ValueError("markings.yaml must be a mapping")
    return data


@functools.cache
def level_style(level: Classification | None) -> LevelStyle:
    """The banner style; an unknown level is shown as such, in neutral grey."""
    if level is None:
        return LevelStyle("CLASSIFICATION NOT STATED", "?", "unknown", "grey",
                          "The text does not state a classification.")
    entry = _table()["classifications"][level.name]
    return LevelStyle(level.label, level.short, str(entry["css"]), str(entry["colour"]),
                      str(entry["meaning"]).strip())


def reason(code: str) -> Decoded:
    """``1.4(d)`` -> the category it cites; anything unreadable is shown as written."""
    match = _REASON.match(code)
    if match is None:
        return Decoded(code, None)
    section = match.group(1) or "1.4"
    letter = match.group(2).lower()
    meaning = _table()["reasons"].get(letter)
    return Decoded(f"{section}({letter})", str(meaning) if meaning else None)


def caveat(name: str) -> str | None:
    value = _table()["caveats"].get(name.strip().upper())
    return str(value).strip() if value else None


def precedence(name: str) -> str | None:
    value = _table()["precedences"].get(name.strip().upper())
    return str(value).strip() if value else None


def declassify(value: date | str | None) -> Decoded | None:
    """The DECL instruction as a reader wants it: a spelled-out date or an exemption's sense."""
    if value is None:
        return None
    if isinstance(value, date):
        return Decoded(f"Declassify on {value.day} {value:%B %Y}", None)
    text = value.strip()
    match = _EXEMPT.match(text)
    key = match.group(1).upper() if match else text.upper()
    meaning = _table()["exemptions"].get(key)
    if meaning is None and key.startswith("25X"):
        meaning = "Exempt from automatic declassification at 25 years."
    return Decoded(text, str(meaning).strip() if meaning else None)
