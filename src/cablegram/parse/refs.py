"""The REF block: the documents a cable cites, cables first among them.

What the corpus throws at this reader, and how each case is met:

- the label is ``REF:``, ``REFS:``, ``REFTEL(S):``, ``REFERENCE:``, ``REF.``, ``Ref:``, ``REF A:``,
  ``REF A)`` or a bare ``REF`` at a line start; mid-line (a SUBJECT line run on into it) it needs
  its colon. A cable may have several blocks (``REF A ...`` then ``REF B ...``, or a glitch page
  that repeats its header); all are read, and repeats of one (kind, value, letter) are dropped;
- the block ends at ``Classified By``, a summary, paragraph 1, a portion mark (``(SBU)``), a
  handling phrase, a rule of dashes, five lower-case words in a row (prose), ``...`` (a truncated
  rendering: the cut item is dropped), or a blank line followed by a line that starts with no
  list letter, ``REF`` or citation; section and page headers glued into it are blanked out;
- lists are lettered ``A.``, ``A)``, ``(A)``, ``A:``, lower case or doubled (``A. (A)``), one per
  line or run together; a letter counts only when it is the next one in sequence, so that the
  initials in ``J. Speaks-K. Allen e-mail`` stay text; ``;`` separates items too;
- a cable is the station words just before a serial, looked up in the station table (exactly,
  else one typing slip away for names of six letters or more: ``TRIPOLII``, ``BRASILA``), with
  an optional year before them (``06 TBILISI 2601``, ``2007 MANAGUA 2135``, ``'08``, glued
  ``09MANAMA 281``) or after the serial (``LIMA 4516 (06)``, ``PANAMA 00933/08``).
  ``PARIS 1501 AND 1568`` and a bare ``B) 13716`` take the station of the citation before
  them (a bare first item, that of the citing cable); zeros written as the letter O are zeros;
- a citation without a year takes the citing cable's ``year``, or the year before when it cites
  its own station with a serial above its own (serials only grow within a year). When ``year``
  is None no id can be formed, and the citation is kept as ``ReferenceKind.OTHER`` with value
  ``"STATION serial"``, so that nothing is invented;
- what is not a cable keeps its kind: e-mails, meetings and calls (``TELCON``, ``MEMCON``,
  ``Evans-Norton telecon``), and everything else (``OSC report``, ``IIR 6 809 0087 10``,
  ``STATE CA-3400 NOV 2, 1966``, ``USDAO BRASILIA ...``) as ``OTHER``; the value is the text
  without its list letter. Next to a cable only e-mails and meetings count: the rest is the
  cable's title or a remark (``AND PREVIOUS``, ``(NOTAL)``, ``EXDIS``);
- the cable's own id (``self_id``) is never a reference.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cablegram import ids
from cablegram.model import Reference, ReferenceKind
from cablegram.parse import records

# The label, matched at each "R" of "REF"/"Ref": with a colon anywhere (a SUBJECT line may
# run on into it), without one only at a line start. Found by str.find: a regex search that
# opens with a lookbehind scans far slower.
_LABEL = re.compile(r"R(?:EF(?:ERENCE|TEL)?S?|EFREF|ef(?:erence|tel)?s?)(?:[ \t]*\.)?[ \t]*:")
_LINE_LABEL = re.compile(r"R(?:EF(?:TEL)?S?(?:\.|(?=[ \t]))|efs?[ \t]+(?=[A-Za-z][ \t]*[:)]))")
# What ends a block wherever it stands. Every branch opens with a plain character (word
# starts are checked by a lookbehind after it), so that the engine can skip ahead quickly.
_STOP = re.compile(
    r"[Cc](?<![A-Za-z][Cc])(?:LASSIFIED|lassified)[ \t]+(?:BY|By|by)\b"
    r"|[Ss](?<![A-Za-z][Ss])(?:UMMARY|ummary|ENSITIVE[ \t]+BUT|ensitive[ \t]+[Bb]ut)\b"
    r"|B(?<![A-Za-z]B)EGIN\b|A(?<![A-Za-z]A)CTION[ \t]+REQUEST"
    r"|[Tt](?<![A-Za-z][Tt])(?:HIS|his)[ \t]+(?:CABLE|cable|MESSAGE|message|IS|is)\b"
    r"|1(?<![\w/.]1)[ \t]?[.)][ \t]*(?=[A-Z(])"  # paragraph 1, marked or not
    r"|\((?:U|SBU|[A-Z]{1,3}/{1,2}[A-Z]{1,4})\)[ \t]|\n[ \t]*U\)[ \t]"  # a portion mark
    r"|[a-z](?<![A-Za-z][a-z])[a-z]+(?:[ \t]+[a-z]{2,}){4}\b"  # prose: five small words
    r"|---|\.\.\.|E(?<![A-Za-z]E)\.[ \t]?O\.|S(?<![A-Za-z]S)UBJECT[ \t]*:|T(?<![A-Za-z]T)AGS[ \t]*:"
)
_PARAGRAPH = re.compile(r"[ \t]*\d{1,2}[ \t]?\.[ \t]")
# A section header glued into the block ("TOKYO 00005805  001.2 OF 004"): found by its number,
# then widened to the station words before it; and PDF page headers.
_SECTION_NUMBER = re.compile(
    r"\d{8}[ \t]+\d{3}(?:\.\d)?[ \t]+OF[ \t]+\d{3}[ \t]*|PAGE[ \t]+\d{2,3}\b[^\n]*"
)
_LETTER_AT_END = re.compile(r"(?<![A-Za-z])\(?[A-Za-z][.)]\Z")  # "..., (C)" then the item
_WORDS_BEFORE = re.compile(r"(?:[A-Z][A-Z'-]*[ \t]+){1,4}\Z")
_BULLET = re.compile(
    r"(?:(?<=[\s;,.])|^)(?:REF(?:TEL)?S?:?[ \t]+)?"
    r"(?:\(([A-Z])\)|([A-Z])[ \t]?(?:[.):]|\.[ \t]*\))(?=[\s(A-Z0-9'\"]|$))"
    r"|(?<![^\s;,])REF(?:TEL)?S?[ \t]+([A-Z])[ \t]+(?=\S)|^[ \t]*([A-Z])[ \t]+(?=\S)"
)
_LEAD_LETTER = re.compile(r"[ \t]*[A-Z][ \t]+(?=\S)")
_NUMBER = re.compile(r"(?<![\d/.:])(\d[\dO]*)(?:/(\d{2})(?![\d/]))?(?![\dA-Z/]|[.:-]\d)")
_WORD = re.compile(r"[A-Z][A-Z']*")
_GAP = re.compile(r"[\s-]*")
_YEAR = re.compile(r"(?<![\d/.:-])(?:'?(\d{2})|(19[6-9]\d|20[0-3]\d))[ \t]*\Z")
_YEAR_AFTER = re.compile(r"[ \t]*\((\d{2}|19[6-9]\d|20[0-3]\d)\)")
_CHAIN = re.compile(r"\s*(?:[,&]|AND\b)[\s,]*(?:AND\b)?\s*")
_STARTS_CITATION = re.compile(r"[ \t]*(?:'?\d{2,4}[ \t]*)?((?:[A-Z][A-Z']*[ \t-]+){0,4}?)\d")
_NOISE = re.compile(
    r"\((?:[^()]*)\)|\b(?:NOTAL|NOT ALL|NOTALL|EXDIS|NODIS|LIMDIS|STADIS|SIPDIS|NOFORN|CIRCULAR"
    r"|AND PREVIOUS|AND LATER|AND PREVIOUSLY|PREVIOUS|UNCLASSIFIED|CONFIDENTIAL|SECRET"
    r"|SBU|N/A|NONE)\b|\bAND\b|[\s,;:.&]+"
)
_EMAIL = re.compile(r"\bE[ -]?MAILS?\b")
_MEETING = re.compile(
    r"\b(?:MEETINGS?|TEL(?:E)?CONS?|MEMCONS?|CONVERSATIONS?|(?:TELE)?PHONE[ \t]+CALLS?|CALLS?"
    r"|DISCUSSIONS?|VIDEO[ -]?CONFERENCES?|DVCS?|VTCS?)\b"
)
_MEETING_WORDS = ("MEET", "CON", "CALL", "DISCUSSION", "DVC", "VTC")  # one in each _MEETING word
_MEETING_PART = re.compile("|".join(_MEETING_WORDS))  # one search, not one ``in`` per word
_EDGES = " \t\n,;:.-\\"
_LEAD = re.compile(
    r"^(?:(?:REF(?:S|TELS?)?|Refs?)\b[ \t]*:?[ \t]*|\(?[A-Za-z]\)[ \t]*|(?:AND|and)[ \t]+)+"
)
_NOT_STATIONS = frozenset({"USDAO", "DAO", "DIA", "IIR", "DTG", "FBIS", "OSC", "TD"})
_MAX_BLOCK = 2000
_MAX_STATION_WORDS = 4
_YEAR_REACH = 8  # "'08 ", "2007  " just before the station
_MAX_SERIAL = 8  # as written, zeros included: "STATE 00218123"
_MAX_SERIAL_DIGITS = 6  # without them: STATE serials stay below a million
_SERIAL_LIMIT = 10**_MAX_SERIAL_DIGITS
# (first word, fuzzy?) to try for a run of n words: exact forms longest first, then near ones.
_ATTEMPTS = {
    n: [(k, False) for k in range(n)] + [(k, True) for k in range(n)]
    for n in range(1, _MAX_STATION_WORDS + 1)
}


@dataclass(slots=True)
class _Context:
    """The citing cable, and what one citation passes to the next (``B) 13716``)."""

    year: int | None
    self_id: str | None
    self_station: str | None
    self_serial: int | None
    station: str | None  # of the last citation; at first the citing cable's own
    cited_year: int | None = None  # as written in the last citation, two digits

    def year_of(self, station: str, serial: int) -> int | None:
        """The year of a citation that gives none: the citing cable's, unless that is
        impossible because a post's serials only grow within a year."""
        if self.year is None:
            return None
        if station == self.self_station and self.self_serial and serial > self.self_serial:
            return self.year - 1
        return self.year


