"""The cable body: numbered paragraphs, summary, comment, signers and section markers.

``body`` is the text from the first numbered paragraph on (``prepare`` cuts it there). The
readers share one layout of that text, computed once per body string and cached, because the
orchestrator asks the same body for paragraphs, summary, comment and signers in turn.

Decisions, each forced by the corpus:

- Paragraph text is kept as written, line breaks and all, less the number and portion mark,
  less transmission noise: repeated section banners with the header lines repeated under
  them, page headers (``ROME 00001196 002 OF 004``, also glued inside a line), bare
  classification lines at page breaks and lone ``SIPDIS`` lines.
- A line starting ``12.`` only opens a paragraph when 12 is the number expected next (or one
  or two more, for sequences typed with gaps, if the line looks like a paragraph start): lists
  ``1. 2. 3.`` inside a paragraph and numbers such as ``1.4 (b)`` that happen to start a line
  stay in their paragraph. Where one number opens two lines before the next number appears,
  the line with a portion mark or a blank line above it wins.
- A short line underlined by dashes, or a short ALL-CAPS line on its own, at the end of a
  paragraph is the heading of the next paragraph and leaves the text it followed.
- Signers, ``NNNN``, classification trailers and other end-of-message debris after the last
  paragraph belong to no paragraph.
- The heading above paragraph 1 lies in the header block, which these readers do not see: a
  summary announced only by such a heading is found through its ``END SUMMARY`` marker.

Speed: Python's ``re`` finds a literal prefix fast but tries a character class or ``(?m)^`` at
every position, so each full pass over the body starts with a literal (``\\n``, `` OF ``,
``summary``); everything else only looks at the few places those passes found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from cablegram.model import Classification, Paragraph, Section
from cablegram.parse.markings import portion_mark

_CLASS = (
    r"(?:TOP SECRET|SECRET|CONFIDENTIAL|UNCLASSIFIED|UNCLAS|LIMITED OFFICIAL USE|"
    r"SENSITIVE BUT UNCLASSIFIED|C O N F I D E N T I A L|S E C R E T|"
    r"U N C L A S S I F I E D)"
)
_MARK = (
    r"(?:\([ \t]*([A-Za-z][A-Za-z/\\\-, ]{0,40}?)[ \t]*(?:\)|(?<=[CSU])0(?=[ \t]))"
    r"|((?:SBU|TS|[CSU])(?:/{1,2}NF)?)\))?"
)
# One pass over the line starts: a numbered line, or a line opening with a classification word
# or SIPDIS (a page-break banner or a lone SIPDIS, if the whole line is that).
_LINE = re.compile(
    r"\n[ \t]*(?:(\d{1,3})[.)](?=[ \t(])|((?:SIPDIS|CONFIDENTIAL|SECRET|UNCLAS|TOP SECRET|"
    r"LIMITED OFFICIAL USE|SENSITIVE BUT|C O N|S E C|U N C)[^\n]{0,40})(?=\n|$))"
)
_MARK_AT = re.compile(r"[ \t]*" + _MARK + r"[ \t]*")
_NOISE_LINE = re.compile(_CLASS + r"(?:[ \t]*//?[A-Z/ ]*)?|SIPDIS")
# " OF 002" finds page headers (whole lines or glued into one) and later sections' banners.
_OF = re.compile(r" OF \d{2,3}\b")
_PAGE_BEFORE = re.compile(
    r"[ \t]?(?:(?:[A-Z][A-Z.]*[ \t]){1,4}\d{8}|X{6,})[ \t]+\d{3}(?:\.\d)?$"  # X: redacted
)
_BANNER_BEFORE = re.compile(_CLASS + r"[^\n]{0,20}?[ \t]+SECTION[ \t]+\d+$")
_REPEATED_CAPTION = re.compile(r"[ \t]*(?:E\.?[ ]?O\.?[ ]?\d|TAGS\b|SUBJECT\b)")
_BREAK_DEBRIS = re.compile(r"[ \t]*(?:" + _CLASS + r"\b|INFO[ \t]+LOG-|>)")

_DASHES = re.compile(r"[-=_ \t]{4,}")
_GLUED_HEADING = re.compile(r"(.*[.!?\"'”)\]])[ \t]+([A-Z][^.!?\n]{0,60}?)[ \t]+-{4,}[ \t]*")
_TITLE_DASHES = re.compile(r"([A-Z][^\n]{0,78}?)[ \t]+[-=]{4,}")
_NOT_HEADING = re.compile(r"(?:END|BEGIN|QUOTE|UNQUOTE|SIPDIS|NOFORN|BT|X{6}|" + _CLASS + r")\b")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_PLAIN_END = frozenset(".!?\"'”’)]:;,")

# Around the words "summary" and "comment": what makes an occurrence a marker.
_CLOSE_BEFORE = re.compile(r"\bend[ \t\n]+(?:of[ \t\n]+(?:the[ \t\n]+)?)?$")
_OPEN_BEFORE = re.compile(r"\bbegin[ \t\n]+$")
_LINE_LEAD = re.compile(r"[ \t(\-]*(?:\d{1,3}[.)][ \t]*)?(?:\([^)\n]{1,40}\)[ \t]*)?")
_OPEN_AFTER = re.compile(
    r"(?:[ \t]+(?:and|&)[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)?[ \t]*(?:[:.]+|-+|\n|(?=\())[ \t]*", re.I
)
_COLON_AFTER = re.compile(r"[ \t]*:[ \t]*")
_HEADING_AFTER = re.compile(r"(?:[ \t]+(?:and|&)[ \t]+[a-z]+)?[ \t:]*\n", re.I)
# The marker words in their two spellings, or lower case in a lower-cased copy of an ASCII
# body: lower() costs as much as the rest of the layout on text with curly quotes.
_WORD = {
    "summary": (re.compile("ummary"), re.compile("UMMARY"), re.compile("summary")),
    "comment": (re.compile("omment"), re.compile("OMMENT"), re.compile("comment")),
}
_PREFIX = re.compile(r"\n[ \t]*\d{1,3}[.)][ \t]*(?:\([ \t]*[A-Za-z][A-Za-z/\\\-, ]{0,40}\)[ \t]*)?")
_SECTION = re.compile(r"ECTION[ \t\n]+(\d{1,3})[ \t\n]+OF[ \t\n]+(\d{1,3})\b")
_SECTION_LOW = re.compile(r"ection[ \t\n]+(\d{1,3})[ \t\n]+of[ \t\n]+(\d{1,3})\b")

_TRAILER_NOISE = re.compile(
    r"[^A-Za-z]*|NNNN?|BT|NMAFVVZCZ|#\d+|" + _CLASS + r"(?:[ /]*[A-Z/ ]*)?"
    r"|\*\*\*.*|\* Missing Section.*|\d{4}[A-Z]+\d+ - .*|=+.*=+|End Cable Text"
    r"|[A-Z][A-Z .]*\d{8}[ \t]+\d{3}[ \t]+OF[ \t]+\d{3}"  # a page header
)
_SIGNER = re.compile(r"(?:[A-Z][A-Za-z'’.\-]+|[a-z]{2,3})(?:[ ][A-Z][A-Za-z'’.\-]+){0,2}")
_GLUED_SIGNER = re.compile(
    r"(?:(?:[.!?)\"”*/]|X{6}|\.gov\S*|\.html?|cfm|\d{3} OF \d{3})[ \t]+|X{6,}(?=[A-WYZ]))"
    r"([A-Z][A-Z'\-]{1,20}|[A-Z][a-z]{2,20})[ \t\\\"',]*(?:\t[\d: -]*)?$"
)
_STOP_WORDS = (  # words of lines that end messages but name nobody
    "END BT SIPDIS NNNN NNN NOFORN UNQUOTE QUOTE SENSITIVE EXDIS NODIS LIMDIS COMMENT SUMMARY "
    "NOTE TEXT MINIMIZE MINIMIZED CONSIDERED DECLASSIFIED SEPTEL FOLLOWS PARA CONFIDENTIAL "
    "SECRET UNCLASSIFIED UNCLAS REFTEL BEGIN XXXXXXXXXXXX AMEMBASSY AMCONSUL USMISSION "
    "SECSTATE WASHDC IMMEDIATE PRIORITY ROUTINE COLLECTIVE EXEMPT"
)
_NOT_SIGNER = frozenset(_STOP_WORDS.split())
_NUMBERED = re.compile(r"\d{1,3}[.)](?:[ \t(]|$)")
_DEBRIS_CHARS = " \t\\\"',"  # what the CSV glitch pages leave after the last line
_WEB = ("http", "www.", ".gov", "Website", "XXXXXX")
_SENTENCE_END = frozenset(".!?)\"'”’]>:*")

# (number, relative line, text, marking, level, caveats, heading)
_ParaRow = tuple[int, int, str, str | None, Classification | None, tuple[str, ...], str | None]


@dataclass(frozen=True, slots=True)
class _Layout:
    text: str  # "\n" + body
    low: str  # ``text`` lower-cased if it is ASCII (same indices), else ""
    rows: tuple[_ParaRow, ...]
    spans: tuple[tuple[int, int, bool], ...]  # (start, end, has heading) of each paragraph
    holes: tuple[tuple[int, int], ...]  # noise spans left out of any extracted text
    cut: int  # where the end-of-message trailer begins
    signers: tuple[str, ...]


def paragraphs(body: str, *, first_line: int = 1) -> tuple[Paragraph, ...]:
    """Numbered paragraphs; ``line`` counts from ``first_line``, the line ``body`` starts on."""
    return tuple(
        Paragraph(number, text, marking, level, caveats, heading, first_line + line)
        for number, line, text, marking, level, caveats, heading in _layout(body).rows
    )


def summary(body: str) -> str | None:
    """``BEGIN SUMMARY``/``Summary:`` ... ``END SUMMARY``, or the paragraph a marker opens.

    With only ``END SUMMARY`` in the body (its opening heading sits above paragraph 1, in the
    header block) the summary runs from the first paragraph to that marker.
    """
    layout = _layout(body)
    marks = _markers(layout, "summary")
    opens = [m for m in marks if m[0] != "close"]
    closes = [m for m in marks if m[0] == "close"]
    if closes and (not opens or closes[0][1] < opens[0][1]):
        begin = layout.spans[0][0] if layout.spans else 0
        return _extract(layout, min(begin, closes[0][1]), closes[0][1])
    if not opens:
        return None
    kind, _, end = opens[0]
    close = next((c for c in closes if c[1] >= end), None)
    if close is not None:
        return _extract(layout, end, close[1])
    stop = _section_end(layout, end) if kind == "heading" else _paragraph_end(layout, end)
    return _extract(layout, end, stop)


def comment(body: str) -> str | None:
    """All comments of the body (inline, paragraph or ``Comment`` section), joined."""
    layout = _layout(body)
    marks = _markers(layout, "comment")
    parts: list[str] = []
    pos = 0
    for i, (kind, start, end) in enumerate(marks):
        if kind == "close" or start < pos:
            continue
        limit = next((m[1] for m in marks[i + 1 :] if m[0] != "close"), layout.cut)
        close = next((m for m in marks[i + 1 :] if m[0] == "close" and m[1] < limit), None)
        if close is not None:
            stop = close[1]
        elif kind == "heading":
            stop = _section_end(layout, end)
        else:
            stop = _paragraph_end(layout, end)
        stop = min(stop, limit)
        found = _extract(layout, end, stop)
        if found:
            parts.append(found)
        pos = max(stop, end)
    return "\n\n".join(parts) or None


def signers(body: str) -> tuple[str, ...]:
    """Surnames at the end of the message (``RICE``; ``HELLING`` and ``MCMULLEN``)."""
    return _layout(body).signers


def sections(text: str) -> tuple[Section, ...]:
    """Every distinct ``SECTION nn OF nn`` marker, in order of appearance.

    Lower-case ``section 01 of 03`` occurs only on the classification line of media renderings,
    so that spelling is looked for in the first 3,000 characters only.
    """
    found: dict[tuple[int, int], int] = {}
    for pattern, initial, end in ((_SECTION, "S", len(text)), (_SECTION_LOW, "Ss", 3000)):
        for m in pattern.finditer(text, 0, end):
            if m.start() == 0 or text[m.start() - 1] not in initial:
                continue
            number, total = int(m.group(1)), int(m.group(2))
            if 1 <= number <= total:
                found.setdefault((number, total), m.start())
    return tuple(Section(n, t) for n, t in sorted(found, key=found.__getitem__))


@lru_cache(maxsize=8)
def _layout(body: str) -> _Layout:
    text = "\n" + body
    cut, names = _trailer(text)
    numbered: list[_Numbered] = []
    holes: list[tuple[int, int]] = []
    for m in _LINE.finditer(text, 0, cut):
        if m.group(1) is not None:
            numbered.append(_numbered(text, m))
        elif _NOISE_LINE.fullmatch(m.group(2).rstrip(" \t\\")):
            holes.append((m.start(2), m.end()))
    _of_holes(text, holes)
    holes.sort()
    chosen = _select(numbered)
    # "(a) ... (c) ..." sub-items numbered as paragraphs: then "(c)" is a letter, not a mark.
    lettered = any(len(n.raw) == 1 and n.raw.islower() and n.raw not in "csu" for n in chosen)
    rows: list[_ParaRow] = []
    spans: list[tuple[int, int, bool]] = []
    heading: str | None = None
    line, seen, h = 0, 0, 0
    for i, n in enumerate(chosen):
        marking, level, caveats = n.meaning
        content = n.content
        if lettered and marking is not None and len(marking) == 1 and marking.islower():
            marking, level, caveats, content = None, None, (), n.plain
        last = i + 1 == len(chosen)
        end = cut if last else chosen[i + 1].start
        while h < len(holes) and holes[h][1] <= content:  # holes are sorted, paragraphs too
            h += 1
        noisy = h < len(holes) and holes[h][0] < end
        chunk = _without(text, content, end, holes) if noisy else text[content:end]
        kept, next_heading = (len(chunk), None) if last else _split_heading(chunk)
        end -= len(chunk) - kept  # exact without noise; near enough for marker limits with it
        para = _tidy(chunk[:kept]) if noisy else chunk[:kept].strip()
        line += text.count("\n", seen, n.start)
        seen = n.start
        rows.append((n.number, line, para, marking, level, caveats, heading))
        spans.append((content, end, heading is not None))
        heading = next_heading
    low = text.lower() if text.isascii() else ""
    return _Layout(text, low, tuple(rows), tuple(spans), tuple(holes), cut, names)


class _Numbered(NamedTuple):
    number: int
    start: int  # the newline before the line
    content: int  # text start, after the number and the portion mark
    plain: int  # text start if what looked like a mark is text
    strong: bool  # looks like a paragraph start: a portion mark or a blank line above
    raw: str  # what stood in parentheses after the number, or ""
    meaning: tuple[str | None, Classification | None, tuple[str, ...]]


def _numbered(text: str, m: re.Match[str]) -> _Numbered:
    start, end = m.start(), m.end()
    mark = _MARK_AT.match(text, end)  # always matches: every part of it is optional
    raw = (mark.group(1) or mark.group(2) or "") if mark else ""
    meaning = _marking(raw) if raw else _NO_MARK
    plain = end
    while text[plain : plain + 1] in (" ", "\t"):
        plain += 1
    content = mark.end() if mark and meaning[0] is not None else plain
    above = text.rfind("\n", 0, start)
    strong = meaning[0] is not None or above < 0 or text[above:start].isspace()
    return _Numbered(int(m.group(1)), start, content, plain, strong, raw, meaning)


_NO_MARK: tuple[None, None, tuple[str, ...]] = (None, None, ())


def _of_holes(text: str, holes: list[tuple[int, int]]) -> None:
    """Page headers and later sections' banners, found from their " OF nnn"."""
    for m in _OF.finditer(text):
        start = max(0, m.start() - 60)
        page = _PAGE_BEFORE.search(text, start, m.start())
        if page is not None:
            holes.append((page.start(), m.end()))
            continue
        banner = _BANNER_BEFORE.search(text, start, m.start())
        if banner is not None:
            line_start = text.rfind("\n", 0, banner.start())
            holes.append((_debris_start(text, line_start), _captions_end(text, m.end())))


