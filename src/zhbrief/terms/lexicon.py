"""The compiled dictionary index: CC-CEDICT and jieba's IDF table in one SQLite file.

Built once into the cache folder from the installed packages' files, opened read-only and looked
up word by word (a run's RSS holds SQLite's small page cache, not 100 MiB of Python dicts);
its file name carries a signature of the sources and of FORMAT, so a changed source is rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import sqlite3
import threading
from array import array
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path
from tempfile import mkdtemp

from zhbrief.places import cache_dir
from zhbrief.terms import cedict

FORMAT = 6  # bump when the tables or what is derived into them change
PREFIX = "lexicon-"
log = logging.getLogger(__name__)
_SCHEMA = """
CREATE TABLE entry (simplified TEXT, traditional TEXT, pinyin TEXT, senses TEXT, person TEXT);
CREATE TABLE idf (word TEXT PRIMARY KEY, value REAL) WITHOUT ROWID;
CREATE TABLE translit (char TEXT PRIMARY KEY, share REAL) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
"""
_SEP = "\x1f"  # between senses: CC-CEDICT's own "/" also occurs inside a few senses' markup
_LOCK = threading.Lock()


def idf_source() -> Path:
    """jieba's IDF table (idf.txt), found without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("jieba is not installed: pip install jieba")
    return Path(next(iter(spec.submodule_search_locations))) / "analyse" / "idf.txt"


def signature(sources: tuple[Path, ...]) -> str:
    """A short hash of FORMAT and each source's path, size and modification time."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sources:
        stat = path.stat()
        digest.update(f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


def index_path(folder: Path, sources: tuple[Path, ...]) -> Path:
    """Where the index of these sources lives in `folder`."""
    return folder / f"{PREFIX}{signature(sources)}.sqlite"


def ensure(folder: Path, sources: tuple[Path, Path]) -> Path:
    """The index of (CC-CEDICT, IDF) in `folder`, built first if it is not there yet."""
    path = index_path(folder, sources)
    if not path.exists():
        build(path, *sources)
    return path


def build(path: Path, cedict_file: Path, idf_file: Path) -> None:
    """Compile the sources into `path` atomically (a temp file renamed); older indexes removed."""
    log.debug("Building the dictionary index %s", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    temp.unlink(missing_ok=True)
    # streamed, never held whole: the build must not raise a run's peak memory
    counts = cedict.Shares()
    idf = array("d")  # 8 bytes a value, for the median
    with sqlite3.connect(temp) as con:
        con.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
            + _SCHEMA
        )
        con.executemany(
            "INSERT INTO entry VALUES (?, ?, ?, ?, ?)",
            ((e.simplified, e.traditional, e.pinyin, _SEP.join(e.senses), cedict.person(e))
             for e in map(counts.add, cedict.read(cedict_file))),
        )  # fmt: skip
        con.execute("CREATE INDEX entry_word ON entry (simplified)")
        con.execute("CREATE TEMP TABLE raw (word TEXT, value REAL)")
        con.executemany("INSERT INTO raw VALUES (?, ?)", _idf_rows(idf_file, idf))
        # one sorted pass fills the B-tree far faster than inserting in the file's order
        con.execute("INSERT OR REPLACE INTO idf SELECT word, value FROM raw ORDER BY word")
        con.executemany("INSERT INTO translit VALUES (?, ?)", counts.shares().items())
        median = sorted(idf)[len(idf) // 2] if idf else 0.0  # jieba's weight for unknown words
        con.execute("INSERT INTO meta VALUES ('median_idf', ?)", (str(median),))
    con.close()
    os.replace(temp, path)
    for old in path.parent.glob(f"{PREFIX}*.sqlite"):
        if old != path:
            old.unlink(missing_ok=True)  # another run may hold it open: POSIX keeps it readable


def _idf_rows(path: Path, values: array[float]) -> Iterator[tuple[str, float]]:
    """(word, idf) pairs of jieba's idf.txt; each value also appended to `values`."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, _, value = line.strip().rpartition(" ")
            if word:
                values.append(float(value))
                yield word, values[-1]


@cache
def _connection() -> sqlite3.Connection:
    """The read-only connection to this machine's index, built on first use."""
    sources = (cedict.source(), idf_source())
    try:
        return open_index(ensure(cache_dir(fallback_to_temp=True), sources), sources)
    except (OSError, sqlite3.Error) as exc:  # a read-only or full cache folder: a private copy
        folder = Path(mkdtemp(prefix="zhbrief-lexicon-"))
        log.warning(
            "Cannot use the dictionary index in the cache folder (%s): using %s", exc, folder
        )
        return open_index(ensure(folder, sources), sources)


def open_index(path: Path, sources: tuple[Path, Path]) -> sqlite3.Connection:
    """A read-only connection to a complete index; a damaged file is built again from `sources`."""
    try:
        return _checked(path)
    except sqlite3.DatabaseError:
        log.warning("The dictionary index %s is damaged: building it again", path)
        path.unlink(missing_ok=True)
        build(path, *sources)
        return _checked(path)


def _checked(path: Path) -> sqlite3.Connection:
    """A read-only connection, after one query that a truncated or foreign file fails."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        con.execute("SELECT value FROM meta WHERE key = 'median_idf'").fetchone()
    except sqlite3.DatabaseError:
        con.close()
        raise
    return con


def _query(sql: str, args: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Rows of one query; one thread at a time on the shared connection."""
    with _LOCK:
        return _connection().execute(sql, args).fetchall()


@lru_cache(maxsize=16384)
def entries(word: str) -> tuple[tuple[cedict.Entry, str], ...]:
    """CC-CEDICT's entries of a Simplified word, in file order, each with its person kind."""
    rows = _query(
        "SELECT traditional, pinyin, senses, person FROM entry WHERE simplified = ? ORDER BY rowid",
        (word,),
    )
    return tuple(
        (cedict.Entry(trad, word, pinyin, tuple(senses.split(_SEP))), person)
        for trad, pinyin, senses, person in rows
    )


@lru_cache(maxsize=16384)
def idf(word: str) -> float | None:
    """jieba's IDF of a word, None when its table lacks it."""
    rows = _query("SELECT value FROM idf WHERE word = ?", (word,))
    return float(rows[0][0]) if rows else None


@cache
def median_idf() -> float:
    """The median of jieba's IDF table."""
    return float(_query("SELECT value FROM meta WHERE key = 'median_idf'", ())[0][0])


@cache
def transliteration() -> dict[str, float]:
    """Each character's share of foreign names and places among CC-CEDICT's words using it."""
    return {char: float(share) for char, share in _query("SELECT char, share FROM translit", ())}
