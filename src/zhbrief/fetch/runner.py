"""A whole fetch: each source to its article links, links to saved pages, every URL recorded,
and what each source gave kept for `fetch --list` and the next conditional request."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from zhbrief.errors import FetchError, OfflineError
from zhbrief.fetch.discover import Entry, Found, discover
from zhbrief.fetch.job import FetchJob
from zhbrief.fetch.pages import Pages
from zhbrief.fetch.report import FetchReport, Tally
from zhbrief.fetch.robots import Robots
from zhbrief.layout import Layout
from zhbrief.output.files import remove_temp_files
from zhbrief.run.report import iso, now_utc
from zhbrief.store.db import Store
from zhbrief.store.fetches import FeedState, FetchLog
from zhbrief.store.lock import RunLock
from zhbrief.web.client import Client
from zhbrief.web.urls import normalize_url, to_uri

__all__ = ["FetchReport", "fetch", "fetch_log"]


def fetch(
    job: FetchJob,
    clock: Callable[[], datetime] = now_utc,
    progress: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> FetchReport:
    """One whole fetch; under the output folder's lock unless it is a dry run."""
    began = time.monotonic()
    client = Client(job.polite, sleep=sleep)
    tally = Tally()
    with fetch_log(job.output, write=not job.dry_run, pages_dir=job.input) as fetches:
        pages = Pages(job, fetches, client, Robots(client), clock, tally)
        _fetch_all(pages, progress)
    _check_online(client, tally)
    count = len(job.sources) + (1 if job.urls else 0)
    return tally.report(count, time.monotonic() - began, job.dry_run)


@contextmanager
def fetch_log(output: Path, write: bool, pages_dir: Path | None = None) -> Iterator[FetchLog]:
    """The fetch records: read-only (a dry run, --list), else under the lock `zhbrief run` takes."""
    db = Layout(output).db
    if not write:  # nothing is written, so no lock and no folder is created
        store = Store.open(db) if db.exists() else Store.open(":memory:")
        with closing(store):
            yield store.fetches()
        return
    if pages_dir is not None:
        pages_dir.mkdir(parents=True, exist_ok=True)
    output.mkdir(parents=True, exist_ok=True)
    with RunLock(output):
        if pages_dir is not None:
            remove_temp_files(pages_dir)  # pages a killed fetch left half-written
        with closing(Store.open(db)) as store:
            yield store.fetches()


def _fetch_all(pages: Pages, progress: bool) -> None:
    done = set() if pages.job.refetch else pages.fetches.settled()
    asked: set[str] = set()
    for source in pages.job.sources:
        uri = to_uri(source)
        if uri is None:
            pages.tally.failed.append((source, "not an http(s) URL"))
        elif uri not in asked:  # the same feed in the config and the OPML file: asked once
            asked.add(uri)
            _fetch_source(pages, uri, done, progress)
    for where, entries in _listed(pages.job, pages.tally).items():
        todo = [e for e in entries if e.url not in done]
        done.update(e.url for e in todo)
        _fetch_entries(pages, where, todo, progress)


def _fetch_source(pages: Pages, source: str, done: set[str], progress: bool) -> None:
    """One source: its links (asked conditionally when nothing of it is pending), its pages."""
    job = pages.job
    seen = None if job.refetch else pages.fetches.feed(source)
    try:
        found = discover(source, pages.client, pages.robots, seen)
    except FetchError as exc:
        pages.tally.failed.append((source, str(exc)))
        _record(pages, FeedState(url=source, checked="", result="failed", error=str(exc)))
        return
    pending = [e for e in found.entries if e.url not in done]
    todo = pending[: job.max_per_source]
    done.update(e.url for e in todo)
    outcome = _fetch_entries(pages, source, todo, progress)
    # validators only once every entry is settled: a 304 must not hide a page still to fetch
    complete = found.kind == "feed" and not outcome["failed"] and len(todo) == len(pending)
    failed = outcome["failed"] + outcome["rejected"]  # as the summary line counts them
    _record(pages, _state_of(source, found, complete, outcome["fetched"], failed))


def _state_of(source: str, found: Found, complete: bool, new: int, failed: int) -> FeedState:
    return FeedState(
        url=source,
        kind=found.kind,
        etag=found.etag if complete else None,
        last_modified=found.last_modified if complete else None,
        checked="",
        result="unchanged" if found.unchanged else "read",
        links=len(found.entries),
        new=new,
        failed=failed,
    )


def _record(pages: Pages, state: FeedState) -> None:
    """Keep what a source gave (not on a dry run, which writes nothing)."""
    if not pages.job.dry_run:
        pages.fetches.put_feed(replace(state, checked=iso(pages.clock())))


def _fetch_entries(pages: Pages, source: str, todo: list[Entry], progress: bool) -> Counter[str]:
    """Fetch (or, on a dry run, plan) these pages of one source; how many ended how."""
    if pages.job.dry_run:
        for entry in todo:
            pages.plan(entry)
        return Counter()
    bar = tqdm(todo, desc=source[-40:], unit="page", disable=not progress)
    return Counter(pages.fetch(source, entry) for entry in bar)


def _listed(job: FetchJob, tally: Tally) -> dict[str, list[Entry]]:
    """The one-off URLs by the list they came from; one not a URL is one line."""
    listed: dict[str, list[Entry]] = {}
    for where, raw in job.urls:
        url = normalize_url(raw)
        if url is None:
            tally.failed.append((raw, "not an http(s) URL"))
        else:
            listed.setdefault(where, []).append(Entry(url))
    return listed


def _check_online(client: Client, tally: Tally) -> None:
    """No connection could be made at all: one clear line rather than one per URL."""
    if client.requests and not client.reached and (tally.failed or tally.held) and not tally.new:
        reasons = [r for _, r in tally.failed] + [r for r, _ in tally.held.values()]
        first = reasons[0]
        if first.startswith("host unreachable ("):  # the held host's reason, unwrapped once
            first = first.removeprefix("host unreachable (")[:-1]
        raise OfflineError(
            f"Cannot reach any source ({first}); check the network connection and DNS. "
            "Nothing was fetched."
        )
