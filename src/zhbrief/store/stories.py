"""The stories tables of the state database: each brief's story, fingerprint and LSH bands.

`stories` keeps, per recorded brief, its story id, the day it is dated, its story text
(zlib-compressed: candidates are confirmed on the text itself) and a digest of the text;
`story_bands` the LSH band keys of its MinHash, so the candidates of a new article are an
indexed lookup, never a scan of every brief. Text and band keys are dropped once the brief is
older than the story window (`forget_before`): the store stays bounded, and the digest still
tells a rerun that a brief's text is unchanged; `stale_stories` the stories whose briefs must list their members again (a brief joined
or left them) until the run that changed them has rewritten their front matter.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

_TEXT_LEVEL = 6
_MARKS = 500  # bound parameters per statement, well under SQLite's limit


@dataclass(frozen=True, slots=True)
class Kept:
    """A recorded brief's story and story text."""

    rel: str
    story: str
    day: str
    text: str  # "" once dropped (older than the story window)
    digest: bytes = b""  # text_digest(text); given when the text was dropped


def text_digest(text: str) -> bytes:
    """Eight bytes of the SHA-256 of a story text."""
    return hashlib.sha256(text.encode("utf-8")).digest()[:8]


class StoryPrints:
    """Stories and fingerprints kept in the state database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def of(self, rel: str) -> Kept | None:
        """What the store keeps of one source's brief, if anything."""
        row = self.conn.execute(
            "SELECT rel, story, day, text, digest FROM stories WHERE rel = ?", (rel,)
        ).fetchone()
        return None if row is None else _kept(row)

    def candidates(self, bands: Sequence[int], first: str, last: str) -> list[Kept]:
        """Briefs dated from day `first` to `last` sharing at least one band key, oldest first."""
        if not bands:
            return []
        marks = ",".join("?" * len(bands))
        rows = self.conn.execute(
            "SELECT rel, story, day, text, digest FROM stories WHERE id IN "
            f"(SELECT id FROM story_bands WHERE band IN ({marks})) "
            "AND day BETWEEN ? AND ? ORDER BY day, id",
            (*bands, first, last),
        )
        return [_kept(row) for row in rows]

    def put(self, kept: Kept, bands: Sequence[int], stale: Sequence[str] = ()) -> None:
        """Keep a brief's story and fingerprint (replacing its old ones) and mark the `stale`
        stories, in one transaction: a run killed in between leaves neither."""
        text = zlib.compress(kept.text.encode("utf-8"), _TEXT_LEVEL)
        digest = kept.digest or text_digest(kept.text)
        with _transaction(self.conn):
            self._forget(kept.rel)
            cursor = self.conn.execute(
                "INSERT INTO stories (rel, story, day, text, bands, digest) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kept.rel, kept.story, kept.day, text, _packed(bands), digest),
            )
            self.conn.executemany(
                "INSERT OR IGNORE INTO story_bands (band, id) VALUES (?, ?)",
                ((band, cursor.lastrowid) for band in bands),
            )
            for story in stale:
                self._mark(story)

    def remove(self, rel: str) -> str | None:
        """Forget a brief's story and fingerprint; its story, marked stale; None if unknown."""
        with _transaction(self.conn):
            story = self._forget(rel)
            if story is not None:
                self._mark(story)
        return story

    def _forget(self, rel: str) -> str | None:
        row = self.conn.execute(
            "SELECT id, story, bands FROM stories WHERE rel = ?", (rel,)
        ).fetchone()
        if row is None:
            return None
        ident, story, bands = row
        # by its own keys: the primary key (band, id) finds each row, no scan of the table
        self.conn.executemany(
            "DELETE FROM story_bands WHERE band = ? AND id = ?",
            ((band, ident) for band in _unpacked(bands)),
        )
        self.conn.execute("DELETE FROM stories WHERE id = ?", (ident,))
        return str(story)

    def forget_before(self, day: str) -> int:
        """Drop the text and band keys of briefs dated before `day` (never candidates again);
        their story stays. How many were dropped."""
        rows = self.conn.execute(
            "SELECT id, bands FROM stories WHERE day < ? AND length(bands) > 0", (day,)
        ).fetchall()
        empty = zlib.compress(b"", _TEXT_LEVEL)
        with _transaction(self.conn):
            for ident, bands in rows:
                self.conn.executemany(
                    "DELETE FROM story_bands WHERE band = ? AND id = ?",
                    ((band, ident) for band in _unpacked(bands)),
                )
                self.conn.execute(
                    "UPDATE stories SET text = ?, bands = ? WHERE id = ?", (empty, b"", ident)
                )
        return len(rows)

    def members(self, story: str) -> list[str]:
        """The sources of a story's briefs, in the order they were kept."""
        rows = self.conn.execute("SELECT rel FROM stories WHERE story = ? ORDER BY id", (story,))
        return [row[0] for row in rows]

    def story_of(self, rels: Sequence[str]) -> dict[str, str]:
        """The story of each of these sources that has one."""
        found: dict[str, str] = {}
        for start in range(0, len(rels), _MARKS):
            part = rels[start : start + _MARKS]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT rel, story FROM stories WHERE rel IN ({marks})", tuple(part)
            )
            found.update(rows)
        return found

    def mark_stale(self, stories: Sequence[str]) -> None:
        """Remember that these stories' briefs must list their members again."""
        with _transaction(self.conn):
            for story in stories:
                self._mark(story)

    def _mark(self, story: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO stale_stories (story) VALUES (?)", (story,))

    def stale(self) -> list[str]:
        """The stories whose briefs still list old members."""
        return [row[0] for row in self.conn.execute("SELECT story FROM stale_stories")]

    def settled(self, story: str) -> None:
        """Every brief of `story` lists its members as they are now."""
        self.conn.execute("DELETE FROM stale_stories WHERE story = ?", (story,))


def _packed(bands: Sequence[int]) -> bytes:
    return struct.pack(f"<{len(bands)}i", *bands)


def _unpacked(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(data) // 4}i", data)


def _kept(row: tuple[str, str, str, bytes, bytes]) -> Kept:
    rel, story, day, text, digest = row
    return Kept(rel, story, day, zlib.decompress(text).decode("utf-8"), digest)


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """One transaction (the store's connection commits each statement on its own otherwise)."""
    if conn.in_transaction:  # already inside one: it commits the whole
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
