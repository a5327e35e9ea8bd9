"""SUBJECT line: invented headers in the real layouts, then the real corpus."""

from __future__ import annotations

import re

import pytest
from header_fields_corpus import SUBJECTS, needs_corpus, records
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parse.subject import subject

TAGS = "E.O. 12958: DECL: 11/20/2015\nTAGS: PREL KZ\n"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            TAGS + "SUBJECT: KAZAKHSTAN: INTEREST IN WIDGET COOPERATION\n\nREF: STATE 1\n",
            "KAZAKHSTAN: INTEREST IN WIDGET COOPERATION",
        ),
        (
            TAGS
            + "SUBJECT: KAZAKHSTAN: HIGH INTEREST IN CIVIL WIDGET\nCOOPERATION WITH RURITANIA\n"
            "\nREF: A. STATE 190856\n",
            "KAZAKHSTAN: HIGH INTEREST IN CIVIL WIDGET COOPERATION WITH RURITANIA",
        ),
        (
            TAGS + "SUBJECT:  TWO SPACES AND A TRAILING ONE \n \n1. (C) Body.\n",
            "TWO SPACES AND A TRAILING ONE",
        ),
        (
            TAGS + "SUBJECT: (C) RURITANIA WEIGHS ITS OPTIONS\nClassified By: DCM Jane Roe\n",
            "RURITANIA WEIGHS ITS OPTIONS",
        ),
        (TAGS + "SUBJECT: (SBU) Widget Exports Rise\nREF: STATE 12\n", "Widget Exports Rise"),
        (TAGS + "SUBJECT: (S/NF) MINISTER ON THE BORDER\n", "MINISTER ON THE BORDER"),
        (TAGS + "SUBJ:  ESSA NOBODY TALKS ABOUT FISH \n\n", "ESSA NOBODY TALKS ABOUT FISH"),
        (
            "Tags: prel, pgov, sy\nSubject: codel smith meets the minister\n\n",
            "codel smith meets the minister",
        ),
        # ends at REF, Classified By, a numbered paragraph, a summary, a page header
        (TAGS + "SUBJECT: WIDGET TALKS\nREFS: (A) STATE 1\n", "WIDGET TALKS"),
        (TAGS + "SUBJECT: WIDGET TALKS\n1. (C) Summary: nothing.\n", "WIDGET TALKS"),
        (TAGS + "SUBJECT: WIDGET TALKS\n------- \nSUMMARY\n", "WIDGET TALKS"),
        (TAGS + "SUBJECT: WIDGET TALKS\nSummary and Comment\n", "WIDGET TALKS"),
        (
            TAGS + "SUBJECT: WIDGET TALKS AND\nMORE WIDGETS\nROME 00001196 002 OF 004\n",
            "WIDGET TALKS AND MORE WIDGETS",
        ),
        (TAGS + "SUBJECT: WIDGET TALKS\nPAGE 02 ROME 01196 01 OF 02 082030Z\n", "WIDGET TALKS"),
        (
            TAGS + "SUBJECT: WIDGET TALKS\nSENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT\n",
            "WIDGET TALKS",
        ),
        # line breaks lost: what follows is on the same line
        ("SUBJECT: WIDGET TALKS IN RURITANIAREF: STRELSAU 493\n", "WIDGET TALKS IN RURITANIA"),
        (
            "SUBJECT: WHAT IS BEHIND WIDGET POLICY Classified By: Jane Roe, Econoff, Reason 1.4",
            "WHAT IS BEHIND WIDGET POLICY",
        ),
        (
            "SUBJECT: A STUDY IN WIDGETS SENSITIVE BUT UNCLASSIFIED, PLEASE TREAT ACCORDINGLY \n",
            "A STUDY IN WIDGETS",
        ),
        (
            "SUBJECT:  More than Widgets:  Envoy Talks Development  Summary -------- \n\n",
            "More than Widgets: Envoy Talks Development",
        ),
        (
            "SUBJECT: FRAUD SUMMARY---MONTERREY (SEPTEMBER 2008-FEBRUARY 2009) \n \n",
            "FRAUD SUMMARY---MONTERREY (SEPTEMBER 2008-FEBRUARY 2009)",
        ),
        (
            "SUBJECT: MINISTER WELCOMES U.S. WATERS TRIPOLI 00000310 001.2 OF 004 CLASSIFIED BY: X",
            "MINISTER WELCOMES U.S. WATERS",
        ),
        (
            "SUBJECT: WIDGETS FOR THE CAPITAL NEW DELHI 00007273 001.2 OF 003\n",
            "WIDGETS FOR THE CAPITAL",
        ),
        # MySQL-escaped pages end each line in a backslash
        (
            'SUBJECT: FM SMITH "TAKES NOTE" OF USG CONCERNS \\\nREGARDING WIDGETS \\\n \\\nREF: A',
            'FM SMITH "TAKES NOTE" OF USG CONCERNS REGARDING WIDGETS',
        ),
        # Embassy Tripoli's own index around the subject
        (
            "SUBJECT: TRIPOLI 00000686 R UN 02-SEP-08 LIBYA PRIVATIZES WIDGETS [7982233]\n",
            "LIBYA PRIVATIZES WIDGETS",
        ),
        ("SUBJECT: : WIDGETS DIFFER ON THE EFFECTS\n\n", "WIDGETS DIFFER ON THE EFFECTS"),
    ],
)
def test_subject(head: str, expected: str) -> None:
    assert subject(head) == expected


