"""The TAGS line: traffic-analysis codes, each with its kind from the reference table.

What the corpus throws at this reader, and how each case is met:

- the label is ``TAGS:`` but also ``TAGS`` without a colon (media-partner renderings), ``TAG:``,
  ``TAS:``, ``TAGE:``, ``Tags:`` in lower-cased cables, and ``AGS:`` where a rendering lost the
  first letter; in text whose line breaks were lost it is glued to what precedes it
  (``DECL: 08/16/2015TAGS: ...``), so the label is not anchored to a line start;
- codes are separated by spaces, commas or both, may be lower case, and continue on the next
  lines when the line ends with a comma or when the next line holds nothing but known codes;
- run-together codes (``ETRDEINVECINPGOVCS``) are split into known codes, but only when every
  piece is known and one of them is a four-letter subject or program code, so that words such
  as ``BRUSSELS`` are not read as ``BR US SE LS``;
- person tags come in parentheses (``OVIP (STEINBERG, JAMES B.)``) or, where a rendering dropped
  the parentheses, as the words after ``OVIP`` up to the next known code;
- a few cables have no label at all, only a line of codes after the E.O. line.

Codes are returned upper-cased and de-duplicated in order of first appearance; words that are no
known code stay, as ``TagKind.UNKNOWN``, except the words of tag definitions that renderings
print beside the codes (``[ECONOMIC](#)``, ``PREL - EXTERNAL POLITICAL RELATIONS``).
"""

from __future__ import annotations

import functools
import re

from cablegram.model import Tag, TagKind
from cablegram.refdata import all_tags

