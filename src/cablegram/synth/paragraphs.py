"""Where paragraph texts come from: the project's templates, or a real corpus recombined.

Benchmarks need realistic vocabulary and paragraph lengths, so with ``text_from`` the texts
of real paragraphs are reused, shuffled across cables; they are read at run time and never
stored in the project. The demo uses only the templates.

Generating a templated paragraph costs tens of microseconds; at the full Cablegate scale a
bounded pool per theme is refilled a little at a time instead, so that speed does not depend
on the size of the run.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path
from typing import Protocol

from cablegram.synth.sentences import Scene, fill
from cablegram.synth.vocabulary import Theme, Vocabulary

WIDTH = 62


def wrap(text: str, width: int = WIDTH) -> str:
    """Break ``text`` into lines of at most ``width`` characters, each ending in a space.

    Telegram text reached WikiLeaks wrapped at about 60-70 columns with a trailing blank on
    every line; many parsers trip on exactly that, so the generated text keeps it. One
    ``rfind`` per line: a loop over words cost half of the whole generation time.
    """
    if len(text) <= width:
        return text + " "
    lines = []
    start, end = 0, len(text)
    while end - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:  # a word longer than a line stays whole
            cut = text.find(" ", start + width)
            if cut < 0:
                break
        lines.append(text[start:cut].rstrip(" "))
        start = cut + 1
        while start < end and text[start] == " ":
            start += 1
    lines.append(text[start:])
    return " \n".join(lines) + " "


class ParagraphSource(Protocol):
    def draw(self, rng: random.Random, theme: Theme, scene: Scene) -> str: ...


class TemplateParagraphs:
    """Paragraphs of 2-6 sentences from a theme's templates and the generic ones."""

    def __init__(self, vocab: Vocabulary, *, pooled: bool) -> None:
        self.generic = vocab.phrases["generic"]
        self.pooled = pooled
        self.pools: dict[str, list[str]] = {}

    def make(self, rng: random.Random, theme: Theme, scene: Scene) -> str:
        count = rng.choice((2, 3, 3, 4, 4, 5, 6))
        pools = (theme.sentences, scene.second or theme.sentences, self.generic)
        return "  ".join(fill(_fresh(rng, pools, scene), scene) for _ in range(count))

    def draw(self, rng: random.Random, theme: Theme, scene: Scene) -> str:
        if not self.pooled:
            return self.make(rng, theme, scene)
        pool = self.pools.setdefault(theme.name, [])
        if len(pool) < 400:
            pool.append(self.make(rng, theme, scene))
            return pool[-1]
        slot = rng.randrange(len(pool))
        if rng.random() < 0.05:
            pool[slot] = self.make(rng, theme, scene)
        return pool[slot]


def _fresh(rng: random.Random, pools: tuple[tuple[str, ...], ...], scene: Scene) -> str:
    """A template this cable has not used yet: mostly the theme's, some a second theme's or
    generic ones. A long cable that has used them all starts over."""
    for _ in range(8):
        roll = rng.random()
        pool = pools[0] if roll < 0.6 else pools[1] if roll < 0.8 else pools[2]
        template = rng.choice(pool)
        if template not in scene.used:
            break
    else:
        scene.used.clear()
    scene.used.add(template)
    return template


_NUMBERED = re.compile(r"^[ \t]*\d{1,2}\.[ \t]+(?:\([A-Za-z/ -]{1,12}\)[ \t]*)?", re.M)
# A portion mark inside a paragraph (a lettered sub-paragraph's): reused under another
# banner it would contradict it, so such paragraphs are left out.
_INNER_MARK = re.compile(r"\((?:U|SBU|C|S|TS)(?:[/ -]{1,2}[A-Z]{1,6})?\)")
_TAIL = re.compile(r"\n[ \t]*\n[ \t]*[A-Z][A-Z .,'-]{1,40}[ \t]*(?:\n|$).*", re.S)


class CorpusParagraphs:
    """Numbered paragraphs of a real corpus (``cables.jsonl.gz``), portion marks removed."""

    def __init__(self, path: Path, *, limit: int = 80_000) -> None:
        self.texts = _read_paragraphs(path, limit)
        if not self.texts:
            raise ValueError(f"{path}: no numbered paragraphs found")

    def draw(self, rng: random.Random, theme: Theme, scene: Scene) -> str:
        return self.texts[rng.randrange(len(self.texts))]


def _read_paragraphs(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            content = json.loads(line).get("content") or ""
            texts.extend(split_paragraphs(content))
            if len(texts) >= limit:
                break
    return texts[:limit]


def split_paragraphs(content: str) -> list[str]:
    """The numbered paragraphs of one cable body, without number, mark or signature."""
    found = list(_NUMBERED.finditer(content))
    if not found:
        return []
    starts = [m.end() for m in found]
    ends = [*(m.start() for m in found[1:]), len(content)]
    out = []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        text = content[start:end].replace("\r", "").strip()
        if i == len(starts) - 1:
            text = _TAIL.sub("", text).strip()
        if 60 <= len(text) <= 6000 and not _INNER_MARK.search(text):
            out.append(text)
    return out
