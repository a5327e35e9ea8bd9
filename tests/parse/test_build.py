"""``make test`` runs the suite twice: on the plain modules and on the wheel mypyc compiled.

Each run names the build it means to test, so a run that silently picked up the other one
(a stale path, a wheel that fell back to pure Python) fails here instead of passing twice.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablegram.parse import COMPILED, cable


def test_the_build_under_test_is_the_one_named() -> None:
    named = os.environ.get("CABLEGRAM_EXPECT_COMPILED")
    if named is None:
        pytest.skip("CABLEGRAM_EXPECT_COMPILED is not set (make test sets it for each run)")
    assert COMPILED is (named == "1"), cable.__file__


def test_version_names_the_build() -> None:
    from typer.testing import CliRunner

    from cablegram.cli.app import app

    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0, result.output
    build = "compiled by mypyc" if COMPILED else "plain Python"
    assert result.output.startswith("cablegram ") and f"(parser: {build})" in result.output


CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

# Run in each build: parse every text whole and in thirds (fragments take other paths), and
# print a digest of every record as JSON, one line per text.
DIGESTS = """
import hashlib, json, sys
from cablegram import parse
from cablegram.parse import COMPILED
from cablegram.serialize import to_dict
texts = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps(COMPILED))
for text in texts:
    n = len(text)
    parts = [text, text[: n // 3], text[n // 3 : 2 * n // 3], text[2 * n // 3 :]]
    blob = json.dumps([to_dict(parse(p)) for p in parts], sort_keys=True, default=str)
    print(hashlib.sha256(blob.encode()).hexdigest())
"""


def _texts(tmp: Path) -> list[str]:
    """The real corpus where it lies beside the repository, and generated cables always."""
    from cablegram import read
    from cablegram.synth import synthesize

    synthesize(300, seed=11, out=tmp / "invented.csv")
    sources = [tmp / "invented.csv"] + [
        CORPUS / name for name in ("cables.jsonl.gz", "variants.jsonl.gz")
        if (CORPUS / name).is_file()
    ]
    return [record.text for source in sources for record in read(source)]


@pytest.mark.skipif(not COMPILED, reason="runs where the compiled build is under test")
def test_both_builds_parse_every_text_alike(tmp_path: Path) -> None:
    """The wheel this run imports against the sources beside it (``src/``, editable)."""
    wheel = Path(cable.__file__ or "").resolve().parents[2]
    texts = _texts(tmp_path)
    source = tmp_path / "texts.json"
    source.write_text(json.dumps(texts), encoding="utf-8")
    outputs = {}
    for compiled, path in ((True, str(wheel)), (False, None)):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        if path is not None:
            env["PYTHONPATH"] = path
        done = subprocess.run([sys.executable, "-c", DIGESTS, str(source)], env=env,
                              capture_output=True, text=True, check=True)
        first, *digests = done.stdout.splitlines()
        assert json.loads(first) is compiled, "the build under test is not the one meant"
        outputs[compiled] = digests
    assert len(outputs[True]) == len(outputs[False]) == len(texts)
    differ = [i for i, (a, b) in enumerate(zip(outputs[True], outputs[False], strict=True))
              if a != b]
    assert not differ, f"{len(differ)} texts parse differently, first: {texts[differ[0]][:300]!r}"
