"""The demo reads back through cablegram.read and parses into what was generated."""

from __future__ import annotations

from collections import Counter

import pytest

from cablegram.ids import canonical_id
from cablegram.model import Classification
from cablegram.sources import SourceError, read
from cablegram.synth import synthesize
from cablegram.synth.demo import demo_items
from cablegram.synth.generate import SynthCable

COUNT = 500
LEVELS = {
    "UNCLASSIFIED": Classification.UNCLASSIFIED,
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": Classification.SBU,
    "LIMITED OFFICIAL USE": Classification.SBU,
    "CONFIDENTIAL": Classification.CONFIDENTIAL,
    "CONFIDENTIAL//NOFORN": Classification.CONFIDENTIAL,
    "SECRET": Classification.SECRET,
    "SECRET//NOFORN": Classification.SECRET,
    "TOP SECRET": Classification.TOP_SECRET,
}


@pytest.fixture(scope="module")
def readback(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[object], list[SourceError]]:
    out = tmp_path_factory.mktemp("demo")
    synthesize(COUNT, seed=2, out=out, fmt="demo")
    errors: list[SourceError] = []
    return list(read(out, on_error=errors.append)), errors


def truth() -> dict[str, list[SynthCable]]:
    versions: dict[str, list[SynthCable]] = {}
    for item in demo_items(COUNT, 2):
        versions.setdefault(canonical_id(item.cable.reference_id), []).append(item.cable)
    return versions


def test_the_demo_reads_with_zero_errors(
    readback: tuple[list[object], list[SourceError]],
) -> None:
    records, errors = readback
    assert errors == []
    formats = Counter(getattr(r, "format", "") for r in records)
    assert set(formats) >= {"cablegate-csv", "cablegate-html", "jsonl:cablegate-html", "plusd"}
    assert sum(formats.values()) == sum(1 for _ in demo_items(COUNT, 2))


def test_parse_recovers_ids_classifications_and_refs(
    readback: tuple[list[object], list[SourceError]],
) -> None:
    records, _ = readback
    expected = truth()
    score: Counter[str] = Counter()
    for record in records:
        cable = record.parse()  # type: ignore[attr-defined]
        ref_id = canonical_id(record.reference_id)  # type: ignore[attr-defined]
        versions = expected[ref_id]
        first = versions[0]
        score["all"] += 1
        score["id"] += cable.reference_id == ref_id
        score["level"] += cable.classification == LEVELS[first.classification]
        score["noforn"] += ("NOFORN" in cable.caveats) == ("NOFORN" in first.classification)
        want = sorted({canonical_id(c.reference_id) for c in first.cited if c.reference_id})
        got = sorted({r.value for r in cable.references if r.kind.value == "cable"})
        score["refs"] += want == got
        score["tags"] += [t.code for t in cable.tags] == list(first.tags)
        subjects = {" ".join(v.subject.split()) for v in versions}
        score["subject"] += " ".join((cable.subject or "").split()) in subjects
    for key in ("id", "level", "noforn", "refs", "tags", "subject"):
        assert score[key] >= 0.99 * score["all"], (key, score)


def test_refs_resolve_within_the_demo() -> None:
    expected = truth()
    cited = [c for versions in expected.values() for c in versions[0].cited if c.reference_id]
    resolved = [c for c in cited if canonical_id(c.reference_id or "") in expected]
    assert len(cited) > 100
    assert len(resolved) >= 0.9 * len(cited)
    assert any(not c.in_archive for c in cited)
