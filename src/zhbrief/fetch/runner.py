"""A whole fetch: sources to article links, links to saved pages, every URL recorded."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime

from tqdm import tqdm

from zhbrief.errors import FetchError, OfflineError
from zhbrief.fetch.discover import Entry, body_text, discover
from zhbrief.fetch.job import FetchJob
from zhbrief.fetch.robots import Robots
from zhbrief.fetch.save import page_date, page_name, save_page
from zhbrief.layout import Layout
from zhbrief.output.files import remove_temp_files
from zhbrief.run.report import iso, now_utc
from zhbrief.store.db import Store
from zhbrief.store.fetches import FetchLog, FetchRecord, FetchStatus
from zhbrief.store.lock import RunLock
from zhbrief.web.client import Client
from zhbrief.web.urls import normalize_url

log = logging.getLogger("zhbrief")


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What a fetch did, for the summary line and the `url: reason` lines."""

    new: tuple[tuple[str, str], ...]  # (url, saved path relative to the input folder)
    failed: tuple[tuple[str, str], ...]  # (url, reason)
    skipped: tuple[tuple[str, str], ...]  # (url, reason): robots.txt
    planned: tuple[str, ...]  # --dry-run: the URLs that would be fetched
    sources: int
    seconds: float = 0.0
    dry_run: bool = False

    def summary_line(self) -> str:
        """`12 new pages from 3 sources, 1 failed (4.2 s)`."""
        count = len(self.planned) if self.dry_run else len(self.new)
        pages = "page" if count == 1 else "pages"
        sources = "source" if self.sources == 1 else "sources"
        what = f"{count} {pages} to fetch" if self.dry_run else f"{count} new {pages}"
        return (
            f"{what} from {self.sources} {sources}, "
            f"{len(self.failed)} failed ({self.seconds:.1f} s)"
        )


@dataclass(slots=True)
class _Tally:
    new: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)


