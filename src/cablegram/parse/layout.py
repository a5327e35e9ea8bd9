"""The layout of a cable body: where each numbered paragraph, heading and noise span lies.

``body`` is the text from the first numbered paragraph on (``prepare`` cuts it there). The
readers of the body (paragraphs here, summary and comment in ``markers``, signers in
``signers``) share one layout of that text, computed once per body string and cached, because
the orchestrator asks the same body for paragraphs, summary, comment and signers in turn.

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

Speed: Python's ``re`` finds a literal prefix fast but tries a character class or ``(?m)^`` at
every position, so each full pass over the body starts with a literal (``\\n``, ``OF``);
everything else only looks at the few places those passes found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from cablegram.model import Classification, Paragraph
from cablegram.parse import records
from cablegram.parse.markings import BANNER_WORDS, portion_mark
from cablegram.parse.signers import trailer

_CLASS = BANNER_WORDS
# A portion mark after a paragraph number: "(C)", "(S//NF)", "(C0 " typed for "(C)", "C)".
_MARK = (
    r"\([ \t]*([A-Za-z][A-Za-z/\\\-, ]{0,40}?)[ \t]*(?:\)|(?<=[CSU])0(?=[ \t]))"
    r"|((?:SBU|TS|[CSU])(?:/{1,2}NF)?)\)"
)
# One pass over the line starts: a numbered line with its portion mark (groups: the blanks
# after the number, the mark in its two shapes), or a line opening with a classification word
# or SIPDIS (a page-break banner or a lone SIPDIS, if the whole line is that).
# Speed: sre rejects a line at once when its first character opens none of the alternatives,
# but only for alternatives that start with a character or class; a group first defeats that,
# so the number is read from the match's position instead of a group, and each noise word is
# an alternative of its own. The blanks are possessive: what follows them is never a blank.
_NOISE_WORDS = (
    "SIPDIS", "CONFIDENTIAL", "SECRET", "UNCLAS", "TOP SECRET", "LIMITED OFFICIAL USE",
    "SENSITIVE BUT", "C O N", "S E C", "U N C",
)
# The lookahead turns away at once the lines that open with no digit and no first letter of a
# noise word (most of them), before sre tries each alternative in turn.
_LINE = re.compile(
    r"\n[ \t]*+(?=[\d" + "".join(sorted({w[0] for w in _NOISE_WORDS})) + "])"
    r"(?:\d\d?\d?[.)](?=[ \t(])([ \t]*)(?:" + _MARK + r")?[ \t]*"
    + "".join(f"|{word}[^\\n]{{0,40}}(?=\\n|$)" for word in _NOISE_WORDS)
    + ")"
)
_NOISE_LINE = re.compile(_CLASS + r"(?:[ \t]*//?[A-Z/ ]*)?|SIPDIS")
# "002 OF 004" finds page headers (whole lines or glued into one) and later sections' banners
# ("SECTION 02 OF 04"). "OF " first, and the digit before it checked after: a pattern opening
# with the space would stop at every blank of the body. (``str.find("OF ")`` takes fewer
# instructions but three times the time: its skip loop mispredicts on such a short word.)
_OF = re.compile(r"OF (?<=\d OF )\d{2,3}\b")
_PAGE_BEFORE = re.compile(
    r"[ \t]?(?:(?:[A-Z][A-Z.]*[ \t]){1,4}\d{8}|X{6,})[ \t]+\d{3}(?:\.\d)?$"  # X: redacted
)
_BANNER_BEFORE = re.compile(_CLASS + r"[^\n]{0,20}?[ \t]+SECTION[ \t]+\d+$")
_REPEATED_CAPTION = re.compile(r"[ \t]*(?:E\.?[ ]?O\.?[ ]?\d|TAGS\b|SUBJECT\b)")
_BREAK_DEBRIS = re.compile(r"[ \t]*(?:" + _CLASS + r"\b|INFO[ \t]+LOG-|>)")

_RULE_CHARS = "-=_ \t"  # a rule of dashes: four or more of these and nothing else
_GLUED_HEADING = re.compile(r"(.*[.!?\"'”)\]])[ \t]+([A-Z][^.!?\n]{0,60}?)[ \t]+-{4,}[ \t]*")
_TITLE_DASHES = re.compile(r"([A-Z][^\n]{0,78}?)[ \t]+[-=]{4,}")
_NOT_HEADING = re.compile(r"(?:END|BEGIN|QUOTE|UNQUOTE|SIPDIS|NOFORN|BT|X{6}|" + _CLASS + r")\b")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
# The words of the summary and comment markers, for ``markers``: both words, each in lower and
# in upper case, found by the letters they share ("mm") in two searches of the body, where
# ``str.find`` took four (the letter before "mm" is checked after).
_MARKER_WORDS = (re.compile("mm(?:ary|ent)"), re.compile("MM(?:ARY|ENT)"))
_MARKER_LETTER = {"mmary": "u", "mment": "o", "MMARY": "U", "MMENT": "O"}
_MARKER_NAME = {"mmary": "summary", "mment": "comment", "MMARY": "summary", "MMENT": "comment"}
_LETTERS = frozenset("abdefghijklmnopqrtvwxyz")  # sub-item letters; c, s and u are marks
_PLAIN_END = frozenset(".!?\"'”’)]:;,")

class Layout(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    text: str  # "\n" + body
    paragraphs: tuple[Paragraph, ...]
    spans: tuple[tuple[int, int, bool], ...]  # (start, end, has heading) of each paragraph
    holes: tuple[tuple[int, int], ...]  # noise spans left out of any extracted text
    cut: int  # where the end-of-message trailer begins
    signers: tuple[str, ...]
    words: tuple[tuple[int, str], ...]  # (start, word) of each marker word, see _marker_words


@lru_cache(maxsize=8)
def layout(body: str) -> Layout:
    """The layout of ``body``, cached for callers that ask one body for several fields."""
    return build(body)


def build(body: str, first_line: int = 1) -> Layout:
    """The layout of ``body``, uncached: the orchestrator builds it once and passes it on,
    sparing the hash of the whole body that a cache lookup costs. Paragraph lines count from
    ``first_line``, the line ``body`` starts on."""
    text = "\n" + body
    cut, names = trailer(text)
    numbered, holes, letters = _scan(text, cut)
    _of_holes(text, holes)
    holes.sort()
    chosen = _select(numbered)
    # "(a) ... (c) ..." sub-items numbered as paragraphs: then "(c)" is a letter, not a mark.
    lettered = letters and not _LETTERS.isdisjoint([n[5] for n in chosen])
    paragraphs, spans = _paragraphs(text, chosen, holes, cut, first_line, lettered)
    return Layout(text, paragraphs, spans, tuple(holes), cut, names, _marker_words(text, cut))


def _marker_words(text: str, cut: int) -> tuple[tuple[int, str], ...]:
    """(start, word) of each "summary" and "comment" before ``cut``, in order: the first letter
    in either case, the rest all lower or all upper case ("Summary", "SUMMARY", "sUMMARY")."""
    found = []
    for pattern in _MARKER_WORDS:
        for m in pattern.finditer(text, 0, cut):
            at, rest = m.start(), m.group()
            if text[at - 1] == _MARKER_LETTER[rest]:  # text starts with "\n": at is 2 or more
                found.append((at - 2, _MARKER_NAME[rest]))
    found.sort()
    return tuple(found)


# A numbered line: (number, start, content, plain, strong, raw, meaning) where ``start`` is the
# newline before the line, ``content`` where its text starts after the number and the portion
# mark, ``plain`` where it starts if what looked like a mark is text, ``strong`` whether it
# looks like a paragraph start (a portion mark or a blank line above), ``raw`` what stood in
# parentheses after the number, and ``meaning`` the mark read as a classification. A plain
# tuple: a body has dozens of them, and a named tuple costs five times more to build.
_Meaning = tuple[str | None, Classification | None, tuple[str, ...]]
_Numbered = tuple[int, int, int, int, bool, str, _Meaning]


def _scan(text: str, cut: int) -> tuple[list[_Numbered], list[tuple[int, int]], bool]:
    """The numbered lines before ``cut``, the noise lines (banners, lone SIPDIS), and whether
    a number is followed by a sub-item letter such as "(a)" (a letter is never a mark)."""
    numbered: list[_Numbered] = []
    holes: list[tuple[int, int]] = []
    letters = False
    add = numbered.append
    for m in _LINE.finditer(text, 0, cut):
        start = m.start()
        blanks, plain = m.span(1)
        if blanks < 0:  # a noise line: its words start after the line's leading blanks
            noise = m.group().lstrip()
            if _NOISE_LINE.fullmatch(noise.rstrip(" \t\\")):
                holes.append((m.end() - len(noise), m.end()))
            continue
        number = int(text[start + 1 : blanks - 1])  # the blanks and digits before "." or ")"
        mark, bare = m.group(2, 3)
        raw = mark or bare or ""
        meaning = _marking(raw) if raw else _NO_MARK
        if meaning[0] is not None:
            add((number, start, m.end(), plain, True, raw, meaning))
        else:
            above = text.rfind("\n", 0, start)
            strong = above < 0 or text[above:start].isspace()
            add((number, start, plain, plain, strong, raw, meaning))
            letters = letters or raw in _LETTERS
    return numbered, holes, letters


def _paragraphs(
    text: str,
    chosen: list[_Numbered],
    holes: list[tuple[int, int]],
    cut: int,
    first_line: int,
    lettered: bool,
) -> tuple[tuple[Paragraph, ...], tuple[tuple[int, int, bool], ...]]:
    """Paragraphs and spans of the chosen numbered lines: text between one number and the
    next, less noise, less a heading at its end (which goes to the next paragraph)."""
    paragraphs: list[Paragraph] = []
    spans: list[tuple[int, int, bool]] = []
    heading: str | None = None
    line, seen, h = first_line, 0, 0
    ends = [n[1] for n in chosen[1:]]  # each paragraph runs to the next one's line
    ends.append(cut)  # the last to the trailer (where no numbered line starts)
    for (number, start, content, plain, _, _, meaning), end in zip(chosen, ends, strict=False):
        marking, level, caveats = meaning
        if lettered and marking is not None and len(marking) == 1 and marking.islower():
            marking, level, caveats, content = None, None, (), plain
        noisy = False
        if holes:  # most bodies have none
            while h < len(holes) and holes[h][1] <= content:  # sorted, as the paragraphs are
                h += 1
            noisy = h < len(holes) and holes[h][0] < end
        chunk = without(text, content, end, holes) if noisy else text[content:end]
        para = tidy(chunk) if noisy else chunk.strip()
        next_heading = None
        if end != cut and para and para[-1] not in _PLAIN_END:  # else it holds no heading
            kept, next_heading = _split_heading(chunk)
            if kept < len(chunk):
                end -= len(chunk) - kept  # exact without noise; near enough with it
                para = tidy(chunk[:kept]) if noisy else chunk[:kept].strip()
        line += text.count("\n", seen, start)
        seen = start
        paragraphs.append(records.paragraph(number, para, marking, level, caveats, heading, line))
        spans.append((content, end, heading is not None))
        heading = next_heading
    return tuple(paragraphs), tuple(spans)


_NO_MARK: tuple[None, None, tuple[str, ...]] = (None, None, ())


def _of_holes(text: str, holes: list[tuple[int, int]]) -> None:
    """Page headers and later sections' banners, found from their " OF nnn"."""
    for m in _OF.finditer(text):
        before = m.start() - 1  # the blank before "OF"
        # Neither pattern crosses a line break: searching from the line start, where a header
        # alone on its line matches at once, finds what a search of the whole window finds.
        start = max(text.rfind("\n", 0, before) + 1, before - 60)
        page = _PAGE_BEFORE.search(text, start, before)
        if page is not None:
            holes.append((page.start(), m.end()))
            continue
        banner = _BANNER_BEFORE.search(text, start, before)
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
    if not numbered:
        return numbered
    first = numbered[0][0]
    if [n[0] for n in numbered] == list(range(first, first + len(numbered))):
        return numbered  # one unbroken run, each number once: every line opens a paragraph
    where: dict[int, list[int]] = {}
    for i, n in enumerate(numbered):
        where.setdefault(n[0], []).append(i)
    chosen: list[_Numbered] = []
    expected = 0
    i = 0
    while i < len(numbered):
        number, strong = numbered[i][0], numbered[i][4]
        if chosen and number != expected and not (
            strong and expected < number <= expected + 2 and not _ahead(where, expected, i, number)
        ):
            i += 1
            continue
        if not strong and len(where[number]) > 1:  # a stronger start for this number ahead?
            following = [j for j in where.get(number + 1, ()) if j > i]
            limit = following[0] if following else len(numbered)
            i = next((j for j in where[number] if i < j < limit and numbered[j][4]), i)
        chosen.append(numbered[i])
        expected = number + 1
        i += 1
    return chosen


