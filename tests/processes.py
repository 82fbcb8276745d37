"""Helpers for tests that run `zhbrief` as a real process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

EPOCH = "1773302400"  # 2026-03-12T08:00:00Z: a fixed clock makes briefs byte-comparable


def run_command(input_dir: Path, output: Path, *extra: str) -> list[str]:
    """The `zhbrief run` command line, module form so this venv's zhbrief is used."""
    return [sys.executable, "-m", "zhbrief", "run", str(input_dir), "-o", str(output), *extra]


def fixed_clock_env() -> dict[str, str]:
    """The current environment with the brief clock fixed by SOURCE_DATE_EPOCH."""
    return dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
