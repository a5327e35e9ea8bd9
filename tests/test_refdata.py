"""The packaged reference tables: the TAGS table and the generic loader behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.model import TagKind
from cablegram.refdata import all_tags, load, tag_info, tag_kind

REFERENCE = (Path(__file__).resolve().parents[1] / ".." / "shared" / "reference").resolve()
# Letters FIPS gives to a country that the organisation list also uses for a company:
# BP is the Solomon Islands in a TAGS line, and British Petroleum in that list.
_GEOGRAPHIC_OVER_ORGANISATION = {"BP"}


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("PREL", TagKind.SUBJECT, "political relations"),
        ("prel", TagKind.SUBJECT, "political relations"),
        ("KNNP", TagKind.PROGRAM, "non-proliferation"),
        ("KZ", TagKind.GEOGRAPHIC, "Kazakhstan"),
        ("CH", TagKind.GEOGRAPHIC, "China"),
        ("GM", TagKind.GEOGRAPHIC, "Germany"),
        ("NO", TagKind.GEOGRAPHIC, "Norway"),  # YAML 1.1 would read an unquoted NO as False
        ("IAEA", TagKind.ORGANISATION, "Atomic Energy"),
        ("ZANU-PF", TagKind.ORGANISATION, "Zimbabwe"),
        ("AU-1", TagKind.ORGANISATION, "African Union"),
        ("XF", TagKind.GEOGRAPHIC, "Middle East"),
    ],
)
def test_tag_info(code: str, kind: TagKind, words: str) -> None:
    info = tag_info(code)
    assert info is not None
    assert info.code == code.upper()
    assert info.kind is kind
    assert words in info.definition


@pytest.mark.parametrize("code", ["ZZZZ", "", "ECONOMIC", "prel "])
def test_unknown_codes(code: str) -> None:
    assert tag_info(code) is None
    assert tag_kind(code) is TagKind.UNKNOWN


def test_table_follows_the_tags_conventions() -> None:
    tags = all_tags()
    assert len(tags) > 450
    assert len({t.code for t in tags}) == len(tags)
    for t in tags:
        assert t.code == t.code.upper().strip(), t
        assert t.definition.strip(), t
        assert t.kind not in (TagKind.PERSON, TagKind.UNKNOWN), t
        if t.kind is TagKind.PROGRAM:
            assert t.code.startswith("K") or t.code in {"IPR", "TIP"}, t
        if t.kind is TagKind.SUBJECT:
            assert len(t.code) == 4 and t.code[0] in "ABCEMOPST" and t.code[0] != "K", t
        if t.kind is TagKind.GEOGRAPHIC:
            assert len(t.code) == 2 and t.code.isalpha(), t


def test_load_is_cached_and_generic() -> None:
    assert load("tags") is load("tags")
    assert set(load("tags")) == {"geographic", "subject", "program", "organisation"}


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"no reference lists at {REFERENCE}")
def test_table_agrees_with_the_published_lists() -> None:
    """Every published subject tag is a subject here; no published organisation is miskinded."""
    subjects = {line.strip() for line in (REFERENCE / "subject-tags.txt").read_text().split("\n")}
    organisations = {
        line.strip().upper()
        for line in (REFERENCE / "organization-tags.txt").read_text().split("\n")
    }
    subjects.discard("")
    organisations.discard("")
    missing = sorted(c for c in subjects if tag_kind(c) is not TagKind.SUBJECT)
    assert missing == []
    clashes = sorted(
        c
        for c in organisations
        if tag_info(c) is not None
        and tag_kind(c) is not TagKind.ORGANISATION
        and c not in _GEOGRAPHIC_OVER_ORGANISATION
    )
    assert clashes == []
