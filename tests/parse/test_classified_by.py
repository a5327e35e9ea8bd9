"""Classified By statement: invented authorities in the real spellings, then the real corpus."""

from __future__ import annotations

import pytest
from header_fields_corpus import needs_corpus, records
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Person
from cablegram.parse.classified_by import ClassifiedBy, classified_by, reasons_in

BD = ("1.4(b)", "1.4(d)")


@pytest.mark.parametrize(
    ("text", "people", "reasons"),
    [
        (
            "Classified By: Ambassador John Doe, for reasons 1.4 (b) and (d)\n",
            [("John Doe", "Ambassador")],
            BD,
        ),
        (
            "CLASSIFIED BY DCM EARL QUIMBY. REASONS: 1.5 (B) AND (D).\n",
            [("EARL QUIMBY", "DCM")],
            ("1.5(b)", "1.5(d)"),
        ),
        (
            "Classified By: Acting Deputy Chief of Mission Marc Vole\n",
            [("Marc Vole", "Acting Deputy Chief of Mission")],
            (),
        ),
        (
            "Classified By: Minister Counselor for Economic and Political Affairs Ann B. Ferro "
            "for reasons 1.4 (b) and (d).\n",
            [("Ann B. Ferro", "Minister Counselor for Economic and Political Affairs")],
            BD,
        ),
        (
            "CLASSIFIED BY: Gene Q. Pardoe, Ambassador, US Embassy Tripoli, Department of State. "
            "REASON: 1.4 (b), (d)\n",
            [("Gene Q. Pardoe", "Ambassador, US Embassy Tripoli, Department of State")],
            BD,
        ),
        (
            "CLASSIFIED BY: Quint, Laurel, A/DCM, State REASON: 1.4(B), (D)\n",
            [("Quint, Laurel", "A/DCM, State")],
            BD,
        ),
        (
            "Classified By: Charge d'Affaires, a.i., Hugh Lark for reasons 1.4(B),(D)\n",
            [("Hugh Lark", "Charge d'Affaires, a.i.")],
            BD,
        ),
        (
            "Classified By: CDA Damon R. Leader for reasons 1.4 b/d\n",
            [("Damon R. Leader", "CDA")],
            BD,
        ),
        (
            "Classified By: DCM Robert O. Vane, Jr. for Reasons 1.4 (B, D)\n",
            [("Robert O. Vane Jr.", "DCM")],
            BD,
        ),
        ("Classified By: Anne W. Pimm, for reasons 1.4 (b)(d)\n", [("Anne W. Pimm", None)], BD),
        (
            "CLASSIFIED BY DTRA FRED CARRO AND POLOFF STEVEN PRUSKA FOR REASONS 1.4 (B, D).\n",
            [("FRED CARRO", "DTRA"), ("STEVEN PRUSKA", "POLOFF")],
            BD,
        ),
        (
            "Classified By: PolCouns Janet G. Wiese, E.O. 12958, reasons \n1.4 (b) and (d). \n \n"
            "1.  (C) Summary: text.",
            [("Janet G. Wiese", "PolCouns")],
            BD,
        ),
        (
            "Classified By: Political Counselor Jon Crane - Reasons 1.4 (b,d)\n",
            [("Jon Crane", "Political Counselor")],
            BD,
        ),
        (
            "Classified By: Classified by DCM Edna Dabble for reasons 1.4 (b) a nd (d)\n",
            [("Edna Dabble", "DCM")],
            BD,
        ),
        (
            "Classified By: Political Minister-Counselor Josh Rosen for reaso ns 1.4 b and d.\n",
            [("Josh Rosen", "Political Minister-Counselor")],
            BD,
        ),
        (
            "Classified By: AMBASSADOR MARK LANGLEY PER 1.5(D) \n \n 1.  (C) SUMMARY: text",
            [("MARK LANGLEY", "AMBASSADOR")],
            ("1.5(d)",),
        ),
        (
            "Classified By: DCM Ruth Quay for reasons 1.4 (b/d). (C) The minister said (a) no.\n",
            [("Ruth Quay", "DCM")],
            BD,
        ),
        ("Classified By: XXXXXXXXXXXX reason 1.4 (g,h)\n", [], ("1.4(g)", "1.4(h)")),
        ("Classified By: Derived from Multiple Sources\n", [], ()),
        ("Classified By: Ambassador Mark W...\n", [("Mark", "Ambassador")], ()),
        (
            "Classified ByMinister Counselor Dan Blum for reasons 1.4 (b) and (d).\n",
            [("Dan Blum", "Minister Counselor")],
            BD,
        ),
        (
            "Classified By: Ambassador Kay Ring \nReasons: 1.4 (b) and (d) \n \n-------\nSummary\n",
            [("Kay Ring", "Ambassador")],
            BD,
        ),
    ],
)
def test_classified_by(
    text: str, people: list[tuple[str, str | None]], reasons: tuple[str, ...]
) -> None:
    found = classified_by("SUBJECT: WIDGETS\n\nREF: STATE 1\n\n" + text)
    assert [(p.name, p.title) for p in found.people] == people
    assert found.reasons == reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("for reasons 1.4 (b) and (d)", BD),
        ("REASONS: 1.5 (B) AND (D).", ("1.5(b)", "1.5(d)")),
        ("1.4(B),(D)", BD),
        ("1.4 b/d", BD),
        ("1.4 (B, D)", BD),
        ("1.5 d", ("1.5(d)",)),
        ("Reason: 1.4(d)", ("1.4(d)",)),
        ("E.O. 12958 reasons 1.4 (b) and (d)", BD),
        ("reasons 1.4 (b ) and (d )", BD),
        ("Reasons: 1.4 (B and D )", BD),
        ("REASON: 1.4B, D", BD),
        ("1.4(B)(D)", BD),
        ("for reasons 1.4 (b), (c), and (d).", ("1.4(b)", "1.4(c)", "1.4(d)")),
        ("REASONS 1.4 (B), (C), (D), AND ( F)", ("1.4(b)", "1.4(c)", "1.4(d)", "1.4(f)")),
        ("Reason: 1/4 (B), (D), (E), and (G)", ("1.4(b)", "1.4(d)", "1.4(e)", "1.4(g)")),
        ("Reasons 1 .4 (b/d).", BD),
        ("for reasons 1.4. (b) and (d).", BD),
        ("Reasons 1.4 (a,b,d)", ("1.4(a)", "1.4(b)", "1.4(d)")),
        ("reasons 1.4 a and d", ("1.4(a)", "1.4(d)")),
        ("for reasons b, d.", ()),
        ("", ()),
    ],
)
def test_reasons(text: str, expected: tuple[str, ...]) -> None:
    assert reasons_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "E.O. 12958: DECL: DECLASSIFIED BY NARA 09/02/2009\nTAGS: EFIS\n",
        "UNCLAS STATE 000001\n\nE.O. 12958: N/A\nSUBJECT: X\n\n1. Nothing classified.",
        "x" * 9000 + "\nClassified By: Ambassador Late Comer, reasons 1.4 (d)\n",
    ],
)
def test_absent(text: str) -> None:
    assert classified_by(text) == ClassifiedBy()


def test_people_are_persons() -> None:
    found = classified_by("Classified By: Ambassador Ida Quill for reasons 1.4 (d).")
    assert found.people == (Person("Ida Quill", "Ambassador"),)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("Classified By:REASON 1.45(bdBD),/&and \n.XJr")), max_size=300
    )
)
def test_never_raises(head: str) -> None:
    classified_by(head)
    reasons_in(head)


@needs_corpus
def test_corpus_statements() -> None:
    """Measured: 4,558 texts have the label; 4,506 of them yield something, of which 4,463
    (99.0%) a person and 4,388 (97.4%) reasons. The rest are cut short in the release
    ("Classified By: Charge..."), redacted, or name no reason."""
    statements = with_people = with_reasons = 0
    for r in records():
        if "lassified" not in r.text[:8000] and "LASSIFIED" not in r.text[:8000]:
            continue
        found = classified_by(r.text)
        statements += bool(found.people or found.reasons)
        with_people += bool(found.people)
        with_reasons += bool(found.reasons)
    assert statements >= 4450
    assert with_people / statements >= 0.985
    assert with_reasons / statements >= 0.965
