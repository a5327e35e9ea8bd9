"""``Classified By: <authority>, for reasons 1.4 (b) and (d)``: who classified, and why.

The statement follows the SUBJECT/REF lines, in 99% of the corpus within the first 1,800
characters of the text (the latest at 5,511); only the first ``_WINDOW`` characters are read, so
that "classified by" in the prose of a long body is never taken for it.

The statement runs to a blank line or a numbered paragraph and wraps freely
(``1.4 (B & \\nD)``). The reasons come in every spelling posts found: ``1.4 (b) and (d)``,
``1.4(B),(D)``, ``1.4 b/d``, ``1.4 (B, D)``, ``1.4B, D``, ``1.5 d``, ``1.4 (b ) a \\nnd (d )``,
``Reason: E.O. 12958 1.4 (d)``, ``1/4 (B)``; they are returned as ``1.4(b)``.

The authority is a title and a name in either order: ``Acting Deputy Chief of Mission Marc
Wall``, ``DCM EARL IRVING``, ``Gene A. Cretz, Ambassador, US Embassy Tripoli``. In mixed-case
text the name is the trailing run of capitalised words that are no title words; in all-capitals
text it is what follows the leading title words (``_TITLE_WORDS``). Two authorities joined by
"and" are split only when the first part already holds a name, so that "Political and Economic
Counselor" stays one title.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from cablegram.model import Person

_WINDOW = 8000
# "C" first lets the engine skip ahead; "DECLASSIFIED BY NARA" is excluded by the lookbehind.
_LABEL = re.compile(
    r"[Cc](?<![A-Za-z][Cc])(?:LASSIFIED|lassified)[ \t]*\n?[ \t\n]*(?:BY|By|by)(?![a-z])"
    r"[ \t]*:?[ \t]*"
)
# "REASONS" after its R, each letter allowing a stray space where a line wrapped in the word.
_EASONS = "".join(f"[ \t]?[{c}{c.lower()}]" for c in "EASON") + r"(?:[ \t]?[Ss])?(?:\([Ss]\))?"
_STATEMENT_END = re.compile(
    r"\n[ \t\\]*\n|\n[ \t]*\d{1,2}[.)](?!\d)|\n[ \t]*(?:-{3,}|SUMMARY|Summary)"
)
_MAX_STATEMENT = 400
# Where the authority ends and the reasons begin. Each branch starts with a letter or digit
# and checks what precedes it afterwards: optional leading parts would make the engine try
# every branch at every position (twenty times slower). Each starts with one character, not
# a class ("R" and "r" apart): only then does sre skip to the places where a branch can start.
_REASON_START = re.compile(
    rf"R(?<![A-Za-z]R){_EASONS}\b|r(?<![A-Za-z]r){_EASONS}\b"
    r"|P(?<![A-Za-z]P)(?:ER|er)\b|p(?<![A-Za-z]p)(?:ER|er)\b"
    r"|E\.O\.[ \t]*\d{5}"
    r"|1(?<![\d.]1)[ \t]?[./][ \t]?[4-6](?!\d)"
)
_AUTHORITY_TAIL = " \t,;:-"
_SECTION = re.compile(r"(?<![\d.])1[ \t]?[./][ \t]?([4-6])(?![\d])")
_LETTER = re.compile(
    r"[ \t,/&;]*(?:(?:and|AND|And|an[ \t]?d|a[ \t]?nd|or|OR)\b[ \t,]*)?\([ \t]*([a-hA-H])[ \t]*\)"
    r"|[ \t,/&;]*(?:(?:and|AND|And|an[ \t]?d|a[ \t]?nd|or|OR)\b[ \t,]*)?\(?[ \t]*([a-hA-H])"
    r"[ \t]*\)?(?![A-Za-z])"
)
_AND = re.compile(r"[ \t]+(?:and|AND|&)[ \t]+")
_SUFFIXES = frozenset({"JR.", "JR", "SR.", "SR", "II", "III", "IV"})
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "del",
        "della",
        "der",
        "du",
        "da",
        "di",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "d'",
        "st.",
    }
)
_TITLE_WORDS = frozenset(
    """
    a.i. acting adviser advisor affairs agricultural aid ait amb amb. ambassador and assistant
    attache att attaché bureau cda cdr cg charge chargé chief chief's commercial consul
    consular coordinator couns couns. counsel counselor counsellor d'affaires d’affaires datt
    dcm defense department deputy dhs dir dir. director dos drl dtra eap econ econoff economic
    embassy envoy eur exec executive for general head inl inr interim isn labor leader legal
    management mc mgmt mil min minister minister-counselor mission nea of office officer
    official pas pol pol/econ polcouns political poloff polmil pol-mil principal public regional
    representative rso s/es sca secretary section security senior special state team the u.s.
    under us usaid wha unit useu usnato usun usoas usdel polmc pdas das adcm com ecpo oes osd
    legatt cons consul-general
    """.split()  # noqa: SIM905 - a word list reads best as text
)
_OFFICE = re.compile(
    r"(?i)^(?:a/|acting)?(?:dep)?(?:pol|econ|mgmt|mil|pa|cons|rso|pm|pol-?econ|pol/econ|polmil)"
    r"(?:couns|off|chief|min|mincouns|officer|counselor)\.?$"
)
_REDACTED = re.compile(r"^X{4,}$")
_ABBREVIATIONS = frozenset({"jr.", "sr.", "amb.", "dir.", "couns.", "gen.", "col.", "dep."})
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")  # "W.", "a.i."


class ClassifiedBy(NamedTuple):  # a named tuple: cheaper to build than a dataclass
    people: tuple[Person, ...] = ()
    reasons: tuple[str, ...] = ()  # "1.4(b)", "1.4(d)"


def classified_by(text: str) -> ClassifiedBy:
    """The classification authority statement of ``text``; empty when there is none."""
    m = _label(text)
    if m is None:
        return ClassifiedBy()
    tail = text[m.end() : m.end() + _MAX_STATEMENT]
    end = _STATEMENT_END.search(tail)
    tail = tail[: end.start() if end else len(tail)]
    statement = " ".join(tail.replace("\\", " ").split())
    if statement.endswith("..."):  # cut short in the release: "Ambassador Mark W..."
        statement = statement.rsplit(" ", 1)[0] if " " in statement else ""
    again = _LABEL.match(statement)  # "Classified By: CLASSIFIED BY CDA JOSEPH DONOVAN"
    if again is not None:
        statement = statement[again.end() :]
    split = _REASON_START.search(statement)
    authority = _without_for(statement[: split.start()] if split else statement)
    reasons = reasons_in(statement[split.start() :]) if split else ()
    return ClassifiedBy(_people(authority), reasons)


def _without_for(authority: str) -> str:
    """The authority without the "for" (or "f or") that led into the reasons."""
    text = authority.rstrip(_AUTHORITY_TAIL)
    low = text.lower()
    for ending in (" for", " -for", " f or", " fo r"):
        if low.endswith(ending):
            return text[: -len(ending)].rstrip(_AUTHORITY_TAIL)
    return text


def _label(text: str) -> re.Match[str] | None:
    """The first "Classified By" label; ``str.find`` scans ten times faster than the regex."""
    start = 0
    while True:
        at = text.find("lassified", start, _WINDOW)
        upper = text.find("LASSIFIED", start, _WINDOW if at < 0 else at + 8)
        at = upper if upper >= 0 else at
        if at <= 0:
            return None
        m = _LABEL.match(text, at - 1)
        if m is not None:
            return m
        start = at + 1


@functools.lru_cache(maxsize=1024)
def reasons_in(text: str) -> tuple[str, ...]:
    """``1.4 (b) and (d)`` and its spellings as ``("1.4(b)", "1.4(d)")``."""
    found: list[str] = []
    for sec in _SECTION.finditer(text):
        pos = sec.end() + (text[sec.end() : sec.end() + 1] == ".")  # "1.4. (b)"
        while (m := _LETTER.match(text, pos)) is not None:
            letter = m.group(1) or m.group(2)
            found.append(f"1.{sec.group(1)}({letter.lower()})")
            pos = m.end()
    return tuple(dict.fromkeys(found))


@functools.lru_cache(maxsize=1024)  # a post's few authorities sign most of its cables
def _people(authority: str) -> tuple[Person, ...]:
    text = _drop_full_stop(authority.strip(" \t,;:-"))
    if not text or text.lower().startswith("derived from"):  # "Derived from Multiple Sources"
        return ()
    caps = not any(map(str.islower, text))
    people: list[Person] = []
    rest = text
    while True:
        part, sep, after = _split_and(rest, caps)
        person = _person(part, caps)
        if person is not None:
            people.append(person)
        if not sep:
            break
        rest = after
    return tuple(people)


def _split_and(text: str, caps: bool) -> tuple[str, bool, str]:
    """The first authority of ``text`` and the rest, split at an "and" that follows a name."""
    for m in _AND.finditer(text):
        left = text[: m.start()]
        person = _person(left, caps)
        if person is not None and (person.title is not None or len(person.name.split()) > 1):
            return left, True, text[m.end() :]
    return text, False, ""


def _person(text: str, caps: bool) -> Person | None:
    segments = [s.strip() for s in text.split(",") if s.strip()]
    titles: list[str] = []
    name_words: list[str] = []
    while segments and not name_words:  # "CDA, a.i., Hugo Llorens": titles may come first
        title_words, name_words = _title_and_name(segments.pop(0).split(), caps)
        if title_words:
            titles.append(" ".join(title_words))
    while segments and segments[0].upper() in _SUFFIXES:  # "Robert O. Blake, Jr."
        name_words.append(segments.pop(0))
    if not titles and len(name_words) == 1 and segments and _is_given_name(segments[0]):
        name_words = [f"{name_words[0]}, {segments.pop(0)}"]  # "Weitzenkorn, Laurie, A/DCM"
    name = _drop_full_stop(" ".join(w for w in name_words if not _REDACTED.match(w)))
    if not name:
        return None
    title = _drop_full_stop(", ".join(titles + segments).strip(" ,;:"))
    return Person(name, title or None)


def _drop_full_stop(text: str) -> str:
    """``text`` without a sentence's final full stop; "Jr.", "Amb.", "a.i.", "W." keep theirs."""
    last = text.rsplit(" ", 1)[-1]
    if not last.endswith(".") or last.lower() in _ABBREVIATIONS or _INITIALS.match(last):
        return text
    return text[:-1]