def fetch(
    job: FetchJob,
    clock: Callable[[], datetime] = now_utc,
    progress: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """One whole fetch; under the output folder's lock unless it is a dry run."""
    began = time.monotonic()
    client = Client(job.polite, sleep=sleep)
    with _fetch_log(job) as fetches:
        tally = _fetch_all(job, fetches, client, clock, progress)
    _check_online(client, tally)
    count = len(job.sources) + (1 if job.urls else 0)
    report = FetchReport(
        tuple(tally.new), tuple(tally.failed), tuple(tally.skipped), tuple(tally.planned), count
    )
    return replace(report, seconds=time.monotonic() - began, dry_run=job.dry_run)


@contextmanager
def _fetch_log(job: FetchJob) -> Iterator[FetchLog]:
    """The fetch records: read-only for a dry run, else under the lock `zhbrief run` takes."""
    db = Layout(job.output).db
    if job.dry_run:  # nothing is written, so no lock and no folder is created
        store = Store.open(db) if db.exists() else Store.open(":memory:")
        with closing(store):
            yield store.fetches()
        return
    job.input.mkdir(parents=True, exist_ok=True)
    job.output.mkdir(parents=True, exist_ok=True)
    with RunLock(job.output):
        remove_temp_files(job.input)  # pages a killed fetch left half-written
        with closing(Store.open(db)) as store:
            yield store.fetches()


def _fetch_all(
    job: FetchJob, fetches: FetchLog, client: Client, clock: Callable[[], datetime], progress: bool
) -> _Tally:
    robots = Robots(client)
    tally = _Tally()
    done = set() if job.refetch else fetches.settled()
    for source, entries in _sources(job, client, robots, tally):
        todo = [e for e in entries if e.url not in done][: job.max_per_source]
        done.update(e.url for e in todo)
        if job.dry_run:
            _plan(todo, robots, tally)
            continue
        for entry in tqdm(todo, desc=source[-40:], unit="page", disable=not progress):
            _fetch_page(job, fetches, client, robots, source, entry, clock, tally)
    return tally


def _plan(todo: list[Entry], robots: Robots, tally: _Tally) -> None:
    """--dry-run: the pages robots.txt allows are listed, none is requested."""
    for entry in todo:
        try:
            allowed = robots.allowed(entry.url)
        except FetchError as exc:
            tally.failed.append((entry.url, str(exc)))
            continue
        if allowed:
            tally.planned.append(entry.url)
        else:
            tally.skipped.append((entry.url, "forbidden by robots.txt"))


def _sources(
    job: FetchJob, client: Client, robots: Robots, tally: _Tally
) -> list[tuple[str, list[Entry]]]:
    """Each source with its article links; a source that fails is one line and is left out."""
    found: list[tuple[str, list[Entry]]] = []
    for source in job.sources:
        try:
            found.append((source, discover(source, client, robots)))
        except FetchError as exc:
            tally.failed.append((source, str(exc)))
    listed: dict[str, list[Entry]] = {}
    for where, raw in job.urls:
        url = normalize_url(raw)
        if url is None:
            tally.failed.append((raw, "not an http(s) URL"))
        else:
            listed.setdefault(where, []).append(Entry(url))
    return found + list(listed.items())


def _fetch_page(
    job: FetchJob,
    fetches: FetchLog,
    client: Client,
    robots: Robots,
    source: str,
    entry: Entry,
    clock: Callable[[], datetime],
    tally: _Tally,
) -> None:
    now = iso(clock())
    record = FetchRecord(
        url=entry.url, source=source, status="failed", first_seen=now, last_seen=now
    )
    try:
        if not robots.allowed(entry.url):
            fetches.put(replace(record, status="skipped", error="forbidden by robots.txt"))
            tally.skipped.append((entry.url, "forbidden by robots.txt"))
            return
        record = _save(job, fetches, client, entry, clock, record)
    except FetchError as exc:
        status: FetchStatus = "rejected" if exc.permanent else "failed"
        fetches.put(replace(record, status=status, http_status=exc.status, error=str(exc)))
        tally.failed.append((entry.url, str(exc)))
        return
    fetches.put(record)
    tally.new.append((entry.url, record.path or ""))
    log.debug("%s → %s", entry.url, record.path)


def _save(
    job: FetchJob,
    fetches: FetchLog,
    client: Client,
    entry: Entry,
    clock: Callable[[], datetime],
    record: FetchRecord,
) -> FetchRecord:
    response = client.get(entry.url)
    if not response.is_html():
        kind = response.content_type or "no content type"
        raise FetchError(f"not an HTML page ({kind})", permanent=True, status=response.status)
    name = _name_for(job, fetches, entry, response.body, clock)
    save_page(job.input, name, response.body)
    return replace(
        record,
        status="fetched",
        http_status=response.status,
        bytes=len(response.body),
        sha256=hashlib.sha256(response.body).hexdigest(),
        path=name,
    )


def _name_for(
    job: FetchJob, fetches: FetchLog, entry: Entry, body: bytes, clock: Callable[[], datetime]
) -> str:
    """The page's path in the input folder: its old one on --refetch, else a new, free one."""
    old = fetches.get(entry.url)
    if old is not None and old.path:
        return old.path
    day = entry.date or page_date(body_text(body, entry.url), entry.url)
    name = page_name(entry.url, day or clock().date().isoformat(), fetches.paths())
    if (job.input / name).exists():  # a file saved by hand: never overwrite it
        name = page_name(entry.url, day or clock().date().isoformat(), {name})
    return name


def _check_online(client: Client, tally: _Tally) -> None:
    """Everything failed below HTTP: one clear line rather than one per URL."""
    if client.requests and not client.answered and tally.failed and not tally.new:
        first = tally.failed[0][1].removeprefix("host unreachable (").rstrip(")")
        raise OfflineError(
            f"Cannot reach any source ({first}); check the network connection and DNS. "
            "Nothing was fetched."
        )
