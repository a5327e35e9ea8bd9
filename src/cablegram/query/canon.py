"""Canonical spellings shared by the query parser and the index.

A filter only matches when the value typed and the value indexed went through the same
function, so both sides import from here: ``reason:1.4d`` and a header's ``1.4 (D)`` both
become ``1.4(d)``; ``decl:25x1`` and ``DECL: 25X1`` both become ``25X1``.
"""

from __future__ import annotations

import re
from datetime import date

from cablegram import ids
from cablegram.model import Classification

_LEVEL_NAMES = {
    "u": 0, "unclas": 0, "unclassified": 0, "unclas efto": 0,
    "sbu": 1, "fouo": 1, "lou": 1, "sensitive but unclassified": 1,
    "limited official use": 1, "for official use only": 1,
    "c": 2, "conf": 2, "confidential": 2,
    "s": 3, "secret": 3,
    "ts": 4, "top secret": 4, "topsecret": 4,
}  # fmt: skip
_SPACES = re.compile(r"[\s_\-]+")
_REASON = re.compile(r"^(1\.[45])\s*\(?\s*([a-h])\s*\)?$")
_REASON_LETTER = re.compile(r"^\(?([a-h])\)?$")
_DECL_16 = re.compile(r"^1\.6\(?(X\d)\)?$")
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_CAVEAT_ALIASES = {"NF": "NOFORN"}
YEARS = range(1700, 2201)  # dates a query may name: well inside what tantivy can store


def level(value: str) -> Classification | None:
    """A classification from a name, a portion letter or its number; None if none fits."""
    key = _SPACES.sub(" ", value.strip().lower())
    if key in _LEVEL_NAMES:
        return Classification(_LEVEL_NAMES[key])
    if key.isdigit() and int(key) <= max(Classification):
        return Classification(int(key))
    return None


def reason(value: str) -> str:
    """``1.4 (D)``, ``1.4d``, ``1.4(d)`` -> ``1.4(d)``; anything else lowercased as is."""
    key = value.strip().lower()
    match = _REASON.match(key)
    return f"{match.group(1)}({match.group(2)})" if match else key


def reason_letter(value: str) -> str | None:
    """A bare reason letter (``d`` or ``(d)``), which means it under either order's section."""
    match = _REASON_LETTER.match(value.strip().lower())
    return match.group(1) if match else None


def decl(value: date | str) -> str:
    """A declassify-on value as indexed: the year of a date, else the exemption code."""
    if isinstance(value, date):
        return str(value.year)
    key = re.sub(r"\s+", "", value).upper()
    match = _DECL_16.match(key)
    return match.group(1) if match else key


def caveat(value: str) -> str:
    key = value.strip().upper()
    return _CAVEAT_ALIASES.get(key, key)


def tag(value: str) -> str:
    return value.strip().upper()


def station(value: str) -> str:
    """An origin as ids spell it (``RIO DE JANEIRO`` -> ``RIODEJANEIRO``, misspellings fixed)."""
    return ids.station(value) or re.sub(r"[^A-Z0-9]", "", value.upper())


def cable_id(value: str) -> str:
    """A cable id in its canonical form, whatever spelling was typed or cited.

    Raises ValueError for text that is not a cable id.
    """
    return ids.canonical_id(value)


def period(value: str) -> tuple[date, date] | None:
    """``2005`` / ``2005-01`` / ``2005-01-15`` -> first and last day of that period.

    None for anything else, including years outside ``YEARS`` (the index's date range).
    """
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    if year is None or year not in YEARS:
        return None
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), _month_end(year, month)
        return date(year, month, day), date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)
