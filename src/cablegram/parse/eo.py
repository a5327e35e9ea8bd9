"""The E.O. line: the executive order a cable was classified under and when to declassify it.

Spellings in the corpus (of 6,746 heads): ``E.O. 12958: DECL: 11/20/2015`` (most), ``E.O. 12958:
N/A`` (unclassified cables), the media partners' ``EO 12958 DECL: 09/21/10``, and the rarer
``E. O. 11652:  N/ A``, ``E.0. 12958`` (a zero), ``E.o. 12958: decl:`` (lower-cased cables),
``DECL ON:``, ``Declassify on``, ``DECLASSIFY``, ``DECL: 1.6X6``, ``(X1)``, ``25X1``, ``OADR``,
``GDS``, events (``TEN YEARS AFTER KOREAN UNIFICATION``), NARA notes (``DECLASSIFIED BY NARA
09/02/2009``, ``AS AMENDED; DECLASSIFIED JUNE 21, 2006``), a date with no DECL word, and lines
glued to the next field (``DECL: 08/16/2015TAGS:``) or wrapped after ``DECL:``.

Dates are month/day/year with two- or four-digit years, year/month/day, ISO, or written out
(``20 OCTOBER 2019``, ``JUNE 21, 2006``). A date that cannot exist is a ``Problem``, never an
exception. ``declassify_on`` is a ``date``, an exemption code (``X1`` .. ``X8``, ``25X1``,
``1.6X6``, ``OADR``, ``GDS``, ``MR``), or the event the cable names; ``None`` for N/A.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from cablegram.model import Problem

KNOWN_ORDERS = frozenset({"10501", "10964", "11652", "12065", "12356", "12958", "13292", "13526"})

# Starts with a literal "E" so that the engine can skip ahead; the check that "EO" is a word
# of its own comes after it, as a lookbehind (one at the start would cost ten times more).
_EO = re.compile(
    r"E(?:\.[ \t]?[O0o]\.?|O(?<![A-Za-z]EO))[ \t]*:?[ \t]*:?[ \t]*(?P<order>\d{4,5})(?!\d)"
    r"(?P<rest>[^\n]*)"
)
_DECL_ONLY = re.compile(r"DECL(?<![A-Za-z]DECL)[ \t]*:[^\n]*")
_DECL = re.compile(r"(?i:DECL(?:ASSIFY)?(?:[ \t]+ON)?l?)[ \t]*:?[ \t]*(?:(?i:DECL)[ \t]*:[ \t]*)?")
_NOT_APPLICABLE = re.compile(r"(?i)^[ \t:]*(?:N[ \t]*/[ \t]*A|NA)\b")
_NA_AFTER = re.compile(r"(?i)[ \t]*N[ \t]*/[ \t]*A\b")
_WORD_FIRST = re.compile(r"[ \t]*[A-Za-z]")
_AMENDED = re.compile(r"^[ \t]*AS AMENDED[ \t;:,]*", re.I)
_NUMERIC = re.compile(
    r"(?<!\d)(?:(?P<y1>\d{4})[/-](?P<m1>\d{1,2})[/-](?P<d1>\d{1,2})"
    r"|(?P<m2>\d{1,3})[/-](?P<d2>\d{1,2})[/-](?P<y2>\d{4}|\d{2}))(?!\d)"
)
_MONTHS = {m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
                                        "SEP", "OCT", "NOV", "DEC"), start=1)}  # fmt: skip
_MONTH = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?"
_WRITTEN = re.compile(  # "20 OCTOBER 2019", "JUNE 21, 2006"
    rf"(?i:(?P<day>\d{{1,2}})[ \t]+(?P<mon>{_MONTH}),?[ \t]+(?P<year>\d{{4}})"
    rf"|(?P<mon2>{_MONTH})[ \t]+(?P<day2>\d{{1,2}}),?[ \t]+(?P<year2>\d{{4}}))"
)
_CODE = re.compile(
    r"(?i)^[ \t(]*(?P<code>(?:(?:\d\.\d[ \t]*)?\(?X\d\)?|25X\d)(?:-[ \t]?[A-Z]+)?|OADR|N?GDS|MR)"
    r"(?![A-Za-z0-9])"
)
_STOP = re.compile(r"[ \t]*(?:TAGS?\b|TAS:|AGS:|SUBJ|Tags|Subject)")
_BARE_DECL = re.compile(r"[ \t:]*DECL[ \t]*:?[ \t]*", re.I)
_TWO_DIGIT_PIVOT = 70  # "09/21/10" is 2010; "12/31/75" is 1975
# The shapes nine E.O. lines in ten take after the order (": DECL: 11/20/2015", ": DECL:
# 2015/11/20", ": N/A"), read with one match; the general reader finds the same in them.
_COMMON_REST = re.compile(
    r"[ \t]*:?[ \t]*(?:DECL:[ \t]*(?P<date>(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<y1>\d{4})/(?P<m1>\d{1,2})/(?P<d1>\d{1,2}))|(?P<na>N/A))[ \t\\]*"
)


class ExecutiveOrder(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    order: str | None = None  # "12958"
    declassify_on: date | str | None = None
    raw: str | None = None  # the whole E.O. line as written
    problems: tuple[Problem, ...] = ()


def executive_order(head: str) -> ExecutiveOrder:
    """The E.O. line of ``head``; a bare ``DECL:`` line when there is no E.O. line."""
    m = _EO.search(head)
    if m is not None:
        order, rest, raw = m.group("order"), m.group("rest"), m.group(0).strip()
        end = m.end()
    else:
        d = _DECL_ONLY.search(head)
        if d is None:
            return ExecutiveOrder()
        order, rest, raw, end = None, d.group(0), d.group(0).strip(), d.end()
    problems: list[Problem] = []
    line = head.count("\n", 0, end - len(rest)) + 1
    if order is not None and order not in KNOWN_ORDERS:
        problems.append(Problem("executive_order", f"unknown executive order {order}", line))
    common = _COMMON_REST.fullmatch(rest)
    if common is not None:
        return ExecutiveOrder(order, _common_date(common, problems, line), raw, tuple(problems))
    cut = _STOP.search(rest)
    if cut is not None:  # glued to the next field: "DECL: 08/16/2015TAGS: ..."
        raw = raw[: len(raw) - (len(rest) - cut.start())].rstrip()
        rest = rest[: cut.start()]
    if _BARE_DECL.fullmatch(rest):  # wrapped after "DECL:": the date is on the next line
        stop = head.find("\n", end + 1)
        nxt = head[end + 1 : stop if stop >= 0 else len(head)].strip()
        rest, raw = f"{rest} {nxt}", f"{raw}\n{nxt}"
    return ExecutiveOrder(order, _declassify_on(rest, problems, line), raw, tuple(problems))


def _common_date(m: re.Match[str], problems: list[Problem], line: int) -> date | None:
    """The date of an E.O. line ``_COMMON_REST`` matched, as ``_declassify_on`` reads it."""
    if m.group("na") is not None:
        return None
    if m.group("y") is not None:
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
    return _make(y, mo, d, m.group("date"), problems, line)


def _declassify_on(rest: str, problems: list[Problem], line: int) -> date | str | None:
    text = _AMENDED.sub("", rest).strip(' \t:;,.\\"')
    if not text or _NOT_APPLICABLE.match(text):
        return None
    d = _DECL.search(text)
    after = text[d.end() :] if d is not None else text
    if _NA_AFTER.match(after):
        return None
    code = _CODE.match(after)
    if code is not None:
        return code.group("code").upper().replace("(", "").replace(")", "").replace(" ", "")
    known = len(problems)
    found = _date_in(after, problems, line)
    if found is not None or len(problems) > known:
        return found
    if d is not None and _WORD_FIRST.match(after) and "..." not in after:
        return " ".join(after.upper().split()).rstrip(".")  # an event: "TWENTY YEARS"
    problems.append(Problem("declassify_on", f"not understood: {text!r}", line))
    return None


def _date_in(text: str, problems: list[Problem], line: int) -> date | None:
    n = _NUMERIC.search(text)
    if n is not None:
        if n.group("y1"):
            y, mo, d = int(n.group("y1")), int(n.group("m1")), int(n.group("d1"))
        else:
            y, mo, d = int(n.group("y2")), int(n.group("m2")), int(n.group("d2"))
            if len(n.group("y2")) == 2:
                y += 2000 if y < _TWO_DIGIT_PIVOT else 1900
        return _make(y, mo, d, n.group(0), problems, line)
    w = _WRITTEN.search(text)
    if w is None:
        return None
    month = _MONTHS[(w.group("mon") or w.group("mon2"))[:3].upper()]
    day, year = w.group("day") or w.group("day2"), w.group("year") or w.group("year2")
    return _make(int(year), month, int(day), w.group(0), problems, line)


def _make(y: int, mo: int, d: int, written: str, problems: list[Problem], line: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        pass
    try:
        swapped = date(y, d, mo)  # day and month exchanged: "25/12/2015"
    except ValueError:
        problems.append(Problem("declassify_on", f"no such date: {written}", line))
        return None
    problems.append(Problem("declassify_on", f"{written} read as day/month/year", line))
    return swapped
