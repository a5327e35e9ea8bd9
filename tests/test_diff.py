from __future__ import annotations

import itertools
import random
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.diff import DiffError, DiffOp, diff_versions, word_diff
from cablegram.model import Cable
from cablegram.sources.record import SourceRecord
from cablegram.store import rows
from cablegram.store.base import ParsedRecord
from cablegram.store.sqlite import SQLiteStore

UNREDACTED = """C O N F I D E N T I A L SECTION 01 OF 02 ALGIERS 000045

SIPDIS

SUBJECT: INVENTED MINISTER DISCUSSES HARBOUR PROJECT

1. (C) Ambassador met Minister Karim Benhaddou on January 9.
Benhaddou said the harbour tender would close in March.

2. (C) Comment: the minister seemed confident. End comment.
"""
REDACTED = UNREDACTED.replace("Karim Benhaddou", "XXXXXXXXXXXX").replace(
    "Benhaddou said", "XXXXXXXXXXXX said"
)


def old_of(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.op != "insert")


def new_of(ops: list[DiffOp]) -> str:
    return "".join(op.text for op in ops if op.op != "delete")


def test_redaction_shows_as_words() -> None:
    ops = word_diff(UNREDACTED, REDACTED)
    changed = [(op.op, op.text) for op in ops if op.op != "equal"]
    assert changed == [
        ("delete", "Karim Benhaddou "),
        ("insert", "XXXXXXXXXXXX "),
        ("delete", "Benhaddou "),
        ("insert", "XXXXXXXXXXXX "),
    ]
    assert old_of(ops) == UNREDACTED and new_of(ops) == REDACTED


def test_identical_is_one_equal_piece() -> None:
    assert word_diff(UNREDACTED, UNREDACTED) == [DiffOp("equal", UNREDACTED)]
    assert word_diff("", "") == []


def test_whitespace_only_change_is_visible() -> None:
    stripped = "\n".join(line.rstrip() for line in UNREDACTED.splitlines()) + "\n"
    trailing = UNREDACTED.replace("000045\n", "000045 \n")
    ops = word_diff(stripped, trailing)
    assert [op for op in ops if op.op != "equal"] == [
        DiffOp("delete", "000045\n"),
        DiffOp("insert", "000045 \n"),
    ]


def test_empty_sides() -> None:
    assert word_diff("", "a b") == [DiffOp("insert", "a b")]
    assert word_diff("a b", "") == [DiffOp("delete", "a b")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n.X", max_size=60), st.text(alphabet="ab \n.X", max_size=60))
def test_pieces_rebuild_both_texts(old: str, new: str) -> None:
    ops = word_diff(old, new)
    assert old_of(ops) == old and new_of(ops) == new
    assert all(op.text for op in ops)
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))


def _invented_long_text(seed: int, size: int) -> str:
    rnd = random.Random(seed)
    vocab = [f"w{n}" for n in range(400)] + ["the", "of", "and", "(C)", "minister", "said"]
    lines = []
    while sum(map(len, lines)) < size:
        lines.append(" ".join(rnd.choice(vocab) for _ in range(rnd.randint(4, 12))) + " ")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", ["edits", "rewrapped", "unrelated"])
def test_66kb_diff_is_fast(kind: str) -> None:
    old = _invented_long_text(1, 66_000)
    if kind == "edits":
        words = old.split(" ")
        rnd = random.Random(2)
        for _ in range(300):
            words[rnd.randrange(len(words))] = "XXXXXXXXXXXX"
        new = " ".join(words)
    elif kind == "rewrapped":
        flat = old.split()
        new = "\n".join(" ".join(flat[i : i + 9]) for i in range(0, len(flat), 9))
    else:
        new = _invented_long_text(3, 66_000)
    began = time.process_time()  # CPU time: wall time on a shared CI machine is noise
    ops = word_diff(old, new)
    assert time.process_time() - began < 0.5
    assert old_of(ops) == old and new_of(ops) == new


def _parsed(text: str, released: datetime | None, created: datetime) -> ParsedRecord:
    record = SourceRecord(
        text=text,
        format="jsonl:cablegate-html",
        location="x.jsonl:1",
        reference_id="07ALGIERS45",
        released=released,
        created=created,
    )
    cable = Cable(raw=text, reference_id="07ALGIERS45")
    return ParsedRecord(record, "07ALGIERS45", cable, rows.text_sha256(text))


def test_diff_versions(tmp_path: Path) -> None:
    created = datetime(2007, 1, 10, 8, 8)
    with SQLiteStore(tmp_path / "a.db") as store:
        with pytest.raises(DiffError, match="no cable"):
            diff_versions(store, "07ALGIERS45")
        store.add([_parsed(REDACTED, datetime(2011, 1, 1), created)])
        with pytest.raises(DiffError, match="single version"):
            diff_versions(store, "07ALGIERS45")
        store.add([_parsed(UNREDACTED, datetime(2010, 12, 1), created)])
        store.add([_parsed(REDACTED, datetime(2011, 1, 1), datetime(2007, 1, 10, 8, 52))])
        result = diff_versions(store, "07ALGIERS45")  # the two 2011 releases: a date fix
        assert (result.old_number, result.new_number) == (2, 3)
        assert result.ops == [DiffOp("equal", REDACTED)]
        assert result.metadata == {"created": ("2007-01-10T08:08:00", "2007-01-10T08:52:00")}
        assert result.changed and result.new.is_current
        first = diff_versions(store, "07ALGIERS45", 1, 2)
        assert old_of(first.ops) == UNREDACTED and new_of(first.ops) == REDACTED
        assert diff_versions(store, "07ALGIERS45", -3, -2).ops == first.ops
        with pytest.raises(DiffError, match="versions 1 to 3; there is no 4"):
            diff_versions(store, "07ALGIERS45", 1, 4)
