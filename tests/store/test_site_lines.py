"""store/templates.py: the site_lines table keeps which pages of a host showed which lines."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zhbrief.store.db import SCHEMA_VERSION, Store


def test_a_line_on_two_pages_of_one_host_recurs(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    lines = store.site_lines()
    lines.record("a.cn", "page-1", ["k1", "k2"])
    lines.record("a.cn", "page-1", ["k1"])  # the same page again counts once
    assert lines.recurring() == {}
    lines.record("a.cn", "page-2", ["k1"])
    lines.record("b.cn", "page-3", ["k2"])
    assert lines.recurring() == {"a.cn": frozenset({"k1"})}
    store.close()
    assert Store.open(tmp_path / "state.db").site_lines().recurring() == {"a.cn": {"k1"}}


def test_a_version_5_database_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE site_lines")
    conn.executescript("DROP TABLE stories; DROP TABLE story_bands; DROP TABLE stale_stories;")
    conn.execute("PRAGMA user_version = 5")  # 0.2 before site templates
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION
    store.site_lines().record("a.cn", "p", ["k"])
