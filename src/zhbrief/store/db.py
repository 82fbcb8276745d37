"""The one owner of the state database: sources, translation cache, schema version, migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal

from zhbrief.documents import Entry
from zhbrief.errors import StoreDamagedError, UsageError
from zhbrief.layout import Layout
from zhbrief.store.entries import all_entries, one_entry, put_entry
from zhbrief.store.fetches import FetchLog
from zhbrief.store.stories import StoryPrints
from zhbrief.store.templates import SiteLines
from zhbrief.store.translations import TranslationCache

REBUILD = (
    "Run 'zhbrief run --rebuild-state' to move it aside and start afresh "
    "(briefs already written are kept and adopted)."
)

Status = Literal["done", "failed", "skipped"]
FailureKind = Literal["source", "environment"]
SOURCE: FailureKind = "source"
ENVIRONMENT: FailureKind = "environment"

# Each entry takes the database from version i to i + 1. Version 0 is the unversioned
# layout of zhbrief 0.1 (its tables are the same as version 1's, hence IF NOT EXISTS).
MIGRATIONS: tuple[str, ...] = (
    """
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
    CREATE TABLE IF NOT EXISTS translation_cache (
        key TEXT NOT NULL, source TEXT NOT NULL, en TEXT NOT NULL,
        PRIMARY KEY (key, source)
    ) WITHOUT ROWID;
    """,
    # 2: what index, feed and digest show of each brief (an Entry as JSON, see output/entry.py)
    """
    CREATE TABLE entries (rel TEXT PRIMARY KEY, data TEXT NOT NULL);
    """,
    # 3: every page URL `zhbrief fetch` met (store/fetches.py)
    """
    CREATE TABLE fetches (
        url TEXT PRIMARY KEY,          -- normalised: tracking parameters and fragment removed
        source TEXT NOT NULL,          -- the feed, site, sitemap or URL list it came from
        status TEXT NOT NULL,          -- fetched | failed | rejected | skipped
        http_status INTEGER,
        bytes INTEGER,
        sha256 TEXT,                   -- of the saved bytes: finds the URL of an input file
        path TEXT,                     -- the saved page, relative to the input folder
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        error TEXT
    );
    CREATE INDEX fetches_sha256 ON fetches (sha256);
    """,
    # 4: why a source failed: 'source' (retried when it or the settings change) or
    # 'environment' (model, engine, disk, permissions: retried by the next run on its own)
    "ALTER TABLE sources ADD COLUMN kind TEXT",
    # 5: the rules version a brief was made under (zhbrief.RULES_VERSION); NULL before 0.2
    "ALTER TABLE sources ADD COLUMN rules INTEGER",
    # 6: which pages of a host showed which body lines, as hashes (store/templates.py): lines on
    # two pages of one site are its template, never the article (ingest/templates.py)
    """
    CREATE TABLE site_lines (
        host TEXT NOT NULL, line TEXT NOT NULL, page TEXT NOT NULL,
        PRIMARY KEY (host, line, page)
    ) WITHOUT ROWID;
    """,
    # 7: the engine's normalised log-probability of a cached translation (CTranslate2 engines;
    # NULL for engines without scores), so a brief made from the cache is flagged the same
    "ALTER TABLE translation_cache ADD COLUMN score REAL",
    # 8: what the last fetch found at each source (store/fetches.py FeedState): `fetch --list`,
    # and the validators a feed is asked with next time (an unchanged feed costs one 304)
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,          -- the source as requested (feed, site or sitemap)
        kind TEXT,                     -- feed | site | sitemap; NULL if never read
        etag TEXT,                     -- validators of a feed whose entries were all settled
        last_modified TEXT,
        checked TEXT NOT NULL,         -- when it was last asked
        result TEXT NOT NULL,          -- read | unchanged | failed
        error TEXT,
        links INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    """,
    # 9: each brief's story, story text and LSH band keys (text and keys dropped once older than
    # the story window); stories whose briefs must list their members again (store/stories.py)
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        rel TEXT NOT NULL UNIQUE,      -- the source of a recorded brief
        story TEXT NOT NULL,           -- its story's id: that of the story's first brief
        day TEXT NOT NULL,             -- YYYY-MM-DD it was first briefed with this text
        text BLOB NOT NULL,            -- its story text, zlib: candidates are confirmed on it
        bands BLOB NOT NULL,           -- its band keys, int32 little-endian: to delete them
        digest BLOB NOT NULL           -- of the text: a rerun knows it once the text is dropped
    );
    CREATE INDEX stories_story ON stories (story);
    CREATE INDEX stories_day ON stories (day);
    CREATE TABLE story_bands (
        band INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (band, id)
    ) WITHOUT ROWID;
    CREATE TABLE stale_stories (story TEXT PRIMARY KEY) WITHOUT ROWID;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """What the state knows of one source file."""

    rel: str
    sha256: str
    fingerprint: str
    output: str | None = None
    status: Status
    error: str | None = None
    title: str | None = None
    summary: str | None = None
    created: str | None = None
    updated: str
    kind: FailureKind | None = None  # of a failure; None for done and skipped
    rules: int | None = None  # zhbrief.RULES_VERSION when it was processed; None: zhbrief 0.1


