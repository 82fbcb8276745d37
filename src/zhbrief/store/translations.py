"""The translation cache: each engine's English (and score) of every sentence it translated."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence


class TranslationCache:
    """Translations kept in the state database, keyed by engine and decoding."""

    def __init__(self, conn: sqlite3.Connection, key: str) -> None:
        self.conn = conn
        self.key = key

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Cached translations of those `sentences` that have one."""
        found: dict[str, str] = {}
        for part, marks in _parts(sentences):
            rows = self.conn.execute(
                f"SELECT source, en FROM translation_cache WHERE key = ? AND source IN ({marks})",
                [self.key, *part],
            )
            found.update(rows)
        return found

    def get_scores(self, sentences: Sequence[str]) -> dict[str, float]:
        """Cached scores of those `sentences` whose translation has one."""
        found: dict[str, float] = {}
        for part, marks in _parts(sentences):
            rows = self.conn.execute(
                "SELECT source, score FROM translation_cache "
                f"WHERE key = ? AND score IS NOT NULL AND source IN ({marks})",
                [self.key, *part],
            )
            found.update(rows)
        return found

    def put_many(self, pairs: Mapping[str, str], scores: Mapping[str, float] | None = None) -> None:
        """Store translations (with their scores, if any) and commit, so an interrupted run keeps
        them."""
        scores = scores or {}
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO translation_cache (key, source, en, score) "
                "VALUES (?, ?, ?, ?)",
                [(self.key, s, e, scores.get(s)) for s, e in pairs.items()],
            )


def _parts(sentences: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """The distinct sentences in parts of 500 (under SQLite's variable limit), with their marks."""
    unique = list(dict.fromkeys(sentences))
    for start in range(0, len(unique), 500):
        part = unique[start : start + 500]
        yield part, ",".join("?" * len(part))
