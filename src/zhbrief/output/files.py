"""Atomic file writes and safe output paths: no reader ever sees half a brief."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

TEMP_MARK = ".zhbrief-tmp-"
RESERVED = frozenset({"index.md"})


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a fsynced temp file in the same folder and os.replace."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a fsynced temp file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_MARK, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_if_changed(path: Path, text: str) -> bool:
    """Write atomically only when the bytes differ, so unchanged files keep their mtime."""
    try:
        if path.read_bytes() == text.encode("utf-8"):
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, text)
    return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_temp_files(output: Path) -> int:
    """Delete temp files left by a killed run; returns how many."""
    count = 0
    for tmp in output.rglob(TEMP_MARK + "*"):
        tmp.unlink(missing_ok=True)
        count += 1
    return count


def output_names(rels: list[str]) -> dict[str, str]:
    """Map each source path to its brief path: `a/b.txt` → `a/b.md`, collisions kept apart."""
    names: dict[str, str] = {}
    taken = set(RESERVED)
    for rel in sorted(rels):
        plain = str(PurePosixPath(rel).with_suffix(".md"))
        name = plain if plain not in taken else rel + ".md"
        taken.add(name)
        names[rel] = name
    return names


def resolve_inside(output: Path, name: str) -> Path:
    """The absolute path of name under output; refuses anything that would escape it."""
    root = output.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or ".." in PurePosixPath(name).parts:
        raise ValueError(f"refusing to write outside the output folder: {name}")
    return target