def _title_and_name(words: list[str], caps: bool) -> tuple[list[str], list[str]]:
    if caps:
        n = 0
        while n < len(words) and _is_title(words[n], caps):
            n += 1
        return words[:n], words[n:]
    n = len(words)
    while n > 0 and (
        _is_name(words[n - 1])
        or (n > 1 and _is_surname(words[n - 1]) and _is_name(words[n - 2]))  # "Damian R. Leader"
    ):
        n -= 1
    return words[:n], words[n:]


def _is_title(word: str, caps: bool) -> bool:
    low = word.lower().strip(",;:")
    if low in _TITLE_WORDS or _OFFICE.match(low) or "/" in word:
        return True
    if caps:
        return False
    return word[:1].islower() or (word.isupper() and len(word) > 1 and "." not in word)


def _is_surname(word: str) -> bool:
    """A capitalised title word may be a surname when a name stands before it."""
    return word[:1].isupper() and word[1:].islower() and word.lower() in _TITLE_WORDS


def _is_given_name(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= 2 and all(_is_name(w) and not w.isupper() for w in words)


@functools.lru_cache(maxsize=4096)  # the same given names and titles recur, post after post
def _is_name(word: str) -> bool:
    if word.lower() in _PARTICLES or word.upper() in _SUFFIXES:
        return True
    if _is_title(word, caps=False):
        return False
    return word[:1].isupper() or _REDACTED.match(word) is not None
