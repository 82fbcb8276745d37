"""Atomic writes and safe output paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.output.files import (
    TEMP_MARK,
    output_names,
    remove_temp_files,
    resolve_inside,
    write_atomic,
)


def test_write_atomic_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b.md"
    write_atomic(target, "first")
    write_atomic(target, "second 第二")
    assert target.read_text(encoding="utf-8") == "second 第二"
    assert [p.name for p in target.parent.iterdir()] == ["b.md"]


def test_remove_temp_files(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / f"{TEMP_MARK}abc").write_text("half")
    (tmp_path / "x" / "keep.md").write_text("brief")
    assert remove_temp_files(tmp_path) == 1
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["keep.md"]


def test_output_names_keep_collisions_and_the_index_apart() -> None:
    names = output_names(["a/b.txt", "a/b.md", "index.txt", "c.html"])
    assert names == {
        "a/b.md": "a/b.md",
        "a/b.txt": "a/b.txt.md",
        "c.html": "c.md",
        "index.txt": "index.txt.md",
    }


def test_resolve_inside_refuses_escapes(tmp_path: Path) -> None:
    assert resolve_inside(tmp_path, "a/-b c.md") == (tmp_path / "a" / "-b c.md").resolve()
    with pytest.raises(ValueError):
        resolve_inside(tmp_path, "../evil.md")
    (tmp_path / "link").symlink_to("/tmp")
    with pytest.raises(ValueError):
        resolve_inside(tmp_path, "link/evil.md")
