"""The end of a message: where its text stops, and who signed it.

Cables end with the surname of the sender (``RICE``), sometimes two or three names
(``HELLING`` and ``MCMULLEN``), then end-of-message debris: ``NNNN``, classification trailers,
``=== CABLE ENDS ===``, PlusD's ``*** Current Classification ***``. The body reader needs to
know where that trailer begins (it belongs to no paragraph), and the signers are what is
found in it, so both come from one walk up from the end.

Decisions, each forced by the corpus:

- At most 16 lines are walked, and at most three name lines kept: a signature block is short.
- A name line is one to three capitalised words (or ``van``/``de`` particles), no stop word,
  and not the tail of a wrapped sentence: the line above ends a sentence, is debris, repeats
  the name, carries a web address, or is mixed-case text above an upper-case name.
- A surname glued after the last sentence (``AFFAIRS.    PORTER``) is a signer too.
- ``VAN VOORST`` above ``van Voorst`` is one signer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cablegram.parse.markings import BANNER_WORDS

_TRAILER_NOISE = re.compile(
    r"[^A-Za-z]*|NNNN?|BT|NMAFVVZCZ|#\d+|" + BANNER_WORDS + r"(?:[ /]*[A-Z/ ]*)?"
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
_MAX_LINES = 16
_MAX_NAMES = 3
_PROSIGN_REACH = 4000  # NNNN is looked for in the last characters only


def trailer(text: str) -> tuple[int, tuple[str, ...]]:
    """Where the message text of ``text`` ends, and the signers after it, in reading order.

    ``text`` starts with a newline (the body reader's copy of the body), so that every line,
    the first included, follows one.
    """
    lo = max(0, len(text) - _PROSIGN_REACH)
    end = text.rfind("\nNNNN", lo)  # the end-of-message prosign; from the end, where it stands
    if end < 0:
        end = len(text)
    else:  # the first of several
        first = text.find("\nNNNN", lo, end)
        end = end if first < 0 else first
    names: list[str] = []
    for _ in range(_MAX_LINES):
        start = text.rfind("\n", 0, end) + 1
        if start == 0:
            break
        line, noise = _read_line(text[start:end])
        if noise:
            end = start - 1
            continue
        if len(names) < _MAX_NAMES and _is_signer(line, text, start):
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


@lru_cache(maxsize=2048)  # blank lines, NNNN, banners and the names of a post's ambassadors
def _read_line(raw: str) -> tuple[str, bool]:
    """The line as ``_trailer_line`` gives it, and whether it is debris that names nobody."""
    line = _trailer_line(raw)
    noise = _TRAILER_NOISE.fullmatch(line) is not None and _NUMBERED.match(line) is None
    return line, not line or noise


def _trailer_line(line: str) -> str:
    """The line without the debris glitch pages leave at its end: ``KENNARD .``, ``WHITE "``."""
    line = line.strip().rstrip(_DEBRIS_CHARS)
    bare = line.rstrip(".")
    if len(bare) < len(line) and bare[-1:].isspace():
        line = bare.rstrip()
    return line


@lru_cache(maxsize=512)  # a post's few signers sign cable after cable
def _name_shaped(line: str) -> bool:
    """One to three words, none of them a stop word, not ending a sentence."""
    if _SIGNER.fullmatch(line) is None or ".." in line:
        return False
    if line[-1] == "." and not line.upper().endswith((" JR.", " SR.")):
        return False  # "GOCR." or "U.S.": the tail of a wrapped sentence
    return all(word.upper().strip(".") not in _NOT_SIGNER for word in line.split())


def _is_signer(line: str, text: str, start: int) -> bool:
    """A name line: one to three words, no stop word, not the tail of a wrapped sentence."""
    if len(line) > 30 or not _name_shaped(line):  # a longer line is no name: not cached
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