@pytest.mark.parametrize(
    "head",
    [
        "",
        TAGS + "\n1. (C) The subject of negotiations remains open.\n",
        "SUBJECT:\n\nREF: STATE 1\n",
        "The SUBJECTS of the talks were widgets.",
    ],
)
def test_no_subject(head: str) -> None:
    assert subject(head) is None


def test_long_subject_stops_after_a_few_lines() -> None:
    head = "SUBJECT: " + "\n".join(f"LINE {i} OF A RUNAWAY SUBJECT" for i in range(9))
    assert subject(head) == " ".join(f"LINE {i} OF A RUNAWAY SUBJECT" for i in range(5))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("SUBJECT:REF (C)1.- \\\n0123456789ROME")), max_size=300)
)
def test_never_raises(head: str) -> None:
    subject(head)


@needs_corpus
def test_corpus_cablemap_expected_subjects() -> None:
    """cablemap's five expected subjects (two of them empty) are matched exactly."""
    heads = {r.id: r.head for r in records()}
    for path in sorted((SUBJECTS / "out").glob("*.txt")):
        expected = path.read_text(encoding="utf-8").strip() or None
        assert subject(heads[path.stem]) == expected, path.stem


def _norm(text: str) -> str:
    """Upper case, one space; no leading portion mark, quote or bracket (titles drop them)."""
    text = " ".join(text.replace("\\", " ").split()).upper()
    text = re.sub(r"^(?:STRONG>\s*)?\(?(?:U|C|S|SBU|[CS]/+NF)\)\s*", "", text)
    return text.lstrip('"“([')


@needs_corpus
def test_corpus_subject_agrees_with_page_titles() -> None:
    """WikiLeaks' page title is the first line of the subject, sometimes with the REF or
    Classified By line glued on. Measured over 6,501 titled pages: the subject equals the
    title 2,888 times, extends it (the wrapped lines) 3,185 times, is the title without
    glued-on junk 422 times; 6 disagree (99.9% agree)."""
    agree = titled = 0
    for r in records():
        if r.format != "cablegate-html" or r.title is None:
            continue
        titled += 1
        found = subject(r.head)
        title = _norm(r.title)
        mine = _norm(found) if found else ""
        agree += bool(mine) and (mine.startswith(title) or title.startswith(mine))
    assert titled > 6400
    assert agree / titled >= 0.995
