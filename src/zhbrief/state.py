"""The run's state beside the output: a SQLite manifest of sources, and the run lock."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from zhbrief import __version__
from zhbrief.config import Settings
from zhbrief.errors import LockedError, UsageError
from zhbrief.packages import PackageInfo
from zhbrief.translate import Decoding

STATE_DIR = ".zhbrief"

SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    rel TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    output TEXT,
    status TEXT NOT NULL,          -- done | failed | skipped
    error TEXT,
    title TEXT,
    summary TEXT,                  -- first summary sentence, English, for the index
    created TEXT,
    updated TEXT NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Record:
    """What the state knows of one source file."""

    rel: str
    sha256: str
    fingerprint: str
    output: str | None
    status: str
    error: str | None
    title: str | None
    summary: str | None
    created: str | None
    updated: str


def state_dir(output: Path) -> Path:
    """The folder holding the state database, lock and run report."""
    return output / STATE_DIR


class State:
    """The manifest of every source seen, in `output/.zhbrief/state.db` (WAL mode)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, output: Path) -> State:
        """Open (creating if needed) the state database of an output folder."""
        folder = state_dir(output)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(folder / "state.db", timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise UsageError(
                f"{folder / 'state.db'}: cannot open the state database ({exc}). "
                "Move it aside to start afresh (all briefs will be re-made)."
            ) from None
        return cls(conn)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def records(self) -> dict[str, Record]:
        """Every record, by relative source path."""
        rows = self.conn.execute(f"SELECT {', '.join(Record.__slots__)} FROM sources")
        return {row[0]: Record(*row) for row in rows}

    def put(self, record: Record) -> None:
        """Insert or replace one record, committed at once."""
        cols = Record.__slots__
        self.conn.execute(
            f"INSERT OR REPLACE INTO sources ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            tuple(getattr(record, c) for c in cols),
        )

    def delete(self, rel: str) -> None:
        """Forget one source."""
        self.conn.execute("DELETE FROM sources WHERE rel = ?", (rel,))


class RunLock:
    """An exclusive lock on an output folder; the kernel frees it when the holder dies."""

    def __init__(self, output: Path) -> None:
        self.path = state_dir(output) / "lock"
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
                f"Another zhbrief run (PID {holder}) is working on {self.path.parent.parent}; "
                "this run exits without doing anything. Try again when it has finished."
            ) from None
        # Lock taken: a PID still written in the file belongs to a run that died holding it.
        self.stale_pid = _read_pid(self.path)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        os.fsync(fd)
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


def fingerprint(settings: Settings, package: PackageInfo, decoding: Decoding) -> str:
    """A hash of everything that shapes a brief besides the source itself."""
    parts = {
        "zhbrief": __version__,
        "model": [package.name, package.version],
        "summarizer": [settings.summarizer, settings.sentences, settings.ratio],
        "key_terms": settings.key_terms,
        "decoding": decoding.fingerprint(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def source_key(path: Path, max_bytes: int) -> str:
    """The content hash of a source; oversized files are keyed by size and mtime, never read."""
    try:
        st = path.stat()
        if st.st_size > max_bytes:
            return f"size:{st.st_size}:mtime:{st.st_mtime_ns}"
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def needs_work(settings: Settings, rec: Record | None, path: Path, fp: str, name: str) -> bool:
    """Whether a source must be (re)processed this run."""
    if rec is None or settings.force:
        return True
    if rec.sha256 != source_key(path, settings.max_bytes):
        return True
    if rec.status == "failed":
        return settings.retry_failed
    if rec.status == "skipped":
        return False
    if rec.fingerprint != fp or rec.output != name:
        return True
    return not (settings.output / name).is_file()