# The usual labels; the literal prefix lets the regex engine skip ahead quickly.
_FAST_LABEL = re.compile(r"TAGS?(?:[ \t\xa0]*:|[ \t]+(?=[A-Za-z]{2}))")
# The rare spellings, tried only when the usual ones give nothing. The letter before the
# label is checked in ``tags``: lookbehinds here would slow the scan of every position.
_RARE_LABEL = re.compile(r"(?i:TAGS?|TAGE|TAS)[ \t\xa0]*:|AGS[ \t\xa0]*:")
# Where a glued TAGS line runs into the next field.
_STOP = re.compile(  # spelled out in each case: a case-insensitive scan is five times slower
    r"[SsRrCcEe](?:(?:UBJ(?:ECT)?|ubj(?:ect)?)[ \t]*:"
    r"|(?<![A-Za-z][Rr])(?:EFS?[ \t]*:|efs?[ \t]*:|EFTEL)"
    r"|(?:LASSIFIED|lassified)[ \t]+(?:BY|By|by)"
    r"|(?<![A-Za-z][Ee])\.[ \t]?[Oo]\.[ \t]?\d"
    r"|ENSITIVE BUT UNCLASSIFIED|ensitive but unclassified)"
)
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")  # "[PREL](#)" from Markdown renderings
_TOKEN = re.compile(r"\(([^()]*)\)?|[^\s,;()]+")
_EO_LINE = re.compile(r"(?im)^[ \t]*E\.?[ \t]?O\.?[ \t]*:?[ \t]*\d{4,5}\b[^\n]*\n([^\n]*)")
_STRIP = ".:;\"'`*[]{}<>\\/"
_SEPARATORS = re.compile(r"[\s,;]+")
_MAX_CONTINUATION = 4
_SPLIT_MIN = 5
_CODE_LEN = 4
_WORD_MIN = 5  # shorter definition words ("ARMS", "TRADE") could be codes typed in full
_TOPICAL = frozenset({TagKind.SUBJECT, TagKind.PROGRAM})


def tags(head: str) -> tuple[Tag, ...]:
    """Tags of the TAGS line in ``head``; ``()`` when there is none.

    The first label whose list holds a known code wins: that skips the word "tags" in prose
    and the corrected-copy notes. A list of unknown codes only is kept as a last resort.
    """
    fallback: tuple[Tag, ...] = ()
    for pattern in (_FAST_LABEL, _RARE_LABEL):
        for m in pattern.finditer(head):
            before = head[m.start() - 1] if m.start() > 0 else "\n"
            if before.isalpha() or (head[m.start()] == "A" and not before.isspace()):
                continue
            found = _read(_segment(head, m.end()))
            for tag in found:
                if tag.kind is not TagKind.UNKNOWN:
                    return found
            fallback = fallback or found
    return fallback or _unlabelled(head)


def _segment(head: str, start: int) -> str:
    """The text of the tag list: the rest of the label's line plus continuation lines."""
    end = head.find("\n", start)
    line = head[start:] if end < 0 else head[start:end]
    stop = _STOP.search(line)
    if stop is not None:
        return line[: stop.start()]
    parts = [line]
    for _ in range(_MAX_CONTINUATION):
        if end < 0:
            break
        nxt_end = head.find("\n", end + 1)
        nxt = head[end + 1 :] if nxt_end < 0 else head[end + 1 : nxt_end]
        if not _continues(parts[-1], nxt):
            break
        parts.append(nxt)
        end = nxt_end
    return " ".join(parts)


def _continues(previous: str, line: str) -> bool:
    text = line.strip()
    if not text or ":" in text or _STOP.search(text):
        return False
    prev = previous.rstrip()
    if prev.endswith(",") or prev.count("(") > prev.count(")"):
        return True
    return _all_known(text)


def _read(segment: str) -> tuple[Tag, ...]:
    known = _known_tags()
    words = segment.replace(",", " ").split()
    if all(map(known.__contains__, words)):  # the common case: only known upper-case codes
        return tuple(map(known.__getitem__, dict.fromkeys(words)))
    return _read_words(segment)


def _read_words(segment: str) -> tuple[Tag, ...]:
    if "](" in segment:
        segment = _LINK.sub(r"\1", segment)
    out: list[Tag] = []
    person: list[str] = []  # words after OVIP, read as a name until the next known code
    after_ovip = False
    for m in _TOKEN.finditer(segment):
        if m.group(1) is not None:  # a parenthesised person tag
            name = " ".join(m.group(1).upper().split()).strip(" ,")
            if name:
                out.append(Tag(name, TagKind.PERSON))
            after_ovip = False
            continue
        word = m.group(0).strip(_STRIP).upper()
        if not word or not any(c.isalpha() for c in word):
            continue
        pieces = _pieces(word)
        if after_ovip and pieces is None and word.isalpha():
            person.append(word)
            continue
        _flush(person, out)
        if pieces:
            out.extend(_known_tags()[c] for c in pieces)
        elif word not in _definition_words():
            out.append(Tag(word, TagKind.UNKNOWN))
        after_ovip = word == "OVIP"
    _flush(person, out)
    return tuple(dict.fromkeys(out))


def _flush(person: list[str], out: list[Tag]) -> None:
    """Words after OVIP make a person tag; one short word is more likely a mistyped code."""
    if len(person) > 1 or (person and len(person[0]) > _CODE_LEN):
        out.append(Tag(" ".join(person), TagKind.PERSON))
    else:
        out.extend(Tag(w, TagKind.UNKNOWN) for w in person)
    person.clear()


def _pieces(word: str) -> tuple[str, ...] | None:
    """Known codes that ``word`` is, or is made of; None when it is no known code."""
    if word in _known_tags():
        return (word,)
    if len(word) < _SPLIT_MIN or not word.isalpha():
        return None
    return _split(word)


@functools.lru_cache(maxsize=4096)
def _split(word: str) -> tuple[str, ...] | None:
    """Fewest known codes that spell ``word``, at least one of them a four-letter tag."""
    known = _known_tags()
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for i in range(len(word)):
        done = best[i]
        if done is None:
            continue
        for size in (2, 3, 4, 5):
            code = word[i : i + size]
            if len(code) == size and code in known:
                cand = (*done, code)
                old = best[i + size]
                if old is None or len(cand) < len(old):
                    best[i + size] = cand
    result = best[len(word)]
    if result is None or not any(known[c].kind in _TOPICAL and len(c) == _CODE_LEN for c in result):
        return None
    return result


def _unlabelled(head: str) -> tuple[Tag, ...]:
    """A line of nothing but known codes right after the E.O. line."""
    m = _EO_LINE.search(head)
    if m is None:
        return ()
    line = m.group(1)
    if not _all_known(line) or len(line.replace(",", " ").split()) < 2:
        return ()
    return _read(line)


def _all_known(text: str) -> bool:
    """Does ``text`` hold codes, and nothing but known codes?"""
    words = [w.strip(_STRIP).upper() for w in _SEPARATORS.split(text) if w.strip(_STRIP)]
    return bool(words) and all(w in _known_tags() for w in words)


@functools.cache
def _definition_words() -> frozenset[str]:
    """Words of the tag definitions (ECONOMIC, EXTERNAL, POLITICAL, ...) that are no code.

    Rendered pages print a tag's definition beside it (``PREL - EXTERNAL POLITICAL
    RELATIONS``) or keep its link text (``[ECONOMIC](#)``); such a word on the TAGS line is
    the rendering talking, not a code the drafter typed. It stays in the raw text.
    """
    known = _known_tags()
    words = {w.strip("(),.;:-/").upper() for t in all_tags() if t.kind in _TOPICAL
             for w in t.definition.split()}  # not country names: drafters type those
    return frozenset(w for w in words if len(w) >= _WORD_MIN and w.isalpha() and w not in known)


@functools.cache
def _known_tags() -> dict[str, Tag]:
    """One shared ``Tag`` per known code: tags are immutable, and building them is the cost."""
    return {info.code: Tag(info.code, info.kind) for info in all_tags()}
