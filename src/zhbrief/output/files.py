"""Atomic file writes and safe output paths: no reader ever sees half a brief."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path, PurePosixPath

from zhbrief.errors import ForeignFileError
from zhbrief.layout import reserved

TEMP_MARK = ".zhbrief-tmp-"
INDEX_HEAD = b"# zhbrief index\n"  # the first line of render_index


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a fsynced temp file in the same folder and os.replace."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path via a fsynced temp file in the same folder and os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    # The name is chosen before the file exists and the file is created inside the `try`, so a
    # signal (SIGTERM raises Interrupted) landing anywhere, even just after the creation, finds
    # the cleanup ready to remove it; mkstemp() would create it before `tmp` was known here.
    tmp = path.parent / f"{TEMP_MARK}{secrets.token_hex(8)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        os.fchmod(fd, mode)  # the mode is set after creation, so the umask cannot narrow it
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except FileExistsError:  # another writer drew the same 64 random bits: never touch its file
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
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


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, else 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def made_by_zhbrief(path: Path) -> bool:
    """Whether an existing file looks like a brief or index zhbrief wrote (never a user's file)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(1 << 16)  # the front matter; a title is one line
    except OSError:
        return False
    if head.startswith(INDEX_HEAD):
        return True
    return head.startswith(b"---\n") and b"\nsource_sha256: " in head


def refuse_foreign(path: Path) -> None:
    """Raise ForeignFileError if `path` exists and zhbrief did not write it."""
    if path.exists() and not made_by_zhbrief(path):
        raise ForeignFileError(
            f"{path} exists and was not written by zhbrief; it is left alone. "
            "Move it away or choose another output folder."
        )


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
    taken: set[str] = set()
    for rel in sorted(rels):
        plain = str(PurePosixPath(rel).with_suffix(".md"))
        # `rel + ".md"` ends in ".txt.md", ".html.md", …: never the index nor a digest (dates)
        name = plain if plain not in taken and not reserved(plain) else rel + ".md"
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
