"""The Archive facade end to end, on a few invented cables written as corpus JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cablegram.archive import Archive

PARTIAL = (
    "This record is a partial extract of the original cable. The full text of the original "
    "cable is not available."
)


def _content(serial: int, station: str, subject: str, ref: str | None, body: str) -> str:
    lines = [
        f"C O N F I D E N T I A L {station} {serial:06d} ",
        "",
        "SIPDIS ",
        "",
        "E.O. 12958: DECL: 04/02/2017 ",
        "TAGS: PREL KNNP XY ",
        f"SUBJECT: {subject} ",
        "",
    ]
    if ref:
        lines += [f"REF: {ref} ", ""]
    lines += [
        "Classified By: Ambassador Tamsin Varnholt for reasons 1.4 (b) and (d). ",
        "",
        f"1. (C) {body} ",
        "",
        "2. (C) Comment: the invented talks will resume. End comment. ",
        "",
        "VARNHOLT",
    ]
    return "\n".join(lines)


def _line(cable_id: str, content: str, released: str, **extra: object) -> str:
    return json.dumps(
        {
            "id": cable_id,
            "date": "2007-04-02T10:15",
            "origin": "Embassy Almaty",
            "classification": "CONFIDENTIAL",
            "header": PARTIAL,
            "content": content,
            "format": "cablegate-html",
            "released": released,
            **extra,
        }
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    first = _content(
        512,
        "ALMATY",
        "INVENTED GRAIN QUOTA TALKS",
        None,
        "Deputy Minister Odran Quillane outlined the zephyrine quota.",
    )
    second = _content(
        640,
        "ALMATY",
        "INVENTED QUOTA FOLLOW-UP",
        "07 ALMATY 512",
        "Deputy Minister XXXXXXXXXXXX confirmed the quota.",
    )
    older = second.replace("XXXXXXXXXXXX", "Odran Quillane")
    lines = [
        _line("07ALMATY512", first, "2011-02-01T21:09"),
        _line("07ALMATY640", older, "2010-12-01T21:09", version=2),
        _line("07ALMATY640", second, "2011-02-01T21:09", version=1),
        '{"broken": ',
    ]
    path = tmp_path / "invented.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_archive_end_to_end(tmp_path: Path, source: Path) -> None:
    db = tmp_path / "cablegram.db"
    with Archive(db) as archive:
        summary = archive.ingest([source], workers=0)
        assert summary.totals.new == 2 and summary.totals.updated == 1
        assert summary.totals.quarantined == 1
        assert archive.index_path == tmp_path / "cablegram.db.index"
        assert archive.index_path.is_dir()
        assert len(archive) == 2

        got = archive.get("07 almaty 000640")
        assert got is not None and got.cable_id == "07ALMATY640"
        assert got.cable.subject == "INVENTED QUOTA FOLLOW-UP" and got.version_count == 2
        assert archive.get("07ALMATY9999") is None
        assert archive.get("not an id") is None

        assert [v.is_current for v in archive.versions("07ALMATY640")] == [False, True]
        cites = archive.cites("07ALMATY640")
        assert [(c.cited, c.resolved, c.subject) for c in cites] == [
            ("07ALMATY512", True, "INVENTED GRAIN QUOTA TALKS")
        ]
        assert [c.citing for c in archive.cited_by("07ALMATY512")] == ["07ALMATY640"]

        diff = archive.diff("07ALMATY640")
        assert [(op.op, op.text) for op in diff.ops if op.op != "equal"] == [
            ("delete", "Odran Quillane "),
            ("insert", "XXXXXXXXXXXX "),
        ]

        stats = archive.stats()
        assert (stats.cables, stats.versions, stats.quarantined) == (2, 3, 1)
        assert stats.by_year == {2007: 2} and stats.top_origins == [("ALMATY", 2)]
        assert (stats.citations_resolved, stats.citations_missing) == (1, 0)
        assert [e.reason.split(":")[0] for e in archive.quarantined()] == ["not a JSON line"]

        results = archive.search("zephyrine")
        assert [h.cable_id for h in results.hits] == ["07ALMATY512"]


def test_search_catches_up_with_the_store(tmp_path: Path, source: Path) -> None:
    db = tmp_path / "cablegram.db"
    with Archive(db) as archive:
        archive.ingest([source], workers=0, index=False)  # as if killed before indexing
    with Archive(db) as archive:
        assert [h.cable_id for h in archive.search("zephyrine").hits] == ["07ALMATY512"]


def test_default_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CABLEGRAM_DB", str(tmp_path / "env.db"))
    with Archive() as archive:
        assert archive.db_path == tmp_path / "env.db"
        assert len(archive) == 0 and archive.stats().cables == 0
    assert (tmp_path / "env.db").exists()
