"""The numbered paragraphs of a generated cable: summary, headings, comment, sections, signer.

Lengths follow the real corpus (median about 6.6 KB, a long tail to about 60 KB); long
cables are cut into sections of about 3,400 characters with the page header the wire put at
each section break (``NEW DELHI 00009527  003 OF 005``).
"""

from __future__ import annotations

import bisect
import random
import zlib
from dataclasses import dataclass
from datetime import datetime

from cablegram.synth.markings import Level, portion_mark
from cablegram.synth.paragraphs import ParagraphSource, wrap
from cablegram.synth.sentences import Scene, fill
from cablegram.synth.vocabulary import Station, Theme, Vocabulary

# Content length quantiles of the real corpus: (share, characters).
LENGTH_QUANTILES = (
    (0.0, 300),
    (0.05, 940),
    (0.10, 1618),
    (0.25, 3679),
    (0.50, 6622),
    (0.75, 10136),
    (0.90, 14461),
    (0.95, 17573),
    (0.99, 30460),
    (1.0, 62000),
)
_SHARES = [q for q, _ in LENGTH_QUANTILES]
SECTION_SIZE = 3400

# Secretaries of State, who sign the Department's cables: (in office from, surname).
SECRETARIES = (
    (datetime(1961, 1, 21), "RUSK"),
    (datetime(1969, 1, 22), "ROGERS"),
    (datetime(1973, 9, 22), "KISSINGER"),
    (datetime(1977, 1, 23), "VANCE"),
    (datetime(1980, 5, 8), "MUSKIE"),
    (datetime(1981, 1, 22), "HAIG"),
    (datetime(1982, 7, 16), "SHULTZ"),
    (datetime(1989, 1, 25), "BAKER"),
    (datetime(1992, 12, 8), "EAGLEBURGER"),
    (datetime(1993, 1, 20), "CHRISTOPHER"),
    (datetime(1997, 1, 23), "ALBRIGHT"),
    (datetime(2001, 1, 20), "POWELL"),
    (datetime(2005, 1, 26), "RICE"),
    (datetime(2009, 1, 21), "CLINTON"),
)


def target_length(rng: random.Random) -> int:
    """A content length drawn from the real distribution (piecewise-linear quantiles)."""
    u = rng.random()
    i = max(1, bisect.bisect_right(_SHARES, u))
    (q0, v0), (q1, v1) = LENGTH_QUANTILES[i - 1], LENGTH_QUANTILES[i]
    return int(v0 + (v1 - v0) * (u - q0) / (q1 - q0))


@dataclass(slots=True)
class Style:
    """How one cable's text is laid out: wrapped with trailing blanks, or long lines."""

    wrapped: bool
    blank: str  # the blank line: " " when wrapped, "" otherwise

    def para(self, text: str) -> str:
        return wrap(text) if self.wrapped and "\n" not in text else text


def paragraphs(
    rng: random.Random,
    vocab: Vocabulary,
    theme: Theme,
    scene: Scene,
    lv: Level,
    source: ParagraphSource,
    style: Style,
    budget: int,
    marked: bool,
) -> list[str]:
    """Numbered paragraphs and headings whose total length reaches ``budget``."""
    items: list[list[str]] = []  # [mark, text] for paragraphs, ["", heading] for headings
    size = 0
    summary = rng.random() < 0.57
    headings = rng.random() < 0.35
    used: set[str] = set()
    count = 0
    while size < budget or count == 0:
        if count == 0 and summary:
            text = _framed(rng, vocab, scene, "summary", theme.sentences, 3)
        else:
            text = source.draw(rng, theme, scene)
        if headings and count > 0 and rng.random() < 0.3:
            heading = _heading(rng, theme, style, used)
            if heading:
                items.append(["", heading])
        items.append([portion_mark(rng, lv), text])
        count += 1
        size += len(text) + 8
    if rng.random() < 0.24:
        items.append(
            [
                portion_mark(rng, lv),
                _framed(rng, vocab, scene, "comment", vocab.phrases["comments"], 2),
            ]
        )
    paras = [item for item in items if item[0]]
    if marked and all(item[0] != lv.top for item in paras):
        paras[0][0] = lv.top
    return _number(rng, items, style, marked)


def _number(rng: random.Random, items: list[list[str]], style: Style, marked: bool) -> list[str]:
    gap = "  " if rng.random() < 0.2 else " "
    out = []
    n = 0
    for mark, text in items:
        if not mark:
            out.append(text)
            continue
        n += 1
        prefix = f"{n}.{gap}({mark}) " if marked else f"{n}.{gap}"
        out.append(style.para(prefix + text))
    return out


def _framed(
    rng: random.Random, vocab: Vocabulary, scene: Scene, kind: str, pool: tuple[str, ...], most: int
) -> str:
    """``Summary: ... End Summary.`` or ``Comment: ... End Comment.``"""
    phrases = vocab.phrases
    opener = rng.choice(phrases[f"{kind}_openers"])
    closer = rng.choice(phrases[f"{kind}_closers"])
    sentences = "  ".join(fill(rng.choice(pool), scene) for _ in range(rng.randint(1, most)))
    return f"{opener}{sentences}  {closer}"


def _heading(rng: random.Random, theme: Theme, style: Style, used: set[str]) -> str:
    """A section heading underlined with dashes; "" once the theme's headings are used up."""
    title = rng.choice(theme.headings)
    if title in used:
        return ""
    used.add(title)
    if rng.random() < 0.3:
        title = title.upper()
    dashes = "-" * len(title)
    end = " " if style.wrapped else ""
    if rng.random() < 0.25:
        return f"{dashes}{end}\n{title}{end}\n{dashes}{end}"
    return f"{title}{end}\n{dashes}{end}"


def sectioned(rng: random.Random, length: int) -> int:
    """How many sections a cable of ``length`` characters was sent in (1 = not sectioned)."""
    if length < 4200 or rng.random() < 0.15:
        return 1
    return min(99, -(-length // SECTION_SIZE))


def with_sections(
    blocks: list[str], total: int, name: str, serial: int, style: Style, rng: random.Random
) -> list[str]:
    """Insert the page header of each section (``PARIS 00000997  002 OF 002``) at breaks."""
    if total <= 1:
        return blocks
    out: list[str] = []
    size = 0
    part = 1
    gap = "  " if rng.random() < 0.5 else " "
    end = " " if style.wrapped else ""
    for block in blocks:
        if size >= part * SECTION_SIZE and part < total:
            part += 1
            out.append(f"{name} {serial:08d}{gap}{part:03d} OF {total:03d}{end}")
        out.append(block)
        size += len(block)
    return out


def signer(vocab: Vocabulary, station: Station, created: datetime, charge: bool = False) -> str:
    """The surname that closes the cable: the Secretary, or the post's (invented) chief.

    A post's chief is the same person for three years, so signatures repeat as they do.
    """
    if station.code == "STATE":
        i = bisect.bisect_right([d for d, _ in SECRETARIES], created) - 1
        return SECRETARIES[max(0, i)][1]
    term = created.year // 3
    names = vocab.surnames["US"]
    if charge:
        term += 1000  # a charge d'affaires signs between ambassadors
    key = f"{station.code}:{term}".encode()
    return names[zlib.crc32(key) % len(names)].upper()
