"""The date layouts the sources publish, read into naive datetimes exactly as shown.

No time zone is applied: WikiLeaks showed cables.csv and page times without one, and the
archive must keep what was published. Every function returns None for a value it cannot
read, so that a reader can keep the raw string beside the record instead of failing it.
strptime is avoided: it costs ~10 µs a call, too much for 250k rows.
"""

from __future__ import annotations

import re
from datetime import datetime

_CSV = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?\s*\Z")
_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\s*\Z")
_PLUSD = re.compile(r"\s*(\d{4}) ([A-Za-z]{3})[a-z]* (\d{1,2}),? (\d{1,2}):(\d{2})")
_AAD = re.compile(r"\s*(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})\s*\Z")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
        start=1,
    )
}


def _make(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, sec)
    except ValueError:
        return None


def _int(value: str | None) -> int:
    return int(value) if value else 0


def csv_date(value: str) -> datetime | None:
    """cables.csv: ``12/28/1966 18:48`` (month first, no leading zeros)."""
    m = _CSV.match(value)
    if m is None:
        return None
    month, day, year, hour, minute, sec = m.groups()
    return _make(int(year), int(month), int(day), int(hour), int(minute), _int(sec))


def iso_date(value: str) -> datetime | None:
    """Pages, the embedded TSV rows and JSON Lines: ``2009-01-15 11:47[:00]`` or ``...T...``."""
    m = _ISO.match(value)
    if m is None:
        return None
    year, month, day, hour, minute, sec = m.groups()
    return _make(int(year), int(month), int(day), _int(hour), _int(minute), _int(sec))


def plusd_date(value: str) -> datetime | None:
    """PlusD synopsis: ``1973 May 22, 18:28 (Tuesday)``."""
    m = _PLUSD.match(value)
    if m is None:
        return None
    year, mon, day, hour, minute = m.groups()
    month = _MONTHS.get(mon.upper())
    if month is None:
        return None
    return _make(int(year), month, int(day), int(hour), int(minute))


def aad_date(value: str) -> datetime | None:
    """NARA AAD attributes: ``22 MAY 1973`` (a day, no time)."""
    m = _AAD.match(value)
    if m is None:
        return None
    day, mon, year = m.groups()
    month = _MONTHS.get(mon.upper())
    if month is None:
        return None
    return _make(int(year), month, int(day))
