"""The demo corpus: every format, level and caveat; it reads back and parses as generated."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest

from cablegram.synth import synthesize
from cablegram.synth.demo import demo_items

COUNT = 600


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    summary = synthesize(COUNT, seed=11, out=out, fmt="demo")
    assert summary.cables == COUNT
    assert summary.versions > 10
    assert set(summary.formats) == {"csv", "html", "jsonl", "pdf", "plusd"}
    return out


def test_every_layout_is_written_where_readers_expect_it(demo: Path) -> None:
    assert (demo / "cables.csv").stat().st_size > 0
    assert (demo / "versions.jsonl").stat().st_size > 0
    pages = list(demo.glob("cable/*/*/*.html"))
    assert pages and all(re.fullmatch(r"\d\d[A-Z]+\d+\.html", p.name) for p in pages)
    assert all(
        p.parent.parent.name == "20" + p.name[:2] or p.parent.parent.name[:2] == "19" for p in pages
    )
    assert list(demo.glob("pdf-text/*.txt"))
    assert [p.name for p in demo.glob("plusd/cables/*_b.html")]


def test_every_classification_and_caveat_is_present() -> None:
    levels: Counter[str] = Counter()
    caveats: Counter[str] = Counter()
    for item in demo_items(COUNT, 11):
        levels[item.cable.classification] += 1
        caveats.update(item.cable.caveats)
    assert set(levels) == {
        "UNCLASSIFIED",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "CONFIDENTIAL",
        "CONFIDENTIAL//NOFORN",
        "SECRET",
        "SECRET//NOFORN",
        "TOP SECRET",
        "LIMITED OFFICIAL USE",
    }
    for caveat in (
        "SIPDIS",
        "NOFORN",
        "EXDIS",
        "NODIS",
        "STADIS",
        "LIMDIS",
        "NOCONTRACT",
        "ORCON",
        "SENSITIVE",
    ):
        assert caveats[caveat], caveat


def test_cable_pages_have_the_real_page_structure(demo: Path) -> None:
    page = next(iter(sorted(demo.glob("cable/*/*/*.html")))).read_text("utf-8")
    assert "<title>Cable Viewer</title>" in page and "<table class='cable'>" in page
    pres = re.findall(r"<pre>(.*?)</pre>", page, re.S)
    assert len(pres) == 2 and "\n" not in pres[1] and "&#x000A;" in pres[1]
    assert re.search(r"TAGS: <a href='/tag/[A-Z]+_0.html'>", pres[1])
    assert "<a id='par1' href='#par1'>¶</a>1." in pres[1]


def test_pdf_text_keeps_crlf_latin1_and_the_pilcrow(demo: Path) -> None:
    raw = next(iter(sorted(demo.glob("pdf-text/*.txt")))).read_bytes()
    assert raw.startswith(b"\r\nVZCZC")
    assert b"\r\n\xb61. " in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_versions_carry_release_dates_and_differ_in_text() -> None:
    by_id: dict[str, list[tuple[str, str]]] = {}
    for item in demo_items(COUNT, 11):
        if item.fmt in ("jsonl", "csv", "html"):
            by_id.setdefault(item.cable.reference_id, []).append(
                (item.released.isoformat(), item.cable.content + str(item.cable.created))
            )
    multi = {k: v for k, v in by_id.items() if len(v) > 1}
    assert len(multi) > 10
    for versions in multi.values():
        assert versions[0][0] < versions[1][0]  # later version, later release
        assert versions[0][1] != versions[1][1]


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    def digest(root: Path) -> dict[str, str]:
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    synthesize(120, seed=5, out=tmp_path / "a", fmt="demo")
    synthesize(120, seed=5, out=tmp_path / "b", fmt="demo")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")


def test_the_demo_uses_no_real_corpus_text(demo: Path) -> None:
    """The demo is invented: none of its paragraphs may come from the real corpus."""
    shared = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "cables.jsonl.gz"
    if not shared.exists():
        pytest.skip("the real corpus (../shared/corpus) is not present")
    from cablegram.synth.paragraphs import CorpusParagraphs, split_paragraphs

    def starts(texts: list[str]) -> set[str]:
        return {" ".join(t.split())[:80] for t in texts if len(t) > 120}

    real = starts(CorpusParagraphs(shared).texts)
    ours = starts(split_paragraphs((demo / "cables.csv").read_text("utf-8")))
    assert len(ours) > 500
    assert not real & ours
