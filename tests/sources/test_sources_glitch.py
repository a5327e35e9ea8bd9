"""The pages' MySQL-escaped content, decoded."""

from __future__ import annotations

from datetime import datetime

from cablegram.sources import tsv_glitch
from cablegram.sources.dates import aad_date, csv_date, iso_date, plusd_date
from cablegram.sources.mysql import unescape


def test_unescape() -> None:
    assert unescape('say \\"hi\\" it\\\'s') == 'say "hi" it\'s'
    assert unescape("a\\\\n") == "a\\n"
    assert unescape("line \\\nnext \\") == "line \nnext \n"
    assert unescape("plain") == "plain"


def test_ordinary_content_is_not_decoded() -> None:
    assert tsv_glitch.decode("UNCLAS VALLETTA 1 \n\n1. Text. \n", "08VALLETTA1") is None
    assert tsv_glitch.decode("one line ending \\", None) is None


def test_row_with_doubled_date_and_trailing_fields() -> None:
    row = (
        "2009-06-23 10:45:00\t2009-06-23 10:45:00\t09VALLETTA260\tEmbassy Valletta\tSECRET\t"
        "09VALLETTA186\tO 231045Z JUN 09\\\n\tS E C R E T VALLETTA 260 \\\nGREENE \\\t"
        "Embassy Valletta\tSECRET\t09VALLETTA186\tO 231045Z JUN 09\\\n\tS E C R E T \\"
    )
    decoded = tsv_glitch.decode(row, "09VALLETTA260")
    assert decoded is not None
    assert decoded.reference_id == "09VALLETTA260"
    assert decoded.created == datetime(2009, 6, 23, 10, 45)
    assert decoded.references == ("09VALLETTA186",)
    assert decoded.header == "O 231045Z JUN 09\n"
    assert decoded.content == "S E C R E T VALLETTA 260 \nGREENE \tEmbassy Valletta"
    assert decoded.extra["tsv_trailing_fields"] == "4"


def test_row_cut_at_its_start() -> None:
    cut = "SECRET\t\tVZCZCXRO1\\\nPP RUEHWEB\\\n\tS E C R E T VALLETTA 417 \\\n \\\nGREENE \\"
    decoded = tsv_glitch.decode(cut, "09VALLETTA417")
    assert decoded is not None
    assert decoded.extra["glitch"] == "embedded-tsv-row-cut"
    assert decoded.classification == "SECRET"
    assert decoded.references == ()
    assert decoded.header == "VZCZCXRO1\nPP RUEHWEB\n"
    assert decoded.content == "S E C R E T VALLETTA 417 \n \nGREENE \n"
    assert decoded.created is None


def test_page_row_is_chosen_by_id() -> None:
    rows = (
        "2009-01-01 01:01:00\t09VALLETTA1\tEmbassy Valletta\tSECRET\t\tH1\tC1\n"
        "2\t2009-01-02 02:02:00\t09VALLETTA2\tEmbassy Valletta\tSECRET\t\tH2\tC2"
    )
    decoded = tsv_glitch.decode(rows, "09VALLETTA2")
    assert decoded is not None and decoded.content == "C2"
    assert decoded.extra["tsv_other_ids"] == "09VALLETTA1"


def test_dates() -> None:
    assert csv_date("12/28/1966 18:48") == datetime(1966, 12, 28, 18, 48)
    assert csv_date("2/30/2005 9:00") is None
    assert iso_date("2009-01-15 11:47:00") == datetime(2009, 1, 15, 11, 47)
    assert iso_date("1966-12-28T18:48") == datetime(1966, 12, 28, 18, 48)
    assert iso_date("1966-12-28") == datetime(1966, 12, 28)
    assert plusd_date("1973 May 22, 18:28 (Tuesday)") == datetime(1973, 5, 22, 18, 28)
    assert aad_date("22 MAY 1973") == datetime(1973, 5, 22)
    assert aad_date("n/a") is None
