"""The packaged reference tables: the TAGS table and the generic loader behind it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cablegram.model import TagKind
from cablegram.refdata import CACHE_ENV, _write_cache, all_tags, cache_dir, load, tag_info, tag_kind

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


# -- the JSON cache of loaded YAML ------------------------------------------------------------


def _fresh_load(name: str) -> object:
    """``load`` without its in-process memo, as a new process would run it."""
    return load.__wrapped__(name)  # type: ignore[attr-defined]


def test_loaded_tables_are_cached_as_json_keyed_by_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    first = _fresh_load("stations")
    written = sorted(tmp_path.glob("refdata-stations-*.json"))
    assert len(written) == 1
    assert json.loads(written[0].read_text(encoding="utf-8")) == first
    assert _fresh_load("stations") == first  # read back from the cache
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_cache_file_is_what_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proves the second load comes from the file (so the cache is really used), and that
    the file's name ties it to one YAML text."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    _fresh_load("markings")
    (cached,) = tmp_path.glob("refdata-markings-*.json")
    cached.write_text('{"marker": true}', encoding="utf-8")
    assert _fresh_load("markings") == {"marker": True}


def test_a_corrupt_cache_falls_back_to_the_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    expected = _fresh_load("markings")
    (cached,) = tmp_path.glob("refdata-markings-*.json")
    cached.write_text('{"half a fi', encoding="utf-8")
    assert _fresh_load("markings") == expected


def test_an_unwritable_or_disabled_cache_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert _fresh_load("tags")["subject"]["PREL"]
    monkeypatch.setenv(CACHE_ENV, "")
    assert cache_dir() is None
    assert _fresh_load("tags")["subject"]["PREL"]


def test_data_json_would_change_is_not_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "refdata-x.json"
    _write_cache(target, {"when": date(2015, 11, 20)})
    _write_cache(target, {1: "int keys come back as text"})
    assert not target.exists()
    _write_cache(target, {"plain": ["data", 1, None]})
    assert json.loads(target.read_text(encoding="utf-8")) == {"plain": ["data", 1, None]}
