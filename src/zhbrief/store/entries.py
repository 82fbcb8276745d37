"""The entries table: what index, feed and digest show of each brief, kept as JSON."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, fields
from typing import Any

from zhbrief.documents import Entry

TUPLES = frozenset(f.name for f in fields(Entry) if str(f.type).startswith("tuple"))


def entry_to_json(entry: Entry) -> str:
    """The JSON text the store keeps."""
    return json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True)


def entry_from_json(text: str) -> Entry:
    """An Entry back from the store's JSON (unknown keys ignored, missing ones defaulted)."""
    data = json.loads(text)
    known = {f.name for f in fields(Entry)}
    values: dict[str, Any] = {
        k: tuple(v) if k in TUPLES else v for k, v in data.items() if k in known
    }
    return Entry(**values)


def put_entry(conn: sqlite3.Connection, rel: str, entry: Entry) -> None:
    """Keep the entry of a source's brief."""
    conn.execute(
        "INSERT OR REPLACE INTO entries (rel, data) VALUES (?, ?)", (rel, entry_to_json(entry))
    )


def all_entries(conn: sqlite3.Connection) -> dict[str, Entry]:
    """Every kept entry, by relative source path."""
    return {
        rel: entry_from_json(data) for rel, data in conn.execute("SELECT rel, data FROM entries")
    }


def one_entry(conn: sqlite3.Connection, rel: str) -> Entry | None:
    """The kept entry of one source, if any."""
    row = conn.execute("SELECT data FROM entries WHERE rel = ?", (rel,)).fetchone()
    return None if row is None else entry_from_json(row[0])
