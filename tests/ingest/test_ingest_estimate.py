from __future__ import annotations

import gzip
import random
from pathlib import Path

from cablegram.ingest.estimate import Estimator, input_size


def test_input_size_of_plain_and_gzip_files(tmp_path: Path) -> None:
    plain = tmp_path / "a.jsonl"
    plain.write_bytes(b"x" * 5000)
    rnd = random.Random(1)
    text = " ".join(
        rnd.choice(["grain", "quota", "minister", "harbour", "talks"]) + str(n % 97)
        for n in range(1500)
    ).encode()
    packed = tmp_path / "b.jsonl.gz"
    packed.write_bytes(gzip.compress(text))
    assert input_size([plain]) == 5000
    assert input_size([plain, packed]) == 5000 + len(text)
    assert input_size([plain, tmp_path / "missing.csv"]) == 5000


def test_no_estimate_for_trees_pages_and_unknown_sizes(tmp_path: Path) -> None:
    page = tmp_path / "07ROME1.html"
    page.write_text("<html></html>")
    assert input_size([tmp_path]) is None
    assert input_size([page]) is None
    odd = tmp_path / "odd.gz"  # a gzip trailer claiming less than its compressed size
    odd.write_bytes(gzip.compress(b"z" * 10)[:-4] + (1).to_bytes(4, "little"))
    assert input_size([odd]) is None
    assert input_size([]) is None


def test_estimator_scales_records_by_bytes() -> None:
    estimate = Estimator(10_000)
    assert estimate.total() is None
    for _ in range(4):
        estimate.saw(1000)
    assert estimate.total() == 10
    assert Estimator(None).total() is None
    late = Estimator(100)
    late.saw(500)  # more text than the input: never below what was seen
    assert late.total() == 1