def _debris_start(text: str, line_start: int) -> int:
    """Start of the section-break debris above a banner (``CONFIDENTIAL PTQ...``, ``INFO LOG``)."""
    start = line_start
    for _ in range(3):
        above = text.rfind("\n", 0, start)
        if above < 0 or not _BREAK_DEBRIS.match(text, above + 1, start):
            break
        start = above
    return start + 1 if start >= 0 else 0


def _captions_end(text: str, pos: int) -> int:
    """End of the header lines a later section repeats under its banner (E.O., TAGS, SUBJECT)."""
    end = text.find("\n", pos)
    last = len(text) if end < 0 else end
    for _ in range(8):
        if end < 0:
            break
        nxt = text.find("\n", end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if _REPEATED_CAPTION.match(text, end + 1, nxt):
            last = nxt
        end = nxt if nxt < len(text) else -1
    return last


def _select(numbered: list[_Numbered]) -> list[_Numbered]:
    """Keep the numbered lines that continue the sequence (see the module docstring)."""
    where: dict[int, list[int]] = {}
    for i, n in enumerate(numbered):
        where.setdefault(n.number, []).append(i)
    chosen: list[_Numbered] = []
    expected = 0
    i = 0
    while i < len(numbered):
        number, strong = numbered[i].number, numbered[i].strong
        if chosen and number != expected and not (
            strong and expected < number <= expected + 2 and not _ahead(where, expected, i, number)
        ):
            i += 1
            continue
        if not strong and len(where[number]) > 1:  # a stronger start for this number ahead?
            following = [j for j in where.get(number + 1, ()) if j > i]
            limit = following[0] if following else len(numbered)
            i = next((j for j in where[number] if i < j < limit and numbered[j].strong), i)
        chosen.append(numbered[i])
        expected = number + 1
        i += 1
    return chosen


def _ahead(where: dict[int, list[int]], expected: int, i: int, number: int) -> bool:
    """Does the expected number still open a line before ``number + 1`` does?"""
    limit = next((j for j in where.get(number + 1, ()) if j > i), None)
    return any(i < j and (limit is None or j < limit) for j in where.get(expected, ()))


@lru_cache(maxsize=512)
def _marking(raw: str) -> tuple[str | None, Classification | None, tuple[str, ...]]:
    """The mark as written and its meaning; "(Iran)" or "(a)" is text, not a mark."""
    raw = raw.strip()
    level, caveats = portion_mark(raw)
    if level is None:
        return _NO_MARK
    return raw, level, caveats


def _split_heading(chunk: str) -> tuple[int, str | None]:
    """How much of ``chunk`` is paragraph text, and the next paragraph's heading at its end."""
    body = chunk.rstrip()
    if not body or body[-1] in _PLAIN_END:
        return len(chunk), None
    start = body.rfind("\n") + 1
    last = body[start:].strip()
    if _DASHES.fullmatch(last):  # "-------": the line above it is the heading
        above = body.rfind("\n", 0, max(start - 1, 0)) + 1
        title = body[above : max(start - 1, above)].strip()
        if not title or _DASHES.fullmatch(title) or len(title) > 80 or title[-1] in ".,;":
            return start, None
        over = body.rfind("\n", 0, max(above - 1, 0)) + 1
        if above > 0 and _DASHES.fullmatch(body[over : above - 1].strip()):
            above = over
        return above, title.rstrip(" :")
    if last[-1] == "-":
        glued = _GLUED_HEADING.fullmatch(body, start)  # "... as it may. Comment -------"
        if glued is not None:
            return start + len(glued.group(1)), glued.group(2).strip()
        titled = _TITLE_DASHES.fullmatch(last)  # "Travel Plans ------------" on one line
        if titled is not None and titled.group(1)[-1] not in ".,;":
            return start, titled.group(1)
    above = body.rfind("\n", 0, max(start - 1, 0)) + 1
    if start > 0 and body[above : start - 1].strip() == "" and _is_heading(last):
        return start, last.rstrip(" :")
    return len(chunk), None


def _is_heading(line: str) -> bool:
    return (
        2 < len(line) <= 60
        and line.isupper()
        and line[0].isalpha()
        and line.count(" ") < 8
        and not any(c.isdigit() for c in line)
        and _NOT_HEADING.match(line) is None
    )


def _trailer(text: str) -> tuple[int, tuple[str, ...]]:
    """Where the message text ends, and the signers found after it, in reading order.

    Walks up from the end over at most 16 lines: debris (``NNNN``, banners, ``=== CABLE
    ENDS ===``, PlusD's ``*** Current Classification ***``) is skipped, up to three name lines
    are signers, and a surname glued after the last sentence (``AFFAIRS.    PORTER``) is one.
    """
    end = text.find("\nNNNN", max(0, len(text) - 4000))  # the end-of-message prosign
    end = len(text) if end < 0 else end
    names: list[str] = []
    for _ in range(16):
        start = text.rfind("\n", 0, end) + 1
        if start == 0:
            break
        line = _trailer_line(text[start:end])
        if not line or (_TRAILER_NOISE.fullmatch(line) and not _NUMBERED.match(line)):
            end = start - 1
            continue
        if len(names) < 3 and _is_signer(line, text, start):
            words = line.split()
            names.append(words[0] if len({w.casefold() for w in words}) == 1 else line)
            end = start - 1
            continue
        if not names:
            glued = _GLUED_SIGNER.search(text, max(start, end - 60), end)
            if glued is not None and glued.group(1).upper() not in _NOT_SIGNER:
                names.append(glued.group(1))
                end = glued.start(1)
        break
    folded: dict[str, str] = {}
    for name in reversed(names):  # "VAN VOORST" above "van Voorst" is one signer
        folded.setdefault(name.casefold(), name)
    return end, tuple(folded.values())


def _trailer_line(line: str) -> str:
    """The line without the debris glitch pages leave at its end: ``KENNARD .``, ``WHITE "``."""
    line = line.strip().rstrip(_DEBRIS_CHARS)
    bare = line.rstrip(".")
    if len(bare) < len(line) and bare[-1:].isspace():
        line = bare.rstrip()
    return line


def _is_signer(line: str, text: str, start: int) -> bool:
    """A name line: one to three words, no stop word, not the tail of a wrapped sentence."""
    if len(line) > 30 or _SIGNER.fullmatch(line) is None or ".." in line:
        return False
    if line[-1] == "." and not line.upper().endswith((" JR.", " SR.")):
        return False  # "GOCR." or "U.S.": the tail of a wrapped sentence
    if any(word.upper().strip(".") in _NOT_SIGNER for word in line.split()):
        return False
    above_start = text.rfind("\n", 0, start - 1) + 1
    short = start - 1 - above_start <= 80
    above = text[max(above_start, start - 81) : start - 1].strip()  # its end is what tells
    if not above or above[-1] in _SENTENCE_END or (short and _TRAILER_NOISE.fullmatch(above)):
        return True
    if short and above.casefold() == line.casefold():
        return True
    if any(mark in above for mark in _WEB):  # "Visit ... Classified Website: <url>"
        return True
    # An upper-case name under mixed-case text (in the corpus always a signer, even where the
    # line above ends without a full stop: "End text", a table), or under another name line.
    if not line.isupper():
        return False
    return not above.isupper() or (short and _SIGNER.fullmatch(above) is not None)


def _without(text: str, start: int, end: int, holes: list[tuple[int, int]]) -> str:
    """``text[start:end]`` less the noise spans inside it."""
    parts = []
    for a, b in holes:
        if b <= start or a >= end:
            continue
        if a > start:
            parts.append(text[start:a])
        start = max(start, b)
    parts.append(text[start:end])
    return "".join(parts)


def _tidy(text: str) -> str:
    """Strip, and fold runs of blank lines (left where noise was cut out) into one."""
    return _BLANK_RUN.sub("\n\n", text.strip())


def _markers(layout: _Layout, word: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each marker: ``open`` (``Summary:``, ``BEGIN SUMMARY``,
    ``5. (C) Comment.``), ``heading`` (the word alone on its line) or ``close`` (``END ...``).
    """
    text = layout.text
    initial = word[0] + word[0].upper()
    if layout.low:  # one scan of the lower-cased copy instead of one per spelling
        hits = [m.start() for m in _WORD[word][2].finditer(layout.low, 0, layout.cut)]
    else:
        spellings = _WORD[word][:2]
        hits = sorted(m.start() - 1 for p in spellings for m in p.finditer(text, 0, layout.cut))
    out: list[tuple[str, int, int]] = []
    for s in hits:
        e = s + len(word)
        if text[s] not in initial or text[s - 1].isalpha() or (e < len(text) and text[e].isalpha()):
            continue  # "consummary", "comments", "commentary"
        window = text[max(0, s - 16) : s].lower()
        close = _CLOSE_BEFORE.search(window) if "end" in window else None
        if close is not None:
            out.append(("close", s - len(window) + close.start(), e))
            continue
        if word == "comment" and window.rstrip().endswith(("summary and", "summary &")):
            continue  # "Summary and Comment:" opens the summary
        line_start = text.rfind("\n", 0, s) + 1
        lead = _LINE_LEAD.fullmatch(text, line_start, s) is not None
        heading = _HEADING_AFTER.match(text, e) if lead else None
        if heading is not None and text[line_start:s].strip(" \t-") == "":
            out.append(("heading", s, heading.end()))
            continue
        after = (_OPEN_AFTER if lead else _COLON_AFTER).match(text, e)
        if "begin" in window and _OPEN_BEFORE.search(window) is not None:
            out.append(("open", s, after.end() if after else e))
        elif after is not None:
            out.append(("open", s, after.end()))
    return out


def _paragraph_end(layout: _Layout, pos: int) -> int:
    """End of the paragraph holding ``pos`` (or of the next one, from a heading gap)."""
    return next((end for _, end, _ in layout.spans if end > pos), layout.cut)


def _section_end(layout: _Layout, pos: int) -> int:
    """End of the paragraphs under a heading: up to the next paragraph with a heading."""
    end = layout.cut
    inside = False
    for start, stop, headed in layout.spans:
        if start >= pos:
            if inside and headed:
                break
            inside = True
            end = stop
    return end


def _extract(layout: _Layout, start: int, stop: int) -> str | None:
    """Summary or comment text without paragraph numbers, marks and bracket leftovers."""
    text = _without(layout.text, start, stop, list(layout.holes))
    if "\n" in text:
        text = _PREFIX.sub("\n", "\n" + text)
    text = _tidy(text).lstrip(" \t\n:.-").rstrip(" \t\n(-")
    return text or None
