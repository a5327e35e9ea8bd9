"""Office addressee lines, in the patterns posts use (invented offices and officers)."""

from __future__ import annotations

import pytest

from cablegram.parse.offices import offices

CASES = [
    (
        "C O N F I D E N T I A L ASTANA 001234\n\nSIPDIS\n\n"
        "DEPT FOR SCA/CEN (R. HALVERSON), EUR/PRA (M. TOLLAND), NP/RA\n(K. ODUYA)\n\n"
        "E.O. 12958: DECL: 11/20/2017\n",
        ("DEPT FOR SCA/CEN (R. HALVERSON)", "DEPT FOR EUR/PRA (M. TOLLAND)",
         "DEPT FOR NP/RA (K. ODUYA)"),
    ),
    (
        "NSC FOR SENIOR DIRECTOR ANNA BERG\nLONDON FOR PETER VALE\nPASS USTR FOR JOHN ROE\n\n"
        "EO 12958 DECL: 09/21/10\n",
        ("NSC FOR SENIOR DIRECTOR ANNA BERG", "LONDON FOR PETER VALE",
         "PASS USTR FOR JOHN ROE"),
    ),
    ("STATE FOR NEA/ARP, NEA/ARN AND NEA/ENA\nTAGS: PREL\n",
     ("STATE FOR NEA/ARP", "STATE FOR NEA/ARN", "STATE FOR NEA/ENA")),
    ("DEPT FOR WHA/BSC E.O. 12958: DECL: 11/22/2012\n", ("DEPT FOR WHA/BSC",)),
    ("DEPT FOR EUR/WE (HANLEY); DRL/IRF (OKAFOR)\n",
     ("DEPT FOR EUR/WE (HANLEY)", "DEPT FOR DRL/IRF (OKAFOR)")),
    ("TREASURY ALSO FOR OIA\n", ("TREASURY FOR OIA",)),  # "ALSO" is no part of the office
    # Prose with FOR is not an office line.
    ("SUBJECT: MINISTER ASKS\nGENERATES SUPPORT AMONG INDEPENDENT VOTERS FOR REFORM\n", ()),
    ("", ()),
    ("E.O. 12958: N/A\nDEPT FOR EUR/WE\n", ()),  # after the E.O. line: body, not the header
]


@pytest.mark.parametrize(("head", "expected"), CASES)
def test_offices(head: str, expected: tuple[str, ...]) -> None:
    assert offices(head) == expected
