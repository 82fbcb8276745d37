"""Atomic writes and safe output paths."""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path

import pytest

from zhbrief.errors import ForeignFileError, Interrupted
from zhbrief.output import files
from zhbrief.output.files import (
    TEMP_MARK,
    made_by_zhbrief,
    output_names,
    refuse_foreign,
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


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.md", "one")
        assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o644
        (tmp_path / "a.md").chmod(0o640)
        write_atomic(tmp_path / "a.md", "two")
        assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o640
        os.umask(0o077)
        write_atomic(tmp_path / "b.md", "three")
        assert stat.S_IMODE((tmp_path / "b.md").stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_only_files_zhbrief_wrote_are_overwritten(tmp_path: Path) -> None:
    mine = tmp_path / "brief.md"
    mine.write_text("---\ntitle: x\nsource: a.txt\nsource_sha256: ab\n---\n\n# x\n")
    (tmp_path / "index.md").write_text("# zhbrief index\n\n_(no briefs yet)_\n")
    theirs = tmp_path / "report.md"
    theirs.write_text("# 我的报告\n\n正文。\n", encoding="utf-8")
    refuse_foreign(mine)
    refuse_foreign(tmp_path / "index.md")
    refuse_foreign(tmp_path / "absent.md")
    assert made_by_zhbrief(mine) and not made_by_zhbrief(theirs)
    with pytest.raises(ForeignFileError, match=r"report\.md exists and was not written by zhbrief"):
        refuse_foreign(theirs)


def test_a_stop_just_after_the_temp_file_is_made_leaves_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = os.open

    def open_then_stop(path: str | os.PathLike[str], flags: int, mode: int = 0o777) -> int:
        fd = real_open(path, flags, mode)  # the temp file exists: now SIGTERM lands
        os.close(fd)
        raise Interrupted(signal.SIGTERM, "SIGTERM")

    monkeypatch.setattr(files.os, "open", open_then_stop)
    with pytest.raises(Interrupted):
        write_atomic(tmp_path / "site" / "index.html", "<html>")
    assert list((tmp_path / "site").iterdir()) == []
