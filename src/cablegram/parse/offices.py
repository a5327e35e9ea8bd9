"""Office addressee lines: ``DEPT FOR EUR/CACEN (J. MUDGE), EUR/PRA (J. CONLON)``.

Between the captions and the E.O. line, posts name the offices (and often the officers) a
cable is meant for inside each receiving agency. They are not routing addressees (those are
the TO/INFO block), but they are who the cable was written for, and a partial extract often
carries nothing else, so they are kept as their own field: one entry per office, each with
its agency prefix (``DEPT FOR NP/RA (C. EVANS)``).
"""

from __future__ import annotations

import re

# The block ends where the header fields start. A literal newline first, so that sre skips
# ahead with a fast search; the first line is tried on its own.
_FIELDS = r"[ \t]*(?:E\.?[ \t]?O\.?[ \t]|EO[ \t]|TAGS?\b|TAS:|SUBJECT|SUBJ:|REF)"
_END = re.compile(r"\n" + _FIELDS)
_END_AT_START = re.compile(_FIELDS)
_START = re.compile(
    r"[ \t]*(?P<agency>[A-Z][A-Z/&.\-]*(?:[ \t]+[A-Z][A-Z/&.\-]*){0,4}?)"
    r"(?P<also>[ \t]+ALSO)?[ \t]+FOR[ \t]+(?P<rest>\S.*)"
)
_GLUED_FIELD = re.compile(r"[ \t]+(?:E\.[ \t]?O\.|TAGS:|SUBJECT:).*$")
_SPLIT = re.compile(r"[,;]|[ \t]AND[ \t]")
_MAX_LINES = 4  # an office list wraps onto a few lines at most
_REACH = 2000  # without a header field to end it, the block is looked for this far


def offices(head: str) -> tuple[str, ...]:
    """Offices named in ``X FOR A, B`` lines of the header, most specific text kept.

    Only lines holding "FOR" can open an office list, so the scan jumps between them with
    ``str.find`` instead of trying the line pattern on every line of the routing block.
    """
    if " FOR " not in head or _END_AT_START.match(head):
        return ()
    end = _END.search(head)
    region = head[: end.start() + 1] if end else head[:_REACH]
    found: list[str] = []
    pos = region.find("FOR")
    while pos >= 0:
        start = region.rfind("\n", 0, pos) + 1
        stop = _line_end(region, pos)
        opening = _opening(region[start:stop])
        if opening is not None:
            text, stop = _continued(region, opening[1], stop)
            found.extend(_entries(opening[0], text))
        pos = region.find("FOR", stop)
    return tuple(dict.fromkeys(found))


def _opening(line: str) -> tuple[str, str] | None:
    """(agency, office list) of a line that opens an office list, else None."""
    m = _START.fullmatch(line)
    if m is None or not _looks_like_agency(m.group("agency")):
        return None
    return m.group("agency"), m.group("rest")


def _entries(agency: str, text: str) -> tuple[str, ...]:
    """``AGENCY FOR office`` for each office of the list ``text``."""
    agency = " ".join(agency.split())
    if "E." in text or ":" in text:
        text = _GLUED_FIELD.sub("", text)
    return tuple(f"{agency} FOR {item}" for item in _items(text))


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _continued(region: str, text: str, stop: int) -> tuple[str, int]:
    """The office list with the lines it wraps onto, and where the last of them ends."""
    for _ in range(_MAX_LINES - 1):
        if stop >= len(region):
            break
        nxt = _line_end(region, stop + 1)
        line = region[stop + 1 : nxt]
        if not line.strip() or _START.fullmatch(line) is not None:
            break
        text += " " + line.strip()
        stop = nxt
    return text, stop


def _looks_like_agency(agency: str) -> bool:
    words = agency.split()
    # Prose that happens to contain "FOR" ("GENERATES FODDER FOR ...") has longer words
    # and no agency-like token; a real addressee is short: DEPT, NSC, STATE PASS TO USTR.
    return len(words) <= 5 and all(len(w) <= 12 for w in words)


def _items(text: str) -> list[str]:
    if "," not in text and ";" not in text and "AND" not in text:  # one office
        return [" ".join(text.split()).strip(" .")] if text.strip(" .") else []
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
