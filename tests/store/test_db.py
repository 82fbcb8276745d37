"""The state database: records, schema version, migrations, the translation cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhbrief.errors import UsageError
from zhbrief.store.db import SCHEMA_VERSION, Record, Store

# The layout zhbrief 0.1 wrote, without a schema version (user_version 0).
OLD_SCHEMA = """
CREATE TABLE sources (
    rel TEXT PRIMARY KEY, sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, output TEXT,
    status TEXT NOT NULL, error TEXT, title TEXT, summary TEXT, created TEXT,
    updated TEXT NOT NULL
);
CREATE TABLE translation_cache (key TEXT NOT NULL, source TEXT NOT NULL, en TEXT NOT NULL,
    PRIMARY KEY (key, source)) WITHOUT ROWID;
INSERT INTO sources VALUES ('a.txt', 'h', 'fp', 'a.md', 'done', NULL, 'T', 'S', 'c', 'u');
INSERT INTO translation_cache VALUES ('k', '你好。', 'Hello.');
"""

RECORD = Record(
    rel="a.txt",
    sha256="h",
    fingerprint="fp",
    output="a.md",
    status="done",
    title="T",
    summary="S",
    created="c",
    updated="u",
)


def test_round_trip_in_wal_mode(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    store.put(RECORD)
    store.close()
    store = Store.open(tmp_path / "state.db")
    assert store.records() == {"a.txt": RECORD}
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.version == SCHEMA_VERSION
    store.close()


def test_memory_store_has_the_schema() -> None:
    store = Store.open(":memory:")
    store.translations("k").put_many({"一。": "One."})
    assert store.translations("k").get_many(["一。", "二。"]) == {"一。": "One."}
    assert store.translations("other").get_many(["一。"]) == {}


def test_unversioned_database_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)
    conn.executescript(OLD_SCHEMA)
    conn.close()
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION
    assert store.records()["a.txt"].title == "T"
    assert store.translations("k").get_many(["你好。"]) == {"你好。": "Hello."}
    store.close()


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(UsageError, match=r"written by a newer zhbrief .*upgrade zhbrief"):
        Store.open(path)


def test_delete_forgets_a_source(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    store.put(RECORD)
    store.delete("a.txt")
    assert store.records() == {}


def test_entries_are_kept_and_forgotten_with_their_source(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    store.put(RECORD)
    store.put_entry("a.txt", '{"x": 1}')
    assert store.entries() == {"a.txt": '{"x": 1}'}
    store.delete("a.txt")
    assert store.entries() == {}
