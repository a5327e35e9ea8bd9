"""Office addressee lines: ``DEPT FOR EUR/CACEN (J. MUDGE), EUR/PRA (J. CONLON)``.

Between the captions and the E.O. line, posts name the offices (and often the officers) a
cable is meant for inside each receiving agency. They are not routing addressees (those are
the TO/INFO block), but they are who the cable was written for, and a partial extract often
carries nothing else, so they are kept as their own field: one entry per office, each with
its agency prefix (``DEPT FOR NP/RA (C. EVANS)``).
"""

from __future__ import annotations

import re

# The block ends where the header fields start.
_END = re.compile(r"(?m)^[ \t]*(?:E\.?[ \t]?O\.?[ \t]|EO[ \t]|TAGS?\b|TAS:|SUBJECT|SUBJ:|REF)")
_START = re.compile(
    r"(?m)^[ \t]*(?P<agency>[A-Z][A-Z/&.\-]*(?:[ \t]+[A-Z][A-Z/&.\-]*){0,4}?)"
    r"(?P<also>[ \t]+ALSO)?[ \t]+FOR[ \t]+(?P<rest>\S.*)$"
)
_GLUED_FIELD = re.compile(r"[ \t]+(?:E\.[ \t]?O\.|TAGS:|SUBJECT:).*$")
_SPLIT = re.compile(r"[,;]|[ \t]AND[ \t]")
_MAX_LINES = 4  # an office list wraps onto a few lines at most


def offices(head: str) -> tuple[str, ...]:
    """Offices named in ``X FOR A, B`` lines of the header, most specific text kept."""
    if " FOR " not in head:
        return ()
    end = _END.search(head)
    region = head[: end.start()] if end else head[:2000]
    found: list[str] = []
    lines = region.split("\n")
    i = 0
    while i < len(lines):
        m = _START.match(lines[i])
        if m is None or not _looks_like_agency(m.group("agency")):
            i += 1
            continue
        text = m.group("rest")
        i += 1
        taken = 1
        while (i < len(lines) and taken < _MAX_LINES and lines[i].strip()
               and _START.match(lines[i]) is None):
            text += " " + lines[i].strip()
            i += 1
            taken += 1
        agency = " ".join(m.group("agency").split())
        for item in _items(_GLUED_FIELD.sub("", text)):
            found.append(f"{agency} FOR {item}")
    return tuple(dict.fromkeys(found))


def _looks_like_agency(agency: str) -> bool:
    words = agency.split()
    # Prose that happens to contain "FOR" ("GENERATES FODDER FOR ...") has longer words
    # and no agency-like token; a real addressee is short: DEPT, NSC, STATE PASS TO USTR.
    return len(words) <= 5 and all(len(w) <= 12 for w in words)


def _items(text: str) -> list[str]:
    items: list[str] = []
    depth = 0
    start = 0
    for m in _SPLIT.finditer(text):
        depth = text.count("(", 0, m.start()) - text.count(")", 0, m.start())
        if depth > 0:
            continue
        items.append(text[start : m.start()])
        start = m.end()
    items.append(text[start:])
    return [" ".join(i.split()).strip(" .") for i in items if i.strip(" .")]