def _ahead(where: dict[int, list[int]], expected: int, i: int, number: int) -> bool:
    """Does the expected number still open a line before ``number + 1`` does?"""
    limit = next((j for j in where.get(number + 1, ()) if j > i), None)
    return any(i < j and (limit is None or j < limit) for j in where.get(expected, ()))


@lru_cache(maxsize=512)
def _marking(raw: str) -> _Meaning:
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
    if last[0] in "-=_" and _is_rule(last):  # "-------": the line above it is the heading
        above = body.rfind("\n", 0, max(start - 1, 0)) + 1
        title = body[above : max(start - 1, above)].strip()
        if not title or _is_rule(title) or len(title) > 80 or title[-1] in ".,;":
            return start, None
        over = body.rfind("\n", 0, max(above - 1, 0)) + 1
        if above > 0 and _is_rule(body[over : above - 1].strip()):
            above = over
        return above, title.rstrip(" :")
    if last[-1] == "-":
        glued = _GLUED_HEADING.fullmatch(body, start)  # "... as it may. Comment -------"
        if glued is not None:
            return start + len(glued.group(1)), glued.group(2).strip()
        titled = _TITLE_DASHES.fullmatch(last)  # "Travel Plans ------------" on one line
        if titled is not None and titled.group(1)[-1] not in ".,;":
            return start, titled.group(1)
    if start > 0 and _is_heading(last):
        above = body.rfind("\n", 0, start - 1) + 1
        if not body[above : start - 1].strip():
            return start, last.rstrip(" :")
    return len(chunk), None


def _is_rule(line: str) -> bool:
    """``[-=_ \\t]{4,}`` as a whole: ``str.strip`` tests it in a fraction of a regex's time."""
    return len(line) >= 4 and not line.strip(_RULE_CHARS)


def _is_heading(line: str) -> bool:
    return (
        2 < len(line) <= 60
        and line.isupper()
        and line[0].isalpha()
        and line.count(" ") < 8
        and not any(map(str.isdigit, line))
        and _NOT_HEADING.match(line) is None
    )


def without(text: str, start: int, end: int, holes: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` less the noise spans inside it."""
    if not holes:
        return text[start:end]
    parts = []
    for a, b in holes:
        if b <= start or a >= end:
            continue
        if a > start:
            parts.append(text[start:a])
        start = max(start, b)
    parts.append(text[start:end])
    return "".join(parts)


def tidy(text: str) -> str:
    """Strip, and fold runs of blank lines (left where noise was cut out) into one."""
    return _BLANK_RUN.sub("\n\n", text.strip())