def references(head: str, *, year: int | None, self_id: str | None) -> tuple[Reference, ...]:
    """The documents cited in the REF block(s) of ``head``; ``()`` when there is none."""
    labels = _labels(head)
    first = next(labels, None)
    if first is None:
        return ()
    parts = ids.split_id(self_id) if self_id else None
    own_station, own_serial = (parts[1], parts[2]) if parts else (None, None)
    ctx = _Context(year, self_id, own_station, own_serial, own_station)
    found: dict[tuple[ReferenceKind, str, str | None], Reference] = {}
    end = 0
    for start in itertools.chain((first,), labels):
        if start < end:
            continue  # a second label inside the block: "REF: A. REF: STATE 1"
        end = _block_end(head, start)
        for ref in _read_block(head[start:end], ctx):
            found.setdefault((ref.kind, ref.value, ref.bullet), ref)
    return tuple(found.values())


def _labels(head: str) -> Iterator[int]:
    """Where each REF block's text starts, just after its label."""
    for pos in sorted(_find_all(head, "REF") + _find_all(head, "Ref")):
        if pos and head[pos - 1].isalpha():
            continue
        m = _LABEL.match(head, pos)
        if m is None and not head[head.rfind("\n", 0, pos) + 1 : pos].strip(" \t"):
            m = _LINE_LABEL.match(head, pos)
        if m is not None:
            yield m.end()


