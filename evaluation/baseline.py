"""A function of zhbrief as it was at an earlier git revision, for before/after measurements."""

from __future__ import annotations

import subprocess
import types
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def load_at(rev: str, path: str, name: str) -> Any:
    """`name` of the module at `path` (inside the repository) at git revision `rev`."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{rev}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType(f"baseline_{Path(path).stem}")
    exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
    return getattr(module, name)
