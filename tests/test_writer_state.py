"""Atomic writes, output paths, the state database and the run lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhbrief.errors import LockedError
from zhbrief.state import Record, RunLock, State
from zhbrief.writer import TEMP_MARK, output_names, remove_temp_files, resolve_inside, write_atomic


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


def test_state_round_trip_in_wal_mode(tmp_path: Path) -> None:
    state = State.open(tmp_path)
    rec = Record("a.txt", "h", "fp", "a.md", "done", None, "T", "S", "c", "u")
    state.put(rec)
    state.close()
    state = State.open(tmp_path)
    assert state.records() == {"a.txt": rec}
    assert state.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    state.close()


def test_second_lock_fails_with_holder_pid(tmp_path: Path) -> None:
    holder = rf"Another zhbrief run \(PID {os.getpid()}\)"
    with RunLock(tmp_path), pytest.raises(LockedError, match=holder):
        RunLock(tmp_path).__enter__()


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    code = (
        "import sys, os, signal\n"
        "from pathlib import Path\n"
        "from zhbrief.state import RunLock\n"
        "lock = RunLock(Path(sys.argv[1])).__enter__()\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=False)
    assert proc.returncode == -9
    dead_pid = int((tmp_path / ".zhbrief" / "lock").read_text())
    with RunLock(tmp_path) as lock:
        assert lock.stale_pid == dead_pid
    with RunLock(tmp_path) as lock:
        assert lock.stale_pid is None
