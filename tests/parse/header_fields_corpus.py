"""The real corpus, read at run time from ``../shared`` (never copied), for the header tests.

Each record becomes the text the parser sees (header, a blank line, content) and its prepared
head. Tests that use it skip when the corpus is not beside the repository.
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from cablegram.parse.text import prepare

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
CORPUS = SHARED / "corpus" / "cables.jsonl.gz"
SUBJECTS = SHARED / "corpus" / "raw" / "cablegate-html" / "cablemap-tests"
REFERENCE = SHARED / "reference"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"the real corpus is not beside the repository ({CORPUS})"
)


@dataclass(frozen=True)
class Record:
    id: str
    format: str
    title: str | None
    classification: str | None
    head: str
    text: str


@functools.cache
def records() -> tuple[Record, ...]:
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            header, content = r.get("header") or "", r.get("content") or ""
            prep = prepare(f"{header}\n\n{content}" if header else content)
            out.append(
                Record(
                    r["id"],
                    r["format"],
                    r.get("title"),
                    r.get("classification"),
                    prep.head,
                    prep.text,
                )
            )
    return tuple(out)
