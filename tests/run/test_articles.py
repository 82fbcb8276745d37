"""Progress of a chunk of articles, as a user sees it in a real terminal (a pseudo-terminal)."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

from processes import fixed_clock_env, run_command

ARTICLES = 8
TEXT = "第{n}篇：城市图书馆推出夜间开放服务。\n本市中心图书馆宣布，自下月起每周五和周六开放至晚上{n}点。\n"


def run_in_terminal(cmd: list[str], timeout: float = 300) -> tuple[int, str]:
    """Run `cmd` with stdin, stdout and stderr on a 120-column pseudo-terminal; all it wrote."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=fixed_clock_env())
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    code = proc.wait(timeout=30)
    return code, b"".join(chunks).decode("utf-8", "replace")


def make_input(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(1, ARTICLES + 1):
        (folder / f"a{n}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    return folder


def test_bars_advance_per_article_with_labels_in_a_terminal(
    tmp_path: Path, installed_model: Path
) -> None:
    code, seen = run_in_terminal(run_command(make_input(tmp_path), tmp_path / "out"))
    assert code == 0, seen
    briefs = [
        (m.start(), int(m.group(1)))
        for m in re.finditer(rf"briefs:[^\r\n]*?\b(\d+)/{ARTICLES}\b", seen)
    ]
    counts = [n for _, n in briefs]
    # every article shows up on its own, in order, not one jump at the end of a chunk
    assert sorted(set(counts)) == list(range(ARTICLES + 1)), counts
    assert counts == sorted(counts)
    summary = seen.index(f"{ARTICLES} briefs written, 0 failed; {ARTICLES} new, 0 unchanged")
    first_partial = next(pos for pos, n in briefs if 0 < n < ARTICLES)
    assert first_partial < summary
    translating = re.findall(r"translating:[^\r\n]*?\b(\d+)/(\d+) ", seen)
    assert translating and translating[-1][0] == translating[-1][1] != "0"


def test_no_bars_under_quiet_even_in_a_terminal(tmp_path: Path, installed_model: Path) -> None:
    code, seen = run_in_terminal(run_command(make_input(tmp_path), tmp_path / "out", "--quiet"))
    assert (code, seen) == (0, "")