def _find_all(text: str, word: str) -> list[int]:
    found = []
    pos = text.find(word)
    while pos >= 0:
        found.append(pos)
        pos = text.find(word, pos + len(word))
    return found


def _block_end(head: str, start: int) -> int:
    """Where the REF block that starts at ``start`` ends: the lines that continue the list,
    cut at the first thing that ends a block wherever it stands."""
    limit = _last_line(head, start, min(len(head), start + _MAX_BLOCK))
    stop = _STOP.search(head, start, limit)
    if stop is None:
        return limit
    return stop.end() if stop.group() == "..." else stop.start()  # the reader drops a cut item


def _last_line(head: str, start: int, limit: int) -> int:
    end = head.find("\n", start, limit)
    if end < 0:
        return limit
    after_blank = False
    first_empty = not head[start:end].strip(" \t\\")
    while end < limit:
        nxt = head.find("\n", end + 1, limit)
        line_end = limit if nxt < 0 else nxt
        line = head[end + 1 : line_end].strip(" \t\\\u2028")
        if not line:
            after_blank = True
        elif _PARAGRAPH.match(line) or not (
            first_empty or _ref_like(line) or (not after_blank and _unfinished(head, end))
        ):
            return end
        else:
            first_empty = after_blank = False
        end = line_end
    return limit


