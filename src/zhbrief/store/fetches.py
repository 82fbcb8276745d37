"""The fetch tables of the state database: every page URL `zhbrief fetch` has met, and what
the last fetch found at each source."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from typing import Literal

FetchStatus = Literal["fetched", "failed", "rejected", "skipped"]
# fetched: saved; failed: a server or network error, tried again next time;
# rejected: a 4xx, wrong type, too large, bad redirect, never tried again; skipped: robots.txt
SETTLED = ("fetched", "rejected", "skipped")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchRecord:
    """What the store knows of one page URL."""

    url: str
    source: str
    status: FetchStatus
    http_status: int | None = None
    bytes: int | None = None
    sha256: str | None = None
    path: str | None = None
    first_seen: str
    last_seen: str
    error: str | None = None


COLUMNS = tuple(f.name for f in fields(FetchRecord))
FeedResult = Literal["read", "unchanged", "failed"]
FeedKind = Literal["feed", "site", "sitemap"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """What the last fetch found at one source."""

    url: str
    kind: FeedKind | None = None  # None: never read
    etag: str | None = None  # sent back as If-None-Match next time
    last_modified: str | None = None  # sent back as If-Modified-Since next time
    checked: str
    result: FeedResult
    error: str | None = None
    links: int = 0  # article links it listed
    new: int = 0  # pages saved from it
    failed: int = 0  # its pages that failed, for now (asked again) or for good (a 404)


FEED_COLUMNS = tuple(f.name for f in fields(FeedState))


class FetchLog:
    """Fetch records kept in the state database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, url: str) -> FetchRecord | None:
        """The record of one normalised URL, if any."""
        row = self.conn.execute(
            f"SELECT {', '.join(COLUMNS)} FROM fetches WHERE url = ?", (url,)
        ).fetchone()
        return None if row is None else FetchRecord(**dict(zip(COLUMNS, row, strict=True)))

    def settled(self) -> set[str]:
        """URLs that are not fetched again without --refetch."""
        marks = ",".join("?" * len(SETTLED))
        rows = self.conn.execute(f"SELECT url FROM fetches WHERE status IN ({marks})", SETTLED)
        return {row[0] for row in rows}

    def paths(self) -> set[str]:
        """Input paths already given to a page."""
        return {
            row[0] for row in self.conn.execute("SELECT path FROM fetches WHERE path IS NOT NULL")
        }

    def put(self, record: FetchRecord) -> None:
        """Insert or replace one record, keeping the first time its URL was seen."""
        old = self.get(record.url)
        first = old.first_seen if old is not None else record.first_seen
        values = {c: getattr(record, c) for c in COLUMNS} | {"first_seen": first}
        self.conn.execute(
            f"INSERT OR REPLACE INTO fetches ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(COLUMNS))})",
            tuple(values[c] for c in COLUMNS),
        )

    def feed(self, url: str) -> FeedState | None:
        """What the last fetch found at one source, if it was ever asked."""
        return self.feeds().get(url)

    def feeds(self) -> dict[str, FeedState]:
        """Every source ever asked, by URL."""
        rows = self.conn.execute(f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds")
        return {row[0]: FeedState(**dict(zip(FEED_COLUMNS, row, strict=True))) for row in rows}

    def put_feed(self, state: FeedState) -> None:
        """Insert or replace what the last fetch found at one source."""
        self.conn.execute(
            f"INSERT OR REPLACE INTO feeds ({', '.join(FEED_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(FEED_COLUMNS))})",
            tuple(getattr(state, c) for c in FEED_COLUMNS),
        )

    def counts(self) -> dict[str, int]:
        """How many URLs have each status."""
        rows = self.conn.execute("SELECT status, COUNT(*) FROM fetches GROUP BY status")
        return {status: count for status, count in rows}

    def url_of(self, sha256: str) -> str | None:
        """The URL a saved page with these bytes was fetched from."""
        row = self.conn.execute(
            "SELECT url FROM fetches WHERE sha256 = ? AND status = 'fetched' "
            "ORDER BY last_seen DESC LIMIT 1",
            (sha256,),
        ).fetchone()
        return None if row is None else str(row[0])