COLUMNS = tuple(f.name for f in fields(Record))


class Store:
    """The state database (WAL mode): one connection, migrated to SCHEMA_VERSION on open."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open a database file (created if needed) or ":memory:", migrating it in place."""
        where = str(path)
        if where != ":memory:":
            Path(where).parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = sqlite3.connect(where, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            _check(conn, where)
            _migrate(conn, where)
        except sqlite3.OperationalError:
            raise  # permissions, a full disk, a lock: not damage; the caller says what to do
        except sqlite3.DatabaseError as exc:
            raise StoreDamagedError(
                f"{where}: the state database is damaged ({exc}). {REBUILD}"
            ) from None
        return cls(conn)

    @classmethod
    def of_output(cls, output: Path) -> Store:
        """The state database of an output folder."""
        return cls.open(Layout(output).db)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    @property
    def version(self) -> int:
        """The schema version stored in the file."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def records(self) -> dict[str, Record]:
        """Every record, by relative source path."""
        rows = self.conn.execute(f"SELECT {', '.join(COLUMNS)} FROM sources")
        return {row[0]: Record(**dict(zip(COLUMNS, row, strict=True))) for row in rows}

    def put(self, record: Record) -> None:
        """Insert or replace one record, committed at once."""
        self.conn.execute(
            f"INSERT OR REPLACE INTO sources ({', '.join(COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(COLUMNS))})",
            tuple(getattr(record, c) for c in COLUMNS),
        )

    def delete(self, rel: str) -> None:
        """Forget one source, its index entry and its place in its story."""
        self.conn.execute("DELETE FROM sources WHERE rel = ?", (rel,))
        self.conn.execute("DELETE FROM entries WHERE rel = ?", (rel,))
        self.stories().remove(rel)

    def put_entry(self, rel: str, entry: Entry) -> None:
        """Keep what index, feed and digest show of a source's brief."""
        put_entry(self.conn, rel, entry)

    def entries(self) -> dict[str, Entry]:
        """Every kept entry, by relative source path."""
        return all_entries(self.conn)

    def fetches(self) -> FetchLog:
        """The record of fetched pages (`zhbrief fetch`)."""
        return FetchLog(self.conn)

    def entry(self, rel: str) -> Entry | None:
        """The kept entry of one source, if any."""
        return one_entry(self.conn, rel)

    def stories(self) -> StoryPrints:
        """Each brief's story and fingerprint."""
        return StoryPrints(self.conn)

    def site_lines(self) -> SiteLines:
        """The line sightings that teach a site's template lines."""
        return SiteLines(self.conn)

    def translations(self, key: str) -> TranslationCache:
        """The translation cache of one engine and decoding key."""
        return TranslationCache(self.conn, key)


def _check(conn: sqlite3.Connection, where: str) -> None:
    """Find damage at open (every page of every table), not when a damaged row is first read."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:3])
        raise StoreDamagedError(f"{where}: the state database is damaged ({detail}). {REBUILD}")


def move_aside(path: Path) -> Path | None:
    """Rename the database (and its WAL files) to a free `state.db.old-N`; None if absent."""
    if not path.exists():
        return None
    n = 1
    while path.with_name(f"{path.name}.old-{n}").exists():
        n += 1
    target = path.with_name(f"{path.name}.old-{n}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def _migrate(conn: sqlite3.Connection, where: str) -> None:
    """Bring the database to SCHEMA_VERSION; refuse one written by a newer zhbrief."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise UsageError(
            f"{where} was written by a newer zhbrief (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); upgrade zhbrief, or use another output folder."
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn.executescript(
            f"BEGIN; {MIGRATIONS[target - 1]}; PRAGMA user_version = {target}; COMMIT;"
        )
