"""The transmission envelope: ACP-127 lines above the classification line.

What a cable says about its own routing lives in a handful of fixed-shape lines::

    VZCZCXRO4954                      transmission id
    PP RUEHAO RUEHBC                  precedence prosign + routing indicators
    DE RUEHC #3673/01 1432224         originating station, serial/section, day + time
    P 232218Z MAY 06                  action precedence + date-time group (Zulu)
    FM SECSTATE WASHDC                sender
    TO RUEHC/SECSTATE WASHDC IMMEDIATE 6818
    INFO RUEHBJ/AMEMBASSY BEIJING 3078
    RUEHLM/AMEMBASSY COLOMBO 6415     continuation lines belong to the block above

Sources wrap these lines in other noise (State's distribution list ``INFO LOG-00 CIAE-00``,
e-mail headers ``To: EACTTripoli``, a second copy of the whole header) so the addressee
blocks are read only after the first ``FM`` line, never from any ``TO``/``INFO`` word found
elsewhere. Office captions of partial records (``DEPT FOR EUR/CACEN (J. MUDGE)``) are internal
routing inside the receiving post, not addressees, and are left to the captions extractor.

Decisions:

- ``created`` comes from the DTG nearest above the FM line (record dumps repeat the header),
  as a UTC-aware datetime; two-digit years 50-99 are 19xx, 00-49 20xx (the corpus runs
  1966-2010). An impossible date is a ``Problem``, not a guess.
- Precedence: the DTG's first letter, else the prosign (``PP``), else the first action
  addressee's; ``NIACT IMMEDIATE`` on an action addressee makes an IMMEDIATE cable NIACT.
- ``ZEN/`` (delivered by other means) stands where a routing indicator does and is kept as the
  ``route``; ``XMT`` lines name addressees exempted from a collective and are dropped.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import NamedTuple

from cablegram.model import Precedence, Problem, Recipient
from cablegram.parse import records

# The first letter of the DTG line is the action precedence; a second one is the info one.
_LETTER = {
    "Z": Precedence.FLASH,
    "O": Precedence.IMMEDIATE,
    "P": Precedence.PRIORITY,
    "R": Precedence.ROUTINE,
}
_PROSIGN = {
    "ZZ": Precedence.FLASH,
    "OO": Precedence.IMMEDIATE,
    "PP": Precedence.PRIORITY,
    "RR": Precedence.ROUTINE,
}
_WORD = {
    "FLASH": Precedence.FLASH,
    "IMMEDIATE": Precedence.IMMEDIATE,
    "PRIORITY": Precedence.PRIORITY,
    "PRIORTY": Precedence.PRIORITY,  # a real typo in the corpus
    "ROUTINE": Precedence.ROUTINE,
}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
    )
}

# Every pattern starts with a literal newline: sre then scans with a fast literal search
# instead of trying a ``(?m)^`` anchor at each of the head's characters (6x slower).
# An optional group is written ``(?:X|)``, not ``(?:X)?``: the same matches, but sre enters
# a repeat (and allocates for it) wherever it tries ``?`` on a group, here on every line.
_DTG = re.compile(
    r"\n[ \t]*(?:([ZOPR])[ \t]+(?:([ZOPR])[ \t]+|)|)(\d{2})(\d{2})(\d{2})[ \t]*Z[ \t]+"
    r"(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[ \t]+(\d{4}|\d{2})\b[^\n]*"
)
_TRANSMISSION = re.compile(r"VZCZC[A-Z0-9]*")
_PROSIGN_LINE = re.compile(r"\n[ \t]*(ZZ|OO|PP|RR)[ \t]+(?:R[A-Z]{3,}|ZEN)\b")
# The FM line of an envelope is followed by its TO (or INFO) block; "FM Gul said" in a
# media-reaction body or a header-less caption "FM GUIMARAES" is not. "TORUEHC/" is real.
_FM = re.compile(
    r"\nFM[ \t]+([^\n]*)(?=\n[ \t]*(?:TO|INFO|XMT)(?:[ \t\n]|R[A-Z]{3,7}/|ZEN/))"
)
_FM_LINE = re.compile(r"FM[ \t]+([^\n]*)")
_FROM = re.compile(r"\nFrom:[ \t]+([A-Z][A-Z .\-]*[A-Z])[ \t]*(?:\(|\n)")
# A line that closes the addressee blocks: a blank line, the end-of-header prosign, the
# classification line (also spaced, also glued in PDF text), or the first header caption.
_STOP = re.compile(
    r"[ \t]*(?:(?=\n)|$|BT\b|NNNN|UNCLAS|CONFIDENTIAL\b|SECRET\b|TOP SECRET|LIMITED OFFICIAL USE|"
    r"SENSITIVE|C O N|S E C|U N C|L I M|E\.[ ]?O\.|EO |TAGS|SUBJECT|SIPDIS|Distribution|"
    r"-{5}|\*{5}|id:)"
)
# One addressee line: block keyword, routing indicator, and the rest (PLAD, precedence, MCN).
# The rest is split from the right in Python: a regex with a lazy name is 5x slower.
_LINE = re.compile(
    r"\n[ \t]*(?:(TO|INFO|XMT)(?:[ \t]+|(?=\n|R[A-Z]{3,7}/|ZEN/)|$)|)"
    r"(?:(R[A-Z]{3,7}|ZEN)/|)([^\n]*)"
)
_BLOCK_END = re.compile(r"\n" + _STOP.pattern)
# "INFO PAGE 02        STATE   050524  131535Z": a PDF page header glued into the block.
_PAGE = re.compile(r"PAGE[ \t]+\d{2,3}[ \t]+[A-Z][A-Z .]*?[ \t]+\d{3,6}(?:[ \t]+\d{6}Z)?")


class Envelope(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    transmission_id: str | None = None
    precedence: Precedence | None = None
    created: datetime | None = None  # from the DTG; UTC-aware because DTGs are Zulu
    sender: str | None = None
    recipients: tuple[Recipient, ...] = ()
    info_recipients: tuple[Recipient, ...] = ()
    problems: tuple[Problem, ...] = ()


def envelope(head: str) -> Envelope:
    """Read the ACP-127 envelope from the header block; what is absent stays empty."""
    text = "\n" + head  # so every line, the first included, follows a newline
    problems: list[Problem] = []
    fm = _FM.search(text)
    dtg = _dtg(text, fm.start() if fm else len(text))
    if fm is None and dtg is not None:  # an FM line without addressees, right after the DTG
        fm = _FM_LINE.match(text, dtg.end() + 1)
    created, action = _created(dtg, text, problems) if dtg else (None, None)
    to: tuple[Recipient, ...] = ()
    info: tuple[Recipient, ...] = ()
    if fm is not None:
        to, info = _addressees(text, fm.end(), problems)
    else:  # the "TELEGRAM" and record-dump renderings: "From: AMCONSUL TIJUANA"
        fm = _FROM.search(text)
    sender = _sender(fm.group(1)) if fm else None
    return Envelope(  # by position, in field order: a named tuple takes that fastest
        _transmission_id(text),  # transmission_id
        _precedence(action, text, to),  # precedence
        created,
        sender,
        to,  # recipients
        info,  # info_recipients
        tuple(problems),
    )


def _transmission_id(text: str) -> str | None:
    start = text.find("VZCZC")
    while start != -1:
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip():  # at the start of its line, not "NMAFVVZCZ"
            m = _TRANSMISSION.match(text, start)
            return m.group(0) if m else None
        start = text.find("VZCZC", start + 5)
    return None


def _dtg(text: str, before: int) -> re.Match[str] | None:
    """The DTG that heads the FM line: the last one before it (headers may come twice).

    A DTG never runs past its line, so the line just above FM, where the corpus has it in
    6,051 of 6,054 envelopes, is tried on its own first; only then are the lines scanned.
    """
    above = text.rfind("\n", 0, before)
    if above >= 0:
        m = _DTG.match(text, above, before)
        if m is not None:
            return m
    found = None
    for m in _DTG.finditer(text, 0, before):
        found = m
    if found is None and before < len(text):  # a DTG line never runs past the line break
        found = _DTG.search(text, before)  # at ``before``: none starts before it
    return found


def _created(
    m: re.Match[str], text: str, problems: list[Problem]
) -> tuple[datetime | None, Precedence | None]:
    action = _LETTER.get(m.group(1) or "")
    year = int(m.group(7))
    if year < 100:
        year += 2000 if year < 50 else 1900  # the corpus runs 1966-2010
    try:
        when = datetime(
            year, _MONTHS[m.group(6)], int(m.group(3)), int(m.group(4)), int(m.group(5)),
            tzinfo=UTC,
        )
    except ValueError:
        problems.append(
            Problem("created", f"date-time group is not a real date: {m.group(0).strip()!r}",
                    _line(text, m.start() + 1))
        )
        return None, action
    return when, action


@lru_cache(maxsize=512)  # a few hundred posts send the corpus's cables
def _sender(value: str) -> str | None:
    name = " ".join(value.split())
    slash = name.find("/")
    if 0 < slash <= 8 and name[:slash].isalpha() and name[0] == "R":
        name = name[slash + 1 :]  # "RUEHFR/AMEMBASSY PARIS": routing indicator dropped
    return name or None


def _precedence(
    action: Precedence | None, text: str, to: tuple[Recipient, ...]
) -> Precedence | None:
    """DTG letter first, then the prosign; NIACT on an action addressee raises IMMEDIATE."""
    if action is None:
        m = _PROSIGN_LINE.search(text)
        if m is not None:
            action = _PROSIGN[m.group(1)]
    if action is None:
        marked = [r.precedence for r in to if r.precedence is not None]
        if marked:
            action = marked[0]
    if action is Precedence.IMMEDIATE or action is None:
        for r in to:
            if r.precedence is Precedence.NIACT_IMMEDIATE:
                return Precedence.NIACT_IMMEDIATE
    return action


def _addressees(
    text: str, start: int, problems: list[Problem]
) -> tuple[tuple[Recipient, ...], tuple[Recipient, ...]]:
    """TO and INFO blocks: each line after its keyword until a line that closes the header.

    ``XMT`` lines name addressees exempted from a collective: they are not recipients.
    """
    stop = _BLOCK_END.search(text, start)
    block = text[start : stop.start() if stop else len(text)]
    if "PAGE" in block:
        block = _PAGE.sub("", block)
    blocks: dict[str, list[Recipient]] = {"TO": [], "INFO": [], "XMT": []}
    current: list[Recipient] | None = None
    for keyword, route, rest in _LINE.findall(block):
        if keyword:
            current = blocks[keyword]
        elif current is None:  # something other than an addressee right after FM
            break
        recipient = _recipient(route, rest)
        if recipient is not None:
            current.append(recipient)
        elif route:
            problems.append(
                Problem("recipients", f"routing indicator {route} without an addressee",
                        _line(text, start))
            )
    return tuple(blocks["TO"]), tuple(blocks["INFO"])


def _recipient(route: str, rest: str) -> Recipient | None:
    """``SECSTATE WASHDC NIACT IMMEDIATE 6818``: name, precedence and MCN read from the right."""
    parts = rest.rsplit(None, 1)
    last = parts[-1] if len(parts) > 1 else ""
    if (len(last) == 4 and last.isdigit()) or (len(last) == 9 and _is_mcn(last)):  # _is_mcn
        named, mcn = _named_before_mcn(parts[0]), last
    else:
        named, mcn = _named_alone(rest), None
    if named is None:
        return None
    return records.recipient(named[0], route or None, named[1], mcn)


# Every post addresses the same few dozen names, cable after cable. One cache per number of
# precedence words: a cache keyed by one string alone is the cheapest to look up.
@lru_cache(maxsize=2048)
def _named_before_mcn(rest: str) -> tuple[str, Precedence | None] | None:
    return _named(rest, 2)


@lru_cache(maxsize=2048)
def _named_alone(rest: str) -> tuple[str, Precedence | None] | None:
    return _named(rest, 3)


def _named(rest: str, splits: int) -> tuple[str, Precedence | None] | None:
    """Name and precedence of an addressee line without its MCN (the last ``splits`` words
    may be precedence words)."""
    parts = rest.rsplit(None, splits)
    precedence = _WORD.get(parts[-1]) if len(parts) > 1 else None
    if precedence is not None:
        parts.pop()
        if precedence is Precedence.IMMEDIATE and len(parts) > 1 and parts[-1] == "NIACT":
            parts.pop()
            precedence = Precedence.NIACT_IMMEDIATE
    if not parts:
        return None
    name = parts[0] if len(parts) == 1 else " ".join(parts)
    if "  " in name or "\t" in name:
        name = " ".join(name.split())
    return name, precedence


def _is_mcn(token: str) -> bool:
    """A message control number: ``6818``, or a range ``2276-2279`` for several copies."""
    size = len(token)
    if size == 4:
        return token.isdigit()
    return size == 9 and token[4] == "-" and token[:4].isdigit() and token[5:].isdigit()


def _line(text: str, pos: int) -> int:
    """1-based line of ``pos`` in the head (``text`` carries one extra leading newline)."""
    return text.count("\n", 0, pos)
