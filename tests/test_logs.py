"""The log file: a write that fails (a full disk) is said once and never changes the outcome."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builders import write_articles
from httpsite import Reply, Site, page
from processes import fixed_clock_env, run_here

from zhbrief.logs import LogFile

FULL = (
    "Warning: cannot write the log file /dev/full (No space left on device); "
    "logging to it stopped, the work goes on.\n"
)


def test_a_full_log_file_leaves_the_brief_and_the_exit_code_alone(
    tmp_path: Path, module_model: Path
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write_articles(src, 1, "a{i:03d}.txt")
    ran = run_here(src, out, "--log-file", "/dev/full", "-v")
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr.count(FULL) == 1 and "Logging error" not in ran.stderr
    assert "1 brief written" in ran.stdout and len(list(out.glob("a*.md"))) == 1


def test_a_fetch_with_a_full_log_file_as_a_process(tmp_path: Path, site: Site) -> None:
    site.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
    (tmp_path / "zhbrief.toml").write_text("[fetch]\ndelay = 0\n", encoding="utf-8")
    fetched = subprocess.run(
        [sys.executable, "-m", "zhbrief", "fetch", site.url("/a.html"), "--log-file", "/dev/full"],
        cwd=tmp_path,
        env=fixed_clock_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert fetched.returncode == 0 and fetched.stderr == FULL  # said once, even at exit
    assert re.fullmatch(r"1 new page from 1 source, 0 failed \(\d+\.\d s\)\n", fetched.stdout)
    assert len(list((tmp_path / "input").rglob("*.html"))) == 1


def test_a_failed_write_is_said_once_and_closing_raises_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler = LogFile("/dev/full", encoding="utf-8")
    log = logging.getLogger("zhbrief.test-full")
    log.addHandler(handler)
    try:
        for n in range(5):
            log.error("line %d", n)
    finally:
        log.removeHandler(handler)
        handler.close()
    assert capsys.readouterr().err == FULL
