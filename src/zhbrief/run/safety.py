"""Guards of a run's places: output never over the sources, and OS errors as messages to act on."""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zhbrief.errors import DiskError, PermissionProblem, StoreDamagedError, UsageError, ZhbriefError
from zhbrief.layout import Layout
from zhbrief.output.files import refuse_foreign
from zhbrief.store.db import REBUILD

_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)
_FULL = (errno.ENOSPC, errno.EDQUOT)


def check_places(input_dir: Path, output: Path) -> None:
    """Refuse an output folder that is a file, or the input folder itself; or a foreign index."""
    check_output(input_dir, output)
    refuse_foreign(Layout(output).index)


def check_output(input_dir: Path, output: Path) -> None:
    """Refuse an output folder that is a file, or the input folder itself."""
    if output.exists() and not output.is_dir():
        raise UsageError(
            f"Output {output} is a file, not a folder; give -o a folder (it is created if missing)."
        )
    if os.path.realpath(output) == os.path.realpath(input_dir):
        raise UsageError(
            f"Output folder {output} is the input folder: briefs would be written over the "
            "articles. Give -o another folder (a subfolder of the input is fine: it is not read)."
        )


@contextmanager
def environment_errors(where: Path) -> Iterator[None]:
    """Turn OS and SQLite failures inside the block into errors a user can act on."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        raise environment_error(exc, where) from exc


def environment_error(exc: OSError | sqlite3.Error, where: Path) -> ZhbriefError:
    """The error a user can act on for an OS or SQLite failure while working in `where`."""
    if isinstance(exc, OSError):
        place = exc.filename or where
        if exc.errno in _PERMISSION:
            return permission_problem(Path(str(place)), exc.strerror or str(exc))
        if exc.errno in _FULL:
            return _disk_full(where)
        return DiskError(f"Cannot write to {place}: {exc.strerror or exc}. Check the disk.")
    text = str(exc).lower()
    if "readonly" in text or "unable to open" in text or "permission" in text:
        return permission_problem(where, str(exc))
    if "full" in text:
        return _disk_full(where)
    return StoreDamagedError(f"The state database in {where} is damaged ({exc}). " + REBUILD)


def permission_problem(place: Path, why: str) -> PermissionProblem:
    """A write refused by the file system: a permissions problem, not damage."""
    return PermissionProblem(
        f"Cannot write to {place} ({why}): this is a permissions problem. Make it writable "
        "for this user (chmod, chown, or a read-write mount), or choose another folder with -o."
    )


def _disk_full(where: Path) -> DiskError:
    return DiskError(
        f"No space left on the disk of {where}: free some space and run again "
        "(briefs already written are kept; the rest is retried)."
    )
