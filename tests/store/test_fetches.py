"""The fetch table: records, what is settled, counts, the URL of saved bytes, the migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zhbrief.store.db import MIGRATIONS, SCHEMA_VERSION, Store
from zhbrief.store.fetches import FetchRecord

DAY1, DAY2 = "2026-03-12T08:00:00Z", "2026-03-13T08:00:00Z"


def record(url: str, status: str = "fetched", seen: str = DAY1, **more: object) -> FetchRecord:
    return FetchRecord(
        url=url, source="https://e.cn/rss", status=status, first_seen=seen, last_seen=seen, **more
    )  # type: ignore[arg-type]


def test_records_keep_their_first_sighting() -> None:
    log = Store.open(":memory:").fetches()
    log.put(record("https://e.cn/a", "failed", error="HTTP 503", http_status=503))
    log.put(
        record(
            "https://e.cn/a", seen=DAY2, sha256="h", path="e.cn/a.html", bytes=10, http_status=200
        )
    )
    assert log.get("https://e.cn/a") == FetchRecord(
        url="https://e.cn/a",
        source="https://e.cn/rss",
        status="fetched",
        http_status=200,
        bytes=10,
        sha256="h",
        path="e.cn/a.html",
        first_seen=DAY1,
        last_seen=DAY2,
    )
    assert log.get("https://e.cn/none") is None


def test_settled_counts_and_url_of() -> None:
    log = Store.open(":memory:").fetches()
    for url, status in [("a", "fetched"), ("b", "failed"), ("c", "rejected"), ("d", "skipped")]:
        log.put(
            record(
                f"https://e.cn/{url}",
                status,
                sha256=url,
                path=f"e.cn/{url}.html" if status == "fetched" else None,
            )
        )
    assert log.settled() == {"https://e.cn/a", "https://e.cn/c", "https://e.cn/d"}
    assert log.counts() == {"fetched": 1, "failed": 1, "rejected": 1, "skipped": 1}
    assert log.paths() == {"e.cn/a.html"}
    assert log.url_of("a") == "https://e.cn/a" and log.url_of("b") is None


def test_a_database_from_before_the_fetch_table_gains_it(tmp_path: Path) -> None:
    before = next(i for i, m in enumerate(MIGRATIONS) if "CREATE TABLE fetches" in m)
    path = tmp_path / "state.db"
    conn = sqlite3.connect(path)
    conn.executescript("".join(MIGRATIONS[:before]) + f"PRAGMA user_version = {before};")
    conn.execute(
        "INSERT INTO sources (rel, sha256, fingerprint, status, updated) "
        "VALUES ('a.txt', 'h', 'f', 'done', 'u')"
    )
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION > before
    assert list(store.records()) == ["a.txt"]
    assert store.fetches().counts() == {}
    store.close()
