"""``make test`` runs the suite twice: on the plain modules and on the wheel mypyc compiled.

Each run names the build it means to test, so a run that silently picked up the other one
(a stale path, a wheel that fell back to pure Python) fails here instead of passing twice.
"""

import os

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
