"""The cables.csv-format corpus: layout, REF chains, distributions, determinism."""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from cablegram.synth import synthesize
from cablegram.synth.writer_csv import escape

LEVELS = {
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
}


def rows(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 28)
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f, escapechar="\\", doublequote=False, strict=True))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    path = tmp_path_factory.mktemp("synth") / "cables.csv"
    summary = synthesize(1200, seed=7, out=path, versions=0.05)
    assert summary.cables == 1200
    assert summary.rows == 1200 + summary.versions
    assert summary.versions > 20
    return path, rows(path)


def test_rows_have_the_eight_cables_csv_columns(corpus: tuple[Path, list[list[str]]]) -> None:
    path, table = corpus
    assert all(len(r) == 8 for r in table)
    assert [int(r[0]) for r in table] == list(range(1, len(table) + 1))
    raw = path.read_bytes()
    assert raw.startswith(b'"1","') and raw.endswith(b'"\n')
    assert not raw.startswith(b'"id"')  # no header row


def test_rows_follow_the_real_field_formats(corpus: tuple[Path, list[list[str]]]) -> None:
    _, table = corpus
    for _number, date, ref_id, origin, level, refs, header, content in table:
        month, day, rest = date.split("/")
        year, clock = rest.split(" ")
        assert 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and ":" in clock
        assert ref_id[:2] == year[2:]
        assert level in LEVELS
        assert origin.split(" ")[0] in {
            "Embassy",
            "Consulate",
            "Secretary",
            "USUN",
            "Mission",
            "US",
            "USEU",
            "American",
            "REO",
            "UNVIE",
            "UN",
            "Iran",
        }
        assert header.startswith(
            ("VZCZC", "This record is a partial extract", "R ", "P ", "O ", "Z ")
        )
        first = content.lstrip().split("\n")[0]
        assert first.startswith(
            (
                "UNCLAS",
                "C O N F",
                "CONFIDENTIAL",
                "S E C R E T",
                "SECRET",
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            )
        )
        assert all(r[:2].isdigit() for r in refs.split("|") if r)


def test_dates_never_go_back(corpus: tuple[Path, list[list[str]]]) -> None:
    _, table = corpus
    seen: set[str] = set()
    last = datetime.min
    for row in table:
        when = datetime.strptime(row[1], "%m/%d/%Y %H:%M")
        if row[2] in seen:
            continue  # a later version, written later
        assert when >= last
        last = when
        seen.add(row[2])


def test_refs_cite_earlier_cables_or_ones_not_in_the_archive(
    corpus: tuple[Path, list[list[str]]],
) -> None:
    _, table = corpus
    all_ids = {r[2] for r in table}
    earlier: set[str] = set()
    cited = missing = 0
    for row in table:
        for ref in filter(None, row[5].split("|")):
            cited += 1
            if ref not in earlier:
                assert ref not in all_ids, f"{row[2]} cites {ref}, which comes later"
                missing += 1
        earlier.add(row[2])
    assert cited > 600
    assert 0 < missing < cited * 0.15  # some "not in archive", most resolve


def test_ref_lines_write_the_cited_cables(corpus: tuple[Path, list[list[str]]]) -> None:
    _, table = corpus
    with_refs = [r for r in table if r[5]]
    lettered = sum("REF: A." in r[7] or "REFS: A." in r[7] or "(A)" in r[7] for r in with_refs)
    assert lettered > 50
    for row in with_refs:
        head = row[7][: row[7].find("\n1.")]
        for ref in row[5].split("|"):
            serial = ref.lstrip("0123456789")
            serial = serial[len(serial.rstrip("0123456789")) :]
            assert serial in head.replace(f"{int(serial):06d}", serial), (row[2], ref)


def test_all_six_cablegate_levels_occur_in_realistic_shares(
    corpus: tuple[Path, list[list[str]]],
) -> None:
    _, table = corpus
    levels = Counter(r[4] for r in table)
    assert set(levels) == LEVELS
    assert levels["CONFIDENTIAL"] > levels["UNCLASSIFIED"] > levels["SECRET"]


def test_paragraph_marks_agree_with_the_banner(corpus: tuple[Path, list[list[str]]]) -> None:
    _, table = corpus
    top = {
        "CONFIDENTIAL": "(C)",
        "SECRET": "(S)",
        "SECRET//NOFORN": "(S/NF)",
        "CONFIDENTIAL//NOFORN": "(C/NF)",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "(SBU)",
    }
    for row in table:
        mark = top.get(row[4])
        if mark is not None:
            assert mark in row[7], row[2]
        if row[4] == "UNCLASSIFIED":
            assert not re.search(r"^\d+\.\s+\((?:C|S|SBU)\b", row[7], re.M), row[2]


def test_captions_and_declassification_follow_the_rules(
    corpus: tuple[Path, list[list[str]]],
) -> None:
    _, table = corpus
    for row in table:
        when = datetime.strptime(row[1], "%m/%d/%Y %H:%M")
        year = when.year
        content = row[7]
        head = content[: content.find("SUBJECT")]
        if "SIPDIS" in head:
            assert when >= datetime(2005, 12, 1), row[2]  # SIPDIS began in December 2005
        if "NOFORN" in row[4]:
            assert "NOFORN" in head
        if row[4].startswith("UNCLASSIFIED"):
            assert "N/A" in head
        elif "DECL: " in head and "X" not in head.split("DECL: ")[1][:6]:
            decl = head.split("DECL: ")[1].split()[0]
            assert str(year + 10) in decl


def test_lengths_follow_the_real_distribution(corpus: tuple[Path, list[list[str]]]) -> None:
    _, table = corpus
    lengths = sorted(len(r[7]) for r in table)
    median = lengths[len(lengths) // 2]
    assert 5000 < median < 8500
    assert lengths[-1] > 20_000
    assert lengths[len(lengths) // 20] < 2500


def test_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    digests = set()
    for name in ("a.csv", "b.csv"):
        synthesize(150, seed=3, out=tmp_path / name)
        digests.add(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert len(digests) == 1
    synthesize(150, seed=4, out=tmp_path / "c.csv")
    assert hashlib.sha256((tmp_path / "c.csv").read_bytes()).hexdigest() not in digests


def test_a_folder_gets_a_cables_csv(tmp_path: Path) -> None:
    summary = synthesize(5, seed=1, out=tmp_path / "corpus")
    assert summary.out == tmp_path / "corpus" / "cables.csv"
    assert len(rows(summary.out)) >= 5


def test_mysql_escaping_round_trips_through_the_csv_module() -> None:
    value = 'He said "no" to the Embassy\'s plan \\ twice,\nthen left'
    line = '"' + escape(value) + '","x"\n'
    assert next(csv.reader([line], escapechar="\\", doublequote=False)) == [value, "x"]


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        synthesize(-1, out=tmp_path / "x.csv")
    with pytest.raises(ValueError):
        synthesize(1, out=tmp_path / "x.csv", fmt="xml")
    with pytest.raises(ValueError):
        synthesize(1, out=tmp_path / "x.csv", versions=2.0)


def test_output_does_not_depend_on_string_hashing(tmp_path: Path) -> None:
    """Set iteration order changes with PYTHONHASHSEED; the bytes must not."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from cablegram.synth import synthesize; "
        "synthesize(80, seed=2, out=Path(sys.argv[1]))"
    )
    outs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = tmp_path / f"h{hash_seed}.csv"
        subprocess.run([sys.executable, "-c", code, str(out)], env=env, check=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
