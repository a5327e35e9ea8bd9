from __future__ import annotations

import random
from pathlib import Path

import pytest
from invented_cables import generate, older_version, write_jsonl

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"

BROKEN_LINE = '{"id": "07ROME1", "content": "unterminated'
NO_ID_LINE = '{"content": "Some notes without any marking or serial.", "format": "cablegate-html"}'


@pytest.fixture(scope="session")
def small_jsonl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 invented cables, 5 older versions of them, one broken line and one without an id."""
    cables = generate(30, seed=11)
    rnd = random.Random(5)
    older = [older_version(c, rnd) for c in cables[:5]]
    path = tmp_path_factory.mktemp("small") / "invented.jsonl"
    return write_jsonl(path, [c.obj for c in cables] + older, extra_lines=[BROKEN_LINE, NO_ID_LINE])
