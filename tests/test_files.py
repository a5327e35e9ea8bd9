"""Replacing a small file whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.files import replace_text


@pytest.mark.parametrize("durable", [False, True])
def test_the_file_is_replaced_and_no_temporary_file_stays(
    tmp_path: Path, durable: bool
) -> None:
    target = tmp_path / "mark.json"
    target.write_text("old", encoding="utf-8")
    replace_text(target, "new ✓", durable=durable)
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert [p.name for p in tmp_path.iterdir()] == ["mark.json"]


def test_a_failed_rename_keeps_the_old_file_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()  # a folder cannot be replaced by a file
    (target / "inside").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        replace_text(target, "new")
    assert (target / "inside").read_text(encoding="utf-8") == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
