"""REF blocks: invented blocks in the real shapes, then the real corpus against published lists."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram import ids
from cablegram.model import Reference, ReferenceKind
from cablegram.parse.refs import references
from cablegram.parse.text import prepare

CABLE, EMAIL, MEETING, OTHER = (
    ReferenceKind.CABLE,
    ReferenceKind.EMAIL,
    ReferenceKind.MEETING,
    ReferenceKind.OTHER,
)
HEAD = "C O N F I D E N T I A L ALMATY 004321\n\nSIPDIS\n\nE.O. 12958: DECL: 11/20/2015\n"
SUBJECT = "TAGS: PREL KZ\nSUBJECT: KAZAKHSTAN: INVENTED SUBJECT FOR TESTS\n\n"
BY = "\n\nClassified By: Ambassador Jane Q. Example, reasons 1.4 (b) and (d).\n\n"

Expected = list[tuple[ReferenceKind, str, str | None]]


def _refs(block: str, year: int | None = 2005, self_id: str | None = "05ALMATY4321") -> Expected:
    found = references(HEAD + SUBJECT + block + BY, year=year, self_id=self_id)
    return [(r.kind, r.value, r.bullet) for r in found]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # lettered lists, one per line or run together, in every lettering
        (
            "REF: A. STATE 190123\n\nB. STATE 203456",
            [(CABLE, "05STATE190123", "A"), (CABLE, "05STATE203456", "B")],
        ),
        (
            "REF: A) MOSCOW 1234 B) MOSCOW 1201 C) 04 MOSCOW 9876",
            [
                (CABLE, "05MOSCOW1234", "A"),
                (CABLE, "05MOSCOW1201", "B"),
                (CABLE, "04MOSCOW9876", "C"),
            ],
        ),
        (
            "REF: (A) STATE 145167 (B) BRASILIA 1291",
            [(CABLE, "05STATE145167", "A"), (CABLE, "05BRASILIA1291", "B")],
        ),
        (
            "REFS: a. state 75839\nb. Berlin 195",
            [(CABLE, "05STATE75839", "A"), (CABLE, "05BERLIN195", "B")],
        ),
        (
            "REF: A: MUMBAI 1719; B: MUMBAI 818; C: 04 MUMBAI 1727",
            [
                (CABLE, "05MUMBAI1719", "A"),
                (CABLE, "05MUMBAI818", "B"),
                (CABLE, "04MUMBAI1727", "C"),
            ],
        ),
        (
            "REF: A. (A) 03 BRASILIA 2313\n     B. (B) BRASILIA 2428",
            [(CABLE, "03BRASILIA2313", "A"), (CABLE, "05BRASILIA2428", "B")],
        ),
        (
            "REF A: VATICAN 5286; REF B: VATICAN 5546",
            [(CABLE, "05VATICAN5286", "A"), (CABLE, "05VATICAN5546", "B")],
        ),
        (
            "REF A TALKING POINTS FOR THE INVENTED VISIT\nREF B SECSTATE 76108",
            [(OTHER, "TALKING POINTS FOR THE INVENTED VISIT", "A"), (CABLE, "05STATE76108", "B")],
        ),
        # AND and comma lists, and a bare serial after a letter
        ("REF: PARIS 1501 AND 1568", [(CABLE, "05PARIS1501", None), (CABLE, "05PARIS1568", None)]),
        (
            "REF: STATE 55461, STATE 57036, 66050",
            [
                (CABLE, "05STATE55461", None),
                (CABLE, "05STATE57036", None),
                (CABLE, "05STATE66050", None),
            ],
        ),
        (
            "REF:  A) STATE 15111 AND B) 13716",
            [(CABLE, "05STATE15111", "A"), (CABLE, "05STATE13716", "B")],
        ),
        (
            "REF: TEHRAN 1091: TEHRAN 263: MOSCOW 1603",
            [
                (CABLE, "05TEHRAN1091", None),
                (CABLE, "05TEHRAN263", None),
                (CABLE, "05MOSCOW1603", None),
            ],
        ),
        # years: two or four digits, quoted, glued, after the serial, or none
        ("REF: 06 TBILISI 2601", [(CABLE, "06TBILISI2601", None)]),
        (
            "REF: A. 2004 STATE 239012\n\nB. 2004 THE HAGUE 3156 (NOT ALL)",
            [(CABLE, "04STATE239012", "A"), (CABLE, "04THEHAGUE3156", "B")],
        ),
        ("REF: A. '04 BUENOS AIRES 1491", [(CABLE, "04BUENOSAIRES1491", "A")]),
        (
            "REF: A. 04STATE12345 B. 09MANAMA 281",
            [(CABLE, "04STATE12345", "A"), (CABLE, "09MANAMA281", "B")],
        ),
        (
            "REF: A. LIMA 4516 (04) B. PANAMA 00933/03",
            [(CABLE, "04LIMA4516", "A"), (CABLE, "03PANAMA933", "B")],
        ),
        # the citing cable's own serials only grow: ALMATY 5100 is from the year before
        (
            "REF: A. ALMATY 4100 B. ALMATY 5100",
            [(CABLE, "05ALMATY4100", "A"), (CABLE, "04ALMATY5100", "B")],
        ),
        # zeros as the letter O, spaced and truncated stations, prefixes, misspellings
        ("REF: STATE 19O856", [(CABLE, "05STATE190856", None)]),
        (
            "REF: A. LA PAZ 1157 B. RIO DE JAN 567 C. USUN NEW YORK 2635 D. Sao Paulo 87",
            [
                (CABLE, "05LAPAZ1157", "A"),
                (CABLE, "05RIODEJANEIRO567", "B"),
                (CABLE, "05USUNNEWYORK2635", "C"),
                (CABLE, "05SAOPAULO87", "D"),
            ],
        ),
        ("REF: USMISSION GENEVA 2654", [(CABLE, "05GENEVA2654", None)]),
        (
            "REF: A. TRIPOLII 695 B. SECTATE 188288",
            [(CABLE, "05TRIPOLI695", "A"), (CABLE, "05STATE188288", "B")],
        ),
        ("REF: STATE -097844", [(CABLE, "05STATE97844", None)]),
        # noise: handling words, classification, titles in parentheses, AND PREVIOUS
        (
            "REF: A. HARARE 5346 CONFIDENTIAL B. STATE 128399 (NOTAL) C. ANKARA 1516 (EXDIS)",
            [
                (CABLE, "05HARARE5346", "A"),
                (CABLE, "05STATE128399", "B"),
                (CABLE, "05ANKARA1516", "C"),
            ],
        ),
        (
            "REF: WELLINGTON 539 (PARTIES BACK AWAY FROM A\nPLEDGE) AND PREVIOUS",
            [(CABLE, "05WELLINGTON539", None)],
        ),
        # the cable's own id is no reference
        ("REF: A. ALMATY 4321 B. ALMATY 4300", [(CABLE, "05ALMATY4300", "B")]),
        # documents of other kinds
        (
            "REF: A. DOE-SMITH EMAIL 11/12/04 B. STATE 1234",
            [(EMAIL, "DOE-SMITH EMAIL 11/12/04", "A"), (CABLE, "05STATE1234", "B")],
        ),
        (
            "REFS: A) Reykjavik 217  B) Roe-Doe telecon  C) Example-Sample \ntelecon",
            [
                (CABLE, "05REYKJAVIK217", "A"),
                (MEETING, "Roe-Doe telecon", "B"),
                (MEETING, "Example-Sample telecon", "C"),
            ],
        ),
        (
            "REF: A. OSC EUP20040707950031 B. CJTF-HOA 121200Z JUN 04",
            [(OTHER, "OSC EUP20040707950031", "A"), (OTHER, "CJTF-HOA 121200Z JUN 04", "B")],
        ),
        (
            "REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966",
            [(CABLE, "05STATE106206", None), (OTHER, "STATE CA-3400 NOV 2, 1966", None)],
        ),
        (
            "REF: A. 04 USDAO BRASILIA IIR 6 809 0235 04 B. DIA IIR 6 802 0086 04",
            [
                (OTHER, "04 USDAO BRASILIA IIR 6 809 0235 04", "A"),
                (OTHER, "DIA IIR 6 802 0086 04", "B"),
            ],
        ),
        (
            "REF: A. STATE 1234 AND ROE-DOE E-MAIL OF 3/4",
            [(CABLE, "05STATE1234", "A"), (EMAIL, "ROE-DOE E-MAIL OF 3/4", "A")],
        ),
        # a station whose serial is missing says nothing
        ("REF: A. FREETOWN 336  B. FREETOWN", [(CABLE, "05FREETOWN336", "A")]),
        ("REF:  N/A", []),
    ],
)
def test_references(block: str, expected: Expected) -> None:
    assert _refs(block) == expected


def test_no_ref_block() -> None:
    assert references(HEAD + SUBJECT, year=2005, self_id=None) == ()
    assert references("", year=None, self_id=None) == ()
    assert (
        references("SUBJECT: REFORM OF THE INVENTED REFUGEE OFFICE\n", year=2005, self_id=None)
        == ()
    )


def test_reference_fields() -> None:
    (ref,) = references("REF: A. 04 LA PAZ 001157 (NOTAL)\n", year=2005, self_id=None)
    assert ref == Reference(CABLE, "04LAPAZ1157", "04 LA PAZ 001157", "A")


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # a citation without a year, in a cable whose year is unknown: no id is invented
        (
            "REF: A. STATE 190123 B. 04 STATE 203456",
            [(OTHER, "STATE 190123", "A"), (CABLE, "04STATE203456", "B")],
        ),
    ],
)
def test_references_without_a_year(block: str, expected: Expected) -> None:
    assert _refs(block, year=None, self_id=None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the block ends at Classified By, even on its own line
        (
            "REF: A. STATE 1111 B. STATE 2222 Classified By: Jane Example",
            ["05STATE1111", "05STATE2222"],
        ),
        # at a blank line followed by prose, and at paragraph 1
        (
            "REF: STATE 3333\n\nPost delivered the points of STATE 4444 to the ministry.\n",
            ["05STATE3333"],
        ),
        ("REF: STATE 3333 1. (SBU) Post delivered STATE 4444 points.", ["05STATE3333"]),
        ("REF: STATE 3333\n\n(U) Post delivered STATE 4444 points.", ["05STATE3333"]),
        # blank lines between items are no end
        (
            "REF: A. CAIRO 1925 \n \n     B. CAIRO 1850 \n \n     C. CAIRO 1433 \n \nSUMMARY",
            ["05CAIRO1925", "05CAIRO1850", "05CAIRO1433"],
        ),
        # a SUBJECT line run on into the label
        ("SUBJECT: AN INVENTED SUBJECT REF: BRASILIA 1917 Classified By: X", ["05BRASILIA1917"]),
        # section and page headers glued into the block
        (
            "REF: A) TOKYO 3873 B) TOKYO 4025  TOKYO 00005805  001.2 OF 004  \n",
            ["05TOKYO3873", "05TOKYO4025"],
        ),
        (
            "REF: A. JEDDAH 401 B. THE HAGUE 133 C. COPENHAGEN\n00072\n"
            "JEDDAH 00000084  001.2 OF 003\n",
            ["05JEDDAH401", "05THEHAGUE133", "05COPENHAGEN72"],
        ),
        # a rendering cut with "...": the cut item is dropped, a later full copy read
        (
            "REF: A. THE HAGUE 1701 \n \n     B. SECSTATE 1...\n\n99999\n\nREF: A. THE HAGUE 1701"
            "\n\nB. SECSTATE 147536\n",
            ["05THEHAGUE1701", "05STATE147536"],
        ),
        # MySQL escapes at line ends (glitch pages)
        (
            "REF: A. BERN 186 \\\n     B. BERN 190 \\\n \\\nClassified By: X \\\n",
            ["05BERN186", "05BERN190"],
        ),
    ],
)
def test_block_extent(text: str, expected: list[str]) -> None:
    found = references(HEAD + text, year=2005, self_id=None)
    assert [r.value for r in found if r.kind is CABLE] == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_never_raises(text: str) -> None:
    for head in (text, "REF: " + text, "REF: A. STATE 12 B. " + text):
        for ref in references(head, year=2005, self_id="05STATE12"):
            assert ref.kind is not CABLE or ids.split_id(ref.value) is not None


# The real corpus, read at run time (never copied): published reference lists.

SHARED = (Path(__file__).resolve().parents[2] / ".." / "shared").resolve()
CORPUS = SHARED / "corpus" / "cables.jsonl.gz"
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_file(), reason=f"the real corpus is not beside the repository ({CORPUS})"
)
# "destination: A|B" of the cables.csv-style records some pages embed: WikiLeaks' own list.
_PUBLISHED = re.compile(r"refid: (\S+)\n(?:.*\n){0,3}?destination: ?(.*)\n")


def _parsed(record: dict[str, object]) -> set[tuple[str, int]]:
    """(station, serial) of the cables a record cites: WikiLeaks and this reader differ on
    years (it gives the citing year; serials above the cable's own are the year before)."""
    prep = prepare(str(record["content"]))
    self_id = ids.canonical_id(str(record["id"]))
    year = int(str(record["date"])[:4])
    found = references(prep.head, year=year, self_id=self_id)
    return {(p[1], p[2]) for r in found if r.kind is CABLE and (p := ids.split_id(r.value))}


def _published(values: list[str], self_id: str) -> set[tuple[str, int]]:
    out = set()
    for value in values:
        try:
            parts = ids.split_id(ids.canonical_id(value))
        except ValueError:
            continue  # WikiLeaks' list holds words such as "SECRET" at times
        if parts is not None and ids.make_id(*parts) != self_id:  # it lists self-references
            out.add((parts[1], parts[2]))
    return out


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@needs_corpus
def test_published_lists_are_found(corpus: list[dict[str, object]]) -> None:
    """Every cable in WikiLeaks' own reference lists (185 of them) is found."""
    checked = missed = 0
    for record in corpus:
        lists = [m.group(2).split("|") for m in _PUBLISHED.finditer(str(record["content"]))]
        embedded = record.get("embedded_record")
        if isinstance(embedded, dict) and embedded.get("references") is not None:
            lists.append(list(embedded["references"]))
        if record["format"] == "cablegate-csv":
            lists.append(list(record["references"]))  # type: ignore[call-overload]
        for published in lists:
            expected = _published(published, ids.canonical_id(str(record["id"])))
            checked += 1
            missed += not expected <= _parsed(record)
    assert checked == 185
    assert missed == 0


@needs_corpus
def test_csv_references_exactly(corpus: list[dict[str, object]]) -> None:
    for record in corpus:
        if record["format"] == "cablegate-csv":
            prep = prepare(str(record["content"]))
            found = references(
                prep.head, year=int(str(record["date"])[:4]), self_id=str(record["id"])
            )
            cables = sorted(r.value for r in found if r.kind is CABLE)
            assert cables == sorted(record["references"])  # type: ignore[call-overload]


@needs_corpus
def test_plusd_reference_attribute(corpus: list[dict[str, object]]) -> None:
    """PlusD's "Reference" attribute ("STATE -097844", "A. STATE 97844") names cited cables."""
    checked = 0
    for record in corpus:
        published = record.get("references")
        if record["format"] == "plusd" and isinstance(published, list):
            prep = prepare(str(record["content"]))
            year = int(str(record["date"])[:4])
            found = references(prep.head, year=year, self_id=ids.canonical_id(str(record["id"])))
            for value in published:
                cited = ids.canonical_id(f"{year} {re.sub(r'^[A-Z][.)] ', '', str(value))}")
                assert cited in [r.value for r in found]
                checked += 1
    assert checked == 2


@needs_corpus
def test_whole_corpus(corpus: list[dict[str, object]]) -> None:
    kinds = {kind: 0 for kind in ReferenceKind}
    for record in corpus:
        prep = prepare(str(record["content"]))
        for ref in references(prep.head, year=None, self_id=None):
            kinds[ref.kind] += 1
    assert kinds[OTHER] > 0 and kinds[EMAIL] > 100 and kinds[MEETING] > 20
