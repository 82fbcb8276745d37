"""Hostile settings against real `zhbrief` processes: each is one `Error:` line naming it and
exit 2 (3 for a --model that is no package), never a traceback, never a hang."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BAD_FETCH = '[fetch]\nsources = ["http://127.0.0.1:9/rss.xml"]\n'
CASES = {  # name: (zhbrief.toml, arguments, environment, the one line, exit code)
    "timeout inf": (BAD_FETCH + "timeout = inf\n", ["fetch"], {},
                    "zhbrief.toml: fetch.timeout must be from 0.1 to 600 (seconds); got inf.", 2),
    "delay 1e9": (BAD_FETCH + "delay = 1e9\n", ["fetch"], {},
                  "zhbrief.toml: fetch.delay must be from 0 to 60 (seconds); got 1000000000.0.", 2),
    "beam_size a string": ('beam_size = "4"\n', ["status", "in"], {},
                           "zhbrief.toml: beam_size: '4' is not a valid value for beam_size "
                           "(a whole number).", 2),
    "scheduler garbage": ("", ["run", "in", "--scheduler", "garbage://x"], {},
                          "scheduler (--scheduler) 'garbage://x' is not a Dask scheduler address "
                          "like tcp://HOST:8786: it must start with tcp://, tls://, ws://, wss://.", 2),
    "scheduler port": ("", ["run", "in"], {"ZHBRIEF_SCHEDULER": "tcp://127.0.0.1:notaport"},
                       "scheduler (--scheduler) 'tcp://127.0.0.1:notaport' is not a Dask scheduler "
                       "address like tcp://HOST:8786: its port is not a number from 1 to 65535.", 2),
    "epoch": ("", ["run", "in", "--no-download"], {"SOURCE_DATE_EPOCH": "99999999999999"},
              "SOURCE_DATE_EPOCH='99999999999999': after the year 9999 (at most 253402300799); "
              "unset it or fix it.", 2),
    "config a device": ("", ["status", "in"], {"ZHBRIEF_CONFIG": "/dev/urandom"},
                        "Config file /dev/urandom: not a regular file (a pipe, device or socket); "
                        "fix the path, or name another file with --config or ZHBRIEF_CONFIG.", 2),
    "urls_file a device": ('[fetch]\nurls_file = "/dev/urandom"\n', ["fetch"], {},
                           "fetch.urls_file /dev/urandom: not a regular file (a pipe, device or "
                           "socket); fix urls_file in zhbrief.toml.", 2),
    "model garbage": ("", ["run", "in", "--model", "garbage.argosmodel", "--no-download"], {},
                      "garbage.argosmodel is not an Argos package (not a zip archive). "
                      "Download the .argosmodel file again.", 3),
}  # fmt: skip


def start(folder: Path, args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "zhbrief", *args],
        cwd=folder,
        env={**os.environ, "XDG_CONFIG_HOME": str(folder / "xdg"), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_every_bad_setting_is_one_line_and_its_exit_code(tmp_path: Path) -> None:
    running = {}  # the rest of each range is tested in-process (test_config_fetch.py)
    for name, (toml, args, env, _, _) in CASES.items():  # all at once: a second each
        folder = tmp_path / name.replace(" ", "-")
        (folder / "in").mkdir(parents=True)
        (folder / "in" / "a.txt").write_text("本市今天天气晴朗。", encoding="utf-8")
        (folder / "garbage.argosmodel").write_bytes(b"not a zip" * 10)
        (folder / "zhbrief.toml").write_text(toml, encoding="utf-8")
        running[name] = start(folder, args, env)
    for name, proc in running.items():
        _, err = proc.communicate(timeout=120)
        expected, code = CASES[name][3:]
        expected = re.sub(
            r"^zhbrief\.toml:", f"{tmp_path / name.replace(' ', '-')}/zhbrief.toml:", expected
        )
        assert (proc.returncode, err) == (code, f"Error: {expected}\n"), name


@pytest.mark.parametrize("where", ["fifo", "folder", "user folder"])
def test_a_config_that_is_no_file_is_said_not_ignored(tmp_path: Path, where: str) -> None:
    (tmp_path / "in").mkdir()
    args = ["status", "in"]
    if where == "fifo":  # opening it for reading would wait for a writer forever
        os.mkfifo(tmp_path / "settings.toml")
        args += ["--config", "settings.toml"]
        shown = "settings.toml: not a regular file (a pipe, device or socket)"
    elif where == "folder":
        (tmp_path / "zhbrief.toml").mkdir()
        shown = f"{tmp_path / 'zhbrief.toml'}: a folder, not a file"
    else:
        (tmp_path / "xdg" / "zhbrief" / "config.toml").mkdir(parents=True)
        shown = f"{tmp_path / 'xdg' / 'zhbrief' / 'config.toml'}: a folder, not a file"
    proc = start(tmp_path, args, {})
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err == (
        f"Error: Config file {shown}; fix the path, or name another file with --config or "
        "ZHBRIEF_CONFIG.\n"
    )
