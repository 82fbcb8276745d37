"""One chunk of articles at a time: read, brief (run/work.py), write; failures stay put."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from zhbrief.errors import SourceError, ZhbriefError
from zhbrief.ingest.templates import Templates
from zhbrief.output.files import refuse_foreign, resolve_inside, write_atomic, write_if_changed
from zhbrief.run.plan import Plan, source_key
from zhbrief.run.publish import page_path
from zhbrief.run.report import iso
from zhbrief.run.stories import StoryBook
from zhbrief.run.work import Outcome, Previous, Recipe, Source, finish_batch, prepare_batch
from zhbrief.store.db import ENVIRONMENT, SOURCE, FailureKind, Record, Status, Store
from zhbrief.translation.engine import LazyEngine, SentenceCache

log = logging.getLogger("zhbrief")


@dataclass(slots=True)
class Tally:
    """What the chunks of a run did so far."""

    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    flagged: int = 0
    rebriefed: int = 0  # of `written`: briefs a rules update changed
    kept: int = 0  # briefs a rules update left as they were (not rewritten, not in `written`)
    printed: list[str] = field(default_factory=list)  # briefs for stdout (a job without output)
    stories: dict[str, str] = field(default_factory=dict)  # of `written`: source → story id

    def count(self) -> int:
        """Articles done so far, whatever their outcome."""
        return len(self.written) + len(self.failed) + len(self.skipped) + self.kept


@dataclass(frozen=True, slots=True)
class Job:
    """What the coordinator of a run holds: the plan and recipe, and the I/O around the work."""

    plan: Plan
    output: Path | None  # None: nothing is written, the briefs are printed (stdout)
    recipe: Recipe
    read: Callable[[str], bytes]  # a source's bytes, by its relative path; raises SourceError
    engine: LazyEngine
    cache: SentenceCache
    clock: Callable[[], datetime]
    max_bytes: int
    book: StoryBook  # the run's story decisions


def article_bar(total: int, progress: bool) -> tqdm[None]:
    """The "briefs" bar: one step per article briefed, failed or skipped, redrawn every step."""
    # mininterval=0: a step is a whole article, so every one is worth showing at once
    return tqdm(total=total, desc="briefs", unit="article", mininterval=0, disable=not progress)


def article_chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def process_chunk(
    job: Job,
    store: Store,
    chunk: list[str],
    tally: Tally,
    advance: Callable[[int], object] = lambda n: None,
) -> None:
    """Read, brief and write a chunk of articles in this process, one step per article."""
    done = tally.count()
    sources = read_sources(job, store, chunk, tally)
    advance(tally.count() - done)
    recipe = with_templates(job.recipe, store)
    batch = prepare_batch(recipe, sources)
    stories = job.book.assign(store, batch.arrivals)
    for outcome in finish_batch(recipe, batch, job.engine, job.cache, stories):
        apply_outcome(job, store, outcome, tally)
        advance(1)


def with_templates(recipe: Recipe, store: Store) -> Recipe:
    """The recipe with the site template lines the store knows so far (pages of earlier chunks
    and runs)."""
    return replace(recipe, templates=Templates(store.site_lines().recurring()))


def read_sources(job: Job, store: Store, chunk: list[str], tally: Tally) -> list[Source]:
    """The bytes of each article of `chunk`; unreadable ones are recorded as failed."""
    sources = []
    fetches = store.fetches()
    for rel in chunk:
        try:
            data = job.read(rel)
        except SourceError as exc:
            kind = ENVIRONMENT if exc.environment else SOURCE
            _record_problem(job, store, rel, "failed", str(exc), tally.failed, kind=kind)
            continue
        url = fetches.url_of(hashlib.sha256(data).hexdigest())
        name = job.plan.names[rel]
        sources.append(Source(rel, name, data, url, _previous(job, rel, name)))
    return sources


def _previous(job: Job, rel: str, name: str) -> Previous | None:
    """For a rules update, the brief on disk (its `created` and hash); None for any other work."""
    created = job.plan.updating.get(rel)
    if created is None or job.output is None:
        return None
    try:
        data = resolve_inside(job.output, name).read_bytes()
    except (OSError, ValueError):
        return None  # gone or unreadable: the new brief is written in full
    return Previous(created, hashlib.sha256(data).hexdigest())


def apply_outcome(job: Job, store: Store, outcome: Outcome, tally: Tally) -> None:
    """Write an article's files atomically, then record it: the coordinator's part."""
    rel = outcome.rel
    if outcome.status != "done":
        into = tally.skipped if outcome.status == "skipped" else tally.failed
        kind = outcome.kind or SOURCE
        _record_problem(job, store, rel, outcome.status, outcome.reason, into, outcome.sha256, kind)
        return
    try:
        _write(job, outcome, tally)
    except Exception as exc:  # a write failure stays with its article
        log.debug("Could not write the brief of %s", rel, exc_info=True)
        reason = f"cannot write brief: {exc}"
        # disk, permissions, a file in the way: fixed outside zhbrief, so the next run retries
        kind = ENVIRONMENT if isinstance(exc, (OSError, ZhbriefError)) else SOURCE
        _record_problem(job, store, rel, "failed", reason, tally.failed, outcome.sha256, kind)
        return
    # the story first: a run killed before the record re-briefs the article, which keeps it
    story = job.book.record(store, rel)
    _record_done(job, store, outcome)
    if outcome.sighting is not None:
        seen = outcome.sighting
        store.site_lines().record(seen.host, seen.page, seen.keys)
    if outcome.kept:  # its flags were counted when it was written
        tally.kept += 1
    else:
        tally.written.append(rel)
        tally.rebriefed += rel in job.plan.updating
        tally.flagged += outcome.flagged
        if story is not None:
            tally.stories[rel] = story
    if outcome.removed:
        log.info("%s: removed %d lines of page furniture", rel, len(outcome.removed))
        for line in outcome.removed:
            log.debug("%s: removed %s", rel, line)


def _write(job: Job, outcome: Outcome, tally: Tally) -> None:
    """The brief into the output folder (never over a foreign file), or kept for stdout."""
    if job.output is None:
        tally.printed.extend(text for _, text in outcome.files)
        return
    if not outcome.kept:  # a kept brief is byte for byte the one on disk
        for name, text in outcome.files:
            target = resolve_inside(job.output, name)
            refuse_foreign(target)
            write_atomic(target, text)
    if outcome.page is not None:
        write_if_changed(page_path(job.output, job.plan.names[outcome.rel]), outcome.page)


def _record_done(job: Job, store: Store, outcome: Outcome) -> None:
    """The record and the index entry of a brief now on disk."""
    rel = outcome.rel
    store.put(
        Record(
            rel=rel,
            sha256=outcome.sha256,
            fingerprint=job.plan.fingerprint or "",
            output=job.plan.names[rel],
            status="done",
            title=outcome.title,
            summary=outcome.summary,
            created=outcome.created,
            updated=iso(job.clock()),
            rules=job.plan.rules,
        )
    )
    if outcome.entry is not None:
        store.put_entry(rel, outcome.entry)


def _record_problem(
    job: Job,
    store: Store,
    rel: str,
    status: Status,
    reason: str,
    into: list[tuple[str, str]],
    sha256: str | None = None,
    kind: FailureKind = SOURCE,
) -> None:
    job.book.drop(store, rel)  # no brief, so in no story
    store.put(
        Record(
            rel=rel,
            sha256=sha256 or source_key(job.plan.sources[rel], job.max_bytes),
            fingerprint=job.plan.fingerprint or "",
            status=status,
            error=reason,
            updated=iso(job.clock()),
            kind=kind if status == "failed" else None,
            rules=job.plan.rules,
        )
    )
    into.append((rel, reason))
