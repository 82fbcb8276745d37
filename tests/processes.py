"""Helpers for tests that run `zhbrief run` whole: as a real process, or in this one."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhbrief.cli import app

EPOCH = "1773302400"  # 2026-03-12T08:00:00Z: a fixed clock makes briefs byte-comparable


def run_command(input_dir: Path, output: Path, *extra: str) -> list[str]:
    """The `zhbrief run` command line, module form so this venv's zhbrief is used."""
    return [sys.executable, "-m", "zhbrief", "run", str(input_dir), "-o", str(output), *extra]


def fixed_clock_env() -> dict[str, str]:
    """The current environment with the brief clock fixed by SOURCE_DATE_EPOCH."""
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)


def start_run(
    input_dir: Path, output: Path, *extra: str, group: bool = False
) -> subprocess.Popen[str]:
    """`zhbrief run --no-download` started with the fixed clock (its own process group if asked)."""
    return subprocess.Popen(
        run_command(input_dir, output, "--no-download", *extra),
        env=fixed_clock_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,  # killpg then reaches the run and its Dask workers
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait for a run: its exit code, stdout and stderr."""
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


@dataclass(frozen=True)
class Ran:
    """What a run said and how it ended."""

    returncode: int
    stdout: str
    stderr: str


def run_here(input_dir: Path, output: Path, *extra: str) -> Ran:
    """`zhbrief run --no-download` in this process, fixed clock; an exception fails the test."""
    argv = ["run", str(input_dir), "-o", str(output), "--no-download", *extra]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = CliRunner().invoke(app, argv, catch_exceptions=False)
    return Ran(result.exit_code, result.stdout, result.stderr)
