"""The state database: records, schema version, migrations, the translation cache."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from zhbrief.documents import Entry
from zhbrief.errors import StoreDamagedError, UsageError
from zhbrief.store.db import SCHEMA_VERSION, Record, Store, move_aside

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


ENTRY = Entry("a.md", "a.txt", "Title", "标题", ("One.",), ("一。",), "2026-03-12T08:00:00Z")


def test_entries_are_kept_and_forgotten_with_their_source(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    store.put(RECORD)
    store.put_entry("a.txt", ENTRY)
    assert store.entries() == {"a.txt": ENTRY}
    store.delete("a.txt")
    assert store.entries() == {}


def damage_a_page(path: Path, page: int = 10) -> None:
    """Overwrite one whole 4 KiB page of the database file with garbage."""
    data = bytearray(path.read_bytes())
    assert len(data) > (page + 1) * 4096
    data[page * 4096 : (page + 1) * 4096] = b"\xa5" * 4096
    path.write_bytes(bytes(data))


def test_damaged_page_is_found_at_open_not_when_read(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = Store.open(path)
    store.translations("k").put_many({f"句子{i}。": "x" * 50 for i in range(2000)})
    store.close()
    damage_a_page(path)
    with pytest.raises(StoreDamagedError) as caught:
        Store.open(path)
    assert str(caught.value) == (
        f"{path}: the state database is damaged (database disk image is malformed). "
        "Run 'zhbrief run --rebuild-state' to move it aside and start afresh "
        "(briefs already written are kept and adopted)."
    )
    assert caught.value.exit_code == 4


def test_move_aside_keeps_the_old_file_and_frees_the_name(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    assert move_aside(path) is None
    for n in (1, 2):
        Store.open(path).close()
        assert move_aside(path) == tmp_path / f"state.db.old-{n}"
    assert not path.exists() and (tmp_path / "state.db.old-2").is_file()


def test_version_2_database_gains_the_failure_kind_and_rules(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)
    conn.executescript(
        OLD_SCHEMA
        + "CREATE TABLE entries (rel TEXT PRIMARY KEY, data TEXT NOT NULL);"
        + "PRAGMA user_version = 2;"
    )
    conn.execute(
        "INSERT INTO sources VALUES ('b.txt', 'h', 'fp', NULL, 'failed', 'boom', NULL, NULL,"
        " NULL, 'u')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION == 9
    old = store.records()["b.txt"]
    assert old.kind is None  # unknown: the plan retries it once
    assert old.rules is None  # made by zhbrief 0.1: a rules update for the plan
    store.put(
        Record(
            rel="c.txt",
            sha256="h",
            fingerprint="f",
            status="failed",
            updated="u",
            kind="environment",
            rules=7,
        )
    )
    assert (store.records()["c.txt"].kind, store.records()["c.txt"].rules) == ("environment", 7)
    store.close()
