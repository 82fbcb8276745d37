"""The run lock on an output folder: one run at a time; the kernel frees it when the holder dies."""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path
from types import TracebackType

from zhbrief.errors import LockedError
from zhbrief.layout import Layout


class RunLock:
    """An exclusive lock on an output folder; the kernel frees it when the holder dies."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = Layout(output).lock
        self.fd: int | None = None
        self.stale_pid: int | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            holder = _read_pid(self.path)
            raise LockedError(
                f"Another zhbrief run (PID {holder}) is working on {self.output}; "
                "this run exits without doing anything. Try again when it has finished."
            ) from None
        # Lock taken: a PID still written in the file belongs to a run that died holding it.
        self.stale_pid = _read_pid(self.path)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            os.fsync(fd)
        except BaseException:  # a full disk or a signal here must not keep the lock held
            os.close(fd)
            raise
        self.fd = fd
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)
            self.fd = None


def _read_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None