def _ref_like(line: str) -> bool:
    """A line that carries on a REF list: a letter, ``REF`` or a citation first."""
    up = line.upper()
    if up.startswith("REF") or _BULLET.match(up):
        return True
    m = _STARTS_CITATION.match(up)
    if m is None:
        return False
    words = m.group(1).split()
    return bool(words) and _station_of(words) is not None


def _unfinished(head: str, end: int) -> bool:
    """The line ending at ``end`` stops mid-item: open parenthesis, list letter, connector,
    station without its serial."""
    line = head[head.rfind("\n", 0, end) + 1 : end].rstrip(" \t\\")
    if line.count("(") > line.count(")") or _LETTER_AT_END.search(line):
        return True
    return line.endswith((",", ";", "&", " AND", " and")) or (line[-1:].isalpha())


def _read_block(block: str, ctx: _Context) -> Iterator[Reference]:
    simple = _simple_block(block, ctx)
    if simple is not None:
        yield from simple
        return
    text = block.replace("\\\n", "\n").replace("\u2028", "\n")
    cut = text.find("...")
    truncated = cut >= 0
    if truncated:
        text = text[:cut]
    up = text.upper()
    if "OF" in up or "PAGE" in up:  # page and section headers glued into the block
        for m in reversed(list(_SECTION_NUMBER.finditer(up))):
            start = m.start()
            words = _WORDS_BEFORE.search(up, up.rfind("\n", 0, start) + 1, start)
            if words is not None:
                start = words.start()
            blank = " " * (m.end() - start)
            up = up[:start] + blank + up[m.end() :]
            text = text[:start] + blank + text[m.end() :]
    items = list(_items(up))
    if truncated and items:
        items.pop()
    for bullet, start, end in items:
        for piece_start, piece_end in _pieces(up, start, end):
            if up[piece_start:piece_end].strip(_EDGES):
                yield from _read_item(text, up, piece_start, piece_end, bullet, ctx)


# One citation of a plain list: a bullet, a year, one to four station words, a serial, and a
# separator: "A. 05 STATE 190856", "(B) RIO DE JANEIRO 128;", "07 MANAGUA 2135,".
_SIMPLE_ITEM = re.compile(
    r"[ \t\n]*(?:\(([A-Z])\)|([A-Z])[.)])?[ \t]*"
    r"(?:('?\d{2}|19[6-9]\d|20[0-3]\d)[ \t]+)?"
    r"([A-Z][A-Z']*(?:[ \t][A-Z][A-Z']*){0,3})[ \t]+(\d{1,8})(?![\dA-Z/:-]|\.\d)"
    r"[ \t]*([.,;]?)"
)


def _simple_block(block: str, ctx: _Context) -> list[Reference] | None:
    """The references of a block that is a plain list of cable citations, read with one
    pattern per citation; None for any other block, which the general reader then reads.

    Two thirds of the corpus's blocks are such lists. The result, and what ``ctx`` passes on,
    are those of the general reader (``tests/parse/test_refs.py`` compares the two).
    """
    if "\\" in block or "\u2028" in block or "..." in block:
        return None
    up = block.upper()
    if "OF" in up or "PAGE" in up or "REF" in up or "MAIL" in up or _LEAD_LETTER.match(up):
        return None
    written = ids.written_forms()
    station, cited_year = ctx.station, ctx.cited_year
    found: list[Reference] = []
    bullet: str | None = None
    pos = window = 0
    while pos < len(up) and not up[pos:].isspace():
        m = _SIMPLE_ITEM.match(up, pos)
        if m is None:
            return None
        letter = m.group(1) or m.group(2)
        if letter is not None:
            expected = "A" if bullet is None else chr(ord(bullet) + 1)
            if letter != expected and (bullet is not None or found or pos):
                return None  # out of sequence, or doubled: the general reader decides
            bullet, window = letter, m.end(1) + 1 if m.group(1) else m.end(2) + 1
        words = m.group(4)
        station = written.get(words.replace(" ", "").replace("\t", "").replace("'", ""))
        if station is None or _MEETING_PART.search(words) is not None:
            return None
        first = m.start(4)
        lo = max(window, first - _YEAR_REACH)
        year_m = _YEAR.search(up, lo, first) if m.group(3) else None
        cite_start, cited_year = first, None
        if year_m is not None:
            cite_start = year_m.start()
            cited_year = int(year_m.group(1) or year_m.group(2)) % 100
        window = m.end(5)
        ref = _cable(block[cite_start:window], station, cited_year, m.group(5), bullet, ctx)
        if ref is not None:
            found.append(ref)
        if m.group(6) == ";":
            window = m.end()
        pos = m.end()
    if not found and pos == 0:
        return None
    ctx.station, ctx.cited_year = station, cited_year
    return found


