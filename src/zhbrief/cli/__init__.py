"""The zhbrief command: parse options, build Settings, call the library, map to an exit code.

Each module registers its commands on the one Typer app of `base.py`; importing them here is
what makes the commands exist.
"""

from __future__ import annotations

import zhbrief.cli.run_cmd  # noqa: F401  (first: --help lists commands as they register)
from zhbrief.cli import commands, model_cmd  # noqa: F401  (they register commands)
from zhbrief.cli.base import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="zhbrief")  # also under `python -m zhbrief`, so completion scripts match
