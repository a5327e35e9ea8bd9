"""Redacted copies: withheld words appear in no field at all, visible ones stay."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
from access_helpers import MIXED_WORDS, TODAY, C, everywhere, mixed, reader

from cablegram.access import Policy, Reader
from cablegram.access.redact import scrub_metadata
from cablegram.model import Classification
from cablegram.store.base import Version

POLICY = Policy(today=lambda: TODAY)
LENIENT = Policy(today=lambda: TODAY, withhold_subject_above_clearance=False)

# For each reader: which numbered paragraphs it sees, and whether it sees the header.
SEES: dict[Classification | None, tuple[set[int], bool]] = {
    C.UNCLASSIFIED: ({2}, False),
    C.SBU: ({2, 5}, False),
    C.CONFIDENTIAL: ({2, 3, 5}, False),
    C.SECRET: ({1, 2, 3, 5}, True),
}


def words_of(parts: set[int], header: bool) -> tuple[set[str], set[str]]:
    seen: set[str] = set()
    hidden: set[str] = set()
    for key, words in MIXED_WORDS.items():
        visible = header if key == "header" else key in parts
        (seen if visible else hidden).update(words)
    return seen, hidden


@pytest.mark.parametrize("level", list(SEES))
def test_withheld_words_are_in_no_field(level: Classification) -> None:
    parts, header = SEES[level]
    redacted = POLICY.redact(reader(level), mixed())
    assert redacted is not None
    text = everywhere(redacted)
    seen, hidden = words_of(parts, header)
    for word in hidden:
        assert word.lower() not in text.lower(), word
    for word in seen:
        assert word in redacted.raw, word
    assert "Okapi" not in text


def test_placeholders_name_the_paragraph_and_its_marking() -> None:
    redacted = POLICY.redact(reader(C.CONFIDENTIAL), mixed())
    assert redacted is not None
    texts = [p.text for p in redacted.paragraphs]
    assert texts[0] == "Paragraph 1 withheld: SECRET"
    assert texts[3] == "Paragraph 4 withheld: SECRET//NOFORN"
    assert [p.number for p in redacted.paragraphs] == [1, 2, 3, 4, 5]
    assert [p.marking for p in redacted.paragraphs] == ["S", "U", "C", "S//NF", "SBU"]
    assert all(p.line is None for p in redacted.paragraphs)
    assert "Paragraph 4 withheld: SECRET//NOFORN" in redacted.raw
    assert "Header withheld: SECRET" in redacted.raw


def test_withheld_paragraphs_show_their_requirement_not_the_mark_as_written() -> None:
    cable = mixed(paragraphs=(*mixed().paragraphs[:4], dataclasses.replace(
        mixed().paragraphs[4], marking="S//REL TO USA, GRUNDOVIA", classification=C.SECRET,
        caveats=("REL",))))
    redacted = POLICY.redact(reader(C.CONFIDENTIAL), cable)
    assert redacted is not None
    assert redacted.paragraphs[4].marking == "S" and redacted.paragraphs[4].caveats == ()
    assert "GRUNDOVIA" not in everywhere(redacted)


def test_summary_and_comment_are_recomputed_from_visible_paragraphs() -> None:
    full = mixed()
    assert full.summary and "quokkalith" in full.summary
    confidential = POLICY.redact(reader(C.CONFIDENTIAL), full)
    assert confidential is not None
    assert confidential.summary is None  # it lived in the SECRET paragraph 1
    assert confidential.comment == full.comment  # the CONFIDENTIAL paragraph 3
    unclassified = POLICY.redact(reader(C.UNCLASSIFIED), full)
    assert unclassified is not None and unclassified.comment is None


def test_header_fields_follow_the_header_rule() -> None:
    below = POLICY.redact(reader(C.CONFIDENTIAL), mixed())
    assert below is not None
    assert (below.subject, below.tags, below.references, below.signers,
            below.classified_by, below.reasons) == (None, (), (), (), (), ())
    # The envelope stays: id, origin, date, markings, DECL line.
    assert (below.reference_id, below.origin, below.classification) == \
        ("05ALMATY4321", "ALMATY", C.SECRET)
    assert below.declassify_on is not None and below.problems == ()
    at_level = POLICY.redact(reader(C.SECRET), mixed())
    assert at_level is not None
    assert at_level.subject and at_level.tags and at_level.references and at_level.signers


def test_lenient_deployment_shows_the_subject_only() -> None:
    redacted = LENIENT.redact(reader(C.CONFIDENTIAL), mixed())
    assert redacted is not None
    assert redacted.subject == mixed().subject
    assert "ZEPHYRINE" in redacted.raw
    assert "Marlowe" not in everywhere(redacted) and redacted.tags == ()


def test_nothing_for_no_clearance_and_everything_when_released() -> None:
    assert POLICY.redact(reader(None), mixed()) is None
    released = Policy(today=lambda: TODAY, releases=_Only("05ALMATY4321"))
    assert released.redact(reader(None), mixed()) == mixed()


def test_full_reader_gets_the_original_raw() -> None:
    cable = mixed()
    redacted = POLICY.redact(reader(C.SECRET, ["NOFORN"]), cable)
    assert redacted is cable


def _version(raw: str) -> Version:
    return Version(
        version_id=1, cable_id="05ALMATY4321", raw=raw, text_sha256="abc",
        source_format="jsonl:cablegate-html", source_location="invented.jsonl:1",
        released=None, ingested_at=datetime(2012, 1, 1),
        metadata={"reference_id": "05ALMATY4321", "classification": "SECRET",
                  "header": "SUBJECT: ZEPHYRINE", "content": "1. (S) quokkalith",
                  "extra": {"subject": "ZEPHYRINE"}, "references": ["05ALMATY4100"]},
        is_current=True,
    )


def test_versions_are_redacted_with_their_metadata() -> None:
    cable = mixed()
    version = _version(cable.raw)
    partial = POLICY.redact_version(reader(C.CONFIDENTIAL), version, cable)
    assert partial is not None
    text = everywhere(partial)
    for word in ("quokkalith", "Dravenmoor", "ZEPHYRINE", "Marlowe"):
        assert word not in text
    assert partial.text_sha256 != version.text_sha256
    assert partial.metadata == {"reference_id": "05ALMATY4321", "classification": "SECRET"}
    assert POLICY.redact_version(reader(None), version, cable) is None
    assert POLICY.redact_version(reader(C.SECRET, ["NOFORN"]), version, cable) is version


def test_scrub_metadata_keeps_references_with_the_header() -> None:
    meta = _version("").metadata
    assert scrub_metadata(meta, True)["references"] == ["05ALMATY4100"]
    assert "references" not in scrub_metadata(meta, False)


def test_reader_public_none_sees_only_declassified() -> None:
    public = Reader.public("none")
    assert POLICY.redact(public, mixed()) is None
    old = mixed(declassify_on=TODAY)
    assert POLICY.redact(public, old) == old


class _Only:
    def __init__(self, cable_id: str) -> None:
        self.cable_id = cable_id

    def is_released(self, cable_id: str) -> bool:
        return cable_id == self.cable_id

    def released_ids(self) -> frozenset[str]:
        return frozenset({self.cable_id})
