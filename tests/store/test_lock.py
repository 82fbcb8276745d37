"""The run lock: one holder at a time, taken over from a dead process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhbrief.errors import LockedError
from zhbrief.store.lock import RunLock


def test_second_lock_fails_with_holder_pid(tmp_path: Path) -> None:
    holder = rf"Another zhbrief run \(PID {os.getpid()}\)"
    with RunLock(tmp_path), pytest.raises(LockedError, match=holder):
        RunLock(tmp_path).__enter__()


def test_lock_of_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    code = (
        "import sys, os, signal\n"
        "from pathlib import Path\n"
        "from zhbrief.store.lock import RunLock\n"
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