def _items(up: str) -> Iterator[tuple[str | None, int, int]]:
    """(letter, start, end) of each list item; the text before the first letter is one too."""
    bullet: str | None = None
    start = 0
    last_end = -1
    if not _may_have_bullets(up):
        yield None, 0, len(up)
        return
    for m in _BULLET.finditer(up):
        letter = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if letter == bullet and not up[last_end : m.start()].strip():
            start = last_end = m.end()  # doubled letter: "A. (A)", "A. A)"
            continue
        expected = "A" if bullet is None else chr(ord(bullet) + 1)
        if letter != expected and not (bullet is None and not up[: m.start()].strip()):
            continue
        yield bullet, start, m.start()
        bullet, start, last_end = letter, m.end(), m.end()
    yield bullet, start, len(up)


def _may_have_bullets(up: str) -> bool:
    """Does ``up`` hold what every ``_BULLET`` branch needs (``.``, ``)``, ``:``, ``REF``, or a
    lone letter first)? A block of one citation mostly does not, and the scan is costly."""
    return "." in up or ")" in up or ":" in up or "REF" in up or _LEAD_LETTER.match(up) is not None


def _pieces(up: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while (cut := up.find(";", start, end)) >= 0:
        yield start, cut
        start = cut + 1
    yield start, end


def _read_item(
    text: str, up: str, start: int, end: int, bullet: str | None, ctx: _Context
) -> Iterator[Reference]:
    spans: list[tuple[int, int]] = []
    window = start
    for num in _NUMBER.finditer(up, start, end):
        if len(num.group(1)) > _MAX_SERIAL:
            continue
        found = _citation(up, window, num)
        if found is None:
            if not spans or not _chained(up, spans[-1][1], num, end):
                continue
            found = num.start(), ctx.station or "", ctx.cited_year
        cite_start, station, year = found
        cite_end = num.end()
        if year is None and num.group(2):  # "PANAMA 00933/08"
            year = int(num.group(2))
        elif year is None and (after := _YEAR_AFTER.match(up, cite_end, end)) is not None:
            year, cite_end = int(after.group(1)) % 100, after.end()  # "LIMA 4516 (06)"
        ctx.station, ctx.cited_year = station, year
        spans.append((cite_start, cite_end))
        window = cite_end
        ref = _cable(text[cite_start:cite_end], station, year, num.group(1), bullet, ctx)
        if ref is not None:
            yield ref
    if not spans and ctx.station is not None:
        bare = _bare(up, start, end)
        if bare is not None:
            ref = _cable(bare, ctx.station, ctx.cited_year, bare, bullet, ctx)
            if ref is not None:
                yield ref
            return
    other = _other(text, up, start, end, spans, bullet)
    if other is not None:
        yield other


def _bare(up: str, start: int, end: int) -> str | None:
    """The serial of an item that is nothing else: ``B) 13716`` after ``A) STATE 15111``."""
    m = _NUMBER.fullmatch(up[start:end].strip(_EDGES))
    if m is None or m.group(2) or len(m.group(1)) > _MAX_SERIAL:
        return None
    return m.group(1)


def _citation(up: str, window: int, num: re.Match[str]) -> tuple[int, str, int | None] | None:
    """(start, station, year) of the citation whose serial is ``num``, if it is one."""
    words = list(_WORD.finditer(up, window, num.start()))
    if not words or _GAP.fullmatch(up, words[-1].end(), num.start()) is None:
        return None
    run = [words[-1]]
    for w in reversed(words[:-1]):
        if len(run) == _MAX_STATION_WORDS or not up[w.end() : run[-1].start()].isspace():
            break
        run.append(w)
    run.reverse()
    for k, near in _ATTEMPTS[len(run)]:
        station = _station_of([w.group() for w in run[k:]], near=near)
        if station is None:
            continue
        first = run[k].start()
        if k > 0 and run[k - 1].group() in _NOT_STATIONS:
            return None  # "USDAO BRASILIA 123" is an attache report
        if k > 0 and run[k - 1].group() in ids.PREFIXES:
            first = run[k - 1].start()
        lo = max(window, first - _YEAR_REACH)
        before = up[lo:first].rstrip(" \t")
        year_m = _YEAR.search(up, lo, first) if before[-1:].isdigit() else None
        if year_m is None:
            return first, station, None
        return year_m.start(), station, int(year_m.group(1) or year_m.group(2)) % 100
    return None


@functools.cache
def _plain_stations() -> frozenset[str]:
    """The stations the station table yields that ``ids.make_id`` keeps as they are (all of
    them, in the shipped table): an id with one of them is formatted without the lookup."""
    found = set(ids.written_forms().values())
    return frozenset(s for s in found if ids.make_id(0, s, 1) == f"00{s}1")


def _station_of(words: list[str], *, near: bool = False) -> str | None:
    joined = "".join(words).replace("'", "")
    found = ids.written_forms().get(joined)
    return ids.near_station(joined) if found is None and near else found


def _chained(up: str, last_end: int, num: re.Match[str], end: int) -> bool:
    """``PARIS 1501 AND 1568``: a serial joined to the citation before it."""
    if num.group(2) or _CHAIN.fullmatch(up, last_end, num.start()) is None:
        return False
    follow = _STARTS_CITATION.match(up, num.start(), end)
    if follow is not None and follow.group(1).split():  # the number is the next one's year
        return _station_of(follow.group(1).split()) is None
    return True


def _cable(
    raw: str, station: str, year: int | None, serial: str, bullet: str | None, ctx: _Context
) -> Reference | None:
    number = int(serial.replace("O", "0"))
    if number == 0 or number >= _SERIAL_LIMIT:
        return None
    full_year = ctx.year_of(station, number) if year is None else year
    raw = " ".join(raw.split())
    if full_year is None:
        return records.reference(ReferenceKind.OTHER, f"{station} {number}", raw, bullet)
    if station in _plain_stations():  # what ``ids.make_id`` returns for them, built directly
        value = f"{full_year % 100:02d}{station}{number}"
    else:
        value = ids.make_id(full_year % 100, station, number)
    if value == ctx.self_id:
        return None
    return records.reference(ReferenceKind.CABLE, value, raw, bullet)


def _other(
    text: str, up: str, start: int, end: int, spans: list[tuple[int, int]], bullet: str | None
) -> Reference | None:
    """The item's text besides its cables, when it names a document of another kind."""
    kind = ReferenceKind.OTHER
    item = up[start:end]  # the words the patterns need, looked for first: most items lack them
    if "MAIL" in item and _EMAIL.search(up, start, end):  # first: "TELCONS AND EMAILS" is mail
        kind = ReferenceKind.EMAIL
    elif _MEETING_PART.search(item) is not None and _MEETING.search(up, start, end):
        kind = ReferenceKind.MEETING
    elif spans:
        return None  # a cable's title or remark, not a document of its own
    pieces, pos = [], start
    for s, e in spans:
        pieces.append((pos, s))
        pos = e
    pieces.append((pos, end))
    rest_up = " ".join(up[s:e] for s, e in pieces)
    words = _NOISE.sub(" ", rest_up).split()
    if not words or (not spans and _station_of(words) is not None):
        return None  # nothing, or a station whose serial is missing
    value = " ".join(" ".join(text[s:e] for s, e in pieces).split())
    value = _LEAD.sub("", value).strip(_EDGES)
    return records.reference(kind, value, " ".join(text[start:end].split()), bullet)
