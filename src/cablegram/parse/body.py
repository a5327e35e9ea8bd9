"""The cable body: numbered paragraphs, summary, comment, signers and section markers.

``body`` is the text from the first numbered paragraph on (``prepare`` cuts it there). The
readers share one layout of it (``layout``): the paragraphs are read here, the summary and
comment markers in ``markers``, the signers in ``signers``; this module is where the
orchestrator and the access layer find all of them.
"""

from __future__ import annotations

import re

from cablegram.model import Paragraph, Section
from cablegram.parse import records
from cablegram.parse.layout import build, layout
from cablegram.parse.markers import comment, summary

__all__ = ["comment", "paragraphs", "sections", "signers", "summary"]

_SECTION = re.compile(r"ECTION[ \t\n]+(\d{1,3})[ \t\n]+OF[ \t\n]+(\d{1,3})\b")
_SECTION_LOW = re.compile(r"ection[ \t\n]+(\d{1,3})[ \t\n]+of[ \t\n]+(\d{1,3})\b")
_LOW_REACH = 3000


def paragraphs(body: str, *, first_line: int = 1) -> tuple[Paragraph, ...]:
    """Numbered paragraphs; ``line`` counts from ``first_line``, the line ``body`` starts on."""
    if first_line == 1:
        return layout(body).paragraphs
    return build(body, first_line).paragraphs


def signers(body: str) -> tuple[str, ...]:
    """Surnames at the end of the message (``RICE``; ``HELLING`` and ``MCMULLEN``)."""
    return layout(body).signers


def sections(text: str) -> tuple[Section, ...]:
    """Every distinct ``SECTION nn OF nn`` marker, in order of appearance.

    Lower-case ``section 01 of 03`` occurs only on the classification line of media renderings,
    so that spelling is looked for in the first 3,000 characters only.
    """
    found: dict[tuple[int, int], int] = {}
    for key, pattern, initial, end in (
        ("ECTION", _SECTION, "S", len(text)),
        ("ection", _SECTION_LOW, "Ss", min(len(text), _LOW_REACH)),
    ):
        at = text.find(key, 1, end)  # str.find, then the pattern where it may match
        while at >= 0:
            m = pattern.match(text, at, end) if text[at - 1] in initial else None
            if m is not None:
                number, total = int(m.group(1)), int(m.group(2))
                if 1 <= number <= total:
                    found.setdefault((number, total), at)
            at = text.find(key, at + len(key), end)
    return tuple(records.section(n, t) for n, t in sorted(found, key=found.__getitem__))
