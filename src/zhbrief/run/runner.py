"""A run: lock, plan, chunks of articles, deleted sources, index, report; one article alike.

A folder and a single article (`run FILE`, `run -`) take the same path: a plan (of one), the
same job and work, the same writes and foreign-file check, the same naming, device and cache.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from zhbrief.config import Settings, format_set
from zhbrief.ingest.find import find_sources, read_bytes
from zhbrief.layout import Layout, models_dir
from zhbrief.output.files import remove_temp_files, resolve_inside, write_atomic
from zhbrief.run.adopt import adopt_briefs
from zhbrief.run.articles import Job, Tally, article_bar, article_chunks, process_chunk
from zhbrief.run.distributed import run_distributed
from zhbrief.run.engine_choice import Model, make_engine, resolve_model
from zhbrief.run.plan import Plan, decoding_of, fingerprint, make_plan, recipe_of
from zhbrief.run.publish import Reading, done_entries, page_path, publish, write_index
from zhbrief.run.report import RunReport, iso, now_utc, report_json
from zhbrief.run.safety import check_output, check_places, environment_errors
from zhbrief.run.single import STDIN, STDOUT, plan_of_one, read_stdin
from zhbrief.run.stories import StoryBook, forget_old, relist
from zhbrief.store.db import Record, Store, move_aside
from zhbrief.store.lock import RunLock
from zhbrief.translation.device import start_engine
from zhbrief.translation.engine import Decoding, Engine, LazyEngine, cache_key
from zhbrief.translation.servers import Server

log = logging.getLogger("zhbrief")

EngineFactory = Callable[[Model, Decoding], Engine]
CHUNK_ARTICLES = 64  # articles prepared and translated together; bounds memory on huge inputs


def run(
    settings: Settings,
    engine_factory: EngineFactory = make_engine,
    clock: Callable[[], datetime] = now_utc,
    progress: bool = False,
) -> RunReport:
    """One whole run over the input folder."""
    started, began = clock(), time.monotonic()
    layout = Layout(settings.output)
    check_places(settings.input, settings.output)
    if not find_sources(settings.input, settings.follow_symlinks) and not layout.db.exists():
        # an empty drop folder is the normal idle state of a cron job, not an error
        log.info("No articles in %s: nothing to do.", settings.input)
        return RunReport(started=iso(started), seconds=time.monotonic() - began)
    with environment_errors(settings.output):
        with _locked(settings.output):
            if settings.rebuild_state and (old := move_aside(layout.db)) is not None:
                log.warning("Moved the state database aside to %s; starting afresh.", old)
            with closing(Store.open(layout.db)) as store:
                report = _run_locked(settings, store, engine_factory, clock, progress)
        report = dataclasses.replace(report, started=iso(started), seconds=time.monotonic() - began)
        write_atomic(layout.last_run, report_json(report))
    return report


def run_single(
    settings: Settings,
    source: Path,
    progress: bool = False,
    engine_factory: EngineFactory = make_engine,
    clock: Callable[[], datetime] = now_utc,
    stdin: BinaryIO | None = None,
) -> tuple[RunReport, str | None]:
    """One article (a file, or `-` for stdin) as a plan of one; its brief when output is `-`.

    Into a folder: under its lock, with its translation cache, never over a foreign file, and
    not recorded (status and index describe folder runs). To stdout: nothing is written at all.
    """
    started, began = clock(), time.monotonic()
    with _one_article_stores(settings) as (cache, records):
        model = resolve_model(settings, progress, _unpack_dir(settings))
        plan = plan_of_one(settings, source, fingerprint(settings, model))
        # one article gets no reading page: the site and its index describe folder runs
        job = _job(settings, plan, model, engine_factory, cache, clock, progress, pages=False)
        if source == STDIN:
            job = dataclasses.replace(
                job, read=lambda rel: read_stdin(stdin or sys.stdin.buffer, settings.max_bytes)
            )
        tally = Tally()
        with closing(job.engine):
            _in_chunks(job, records, tally, progress)
    report = _report(plan, tally, {}, model.label)
    report = dataclasses.replace(report, started=iso(started), seconds=time.monotonic() - began)
    return report, "".join(tally.printed) or None


@contextmanager
def _one_article_stores(settings: Settings) -> Iterator[tuple[Store, Store]]:
    """One article's translation cache and records: the output folder's cache, records in memory."""
    # one article is never recorded (status and index describe folder runs); for stdout nothing
    # may be written at all, so the cache lives in memory too
    if settings.output == STDOUT:
        with closing(Store.open(":memory:")) as memory:
            yield memory, memory
        return
    check_output(settings.input, settings.output)
    with (
        environment_errors(settings.output),
        _locked(settings.output),
        closing(Store.of_output(settings.output)) as cache,
        closing(Store.open(":memory:")) as records,
    ):
        yield cache, records


@contextmanager
def _locked(output: Path) -> Iterator[None]:
    """The output folder, created, under the run lock, with a killed run's temp files gone."""
    output.mkdir(parents=True, exist_ok=True)
    with RunLock(output) as lock:
        if lock.stale_pid is not None:
            log.warning("Took over a stale lock left by PID %s.", lock.stale_pid)
        removed = remove_temp_files(output)
        if removed:
            log.warning("Removed %d temp files left by an interrupted run.", removed)
        yield


def _run_locked(
    settings: Settings,
    store: Store,
    engine_factory: EngineFactory,
    clock: Callable[[], datetime],
    progress: bool,
) -> RunReport:
    model = resolve_model(settings, progress, _unpack_dir(settings))
    records = store.records()
    plan = make_plan(settings, records, model)
    if settings.rebuild_state:
        plan = adopt_briefs(settings.output, plan, store, settings.max_bytes, clock)
    tally = Tally(failed=list(plan.unusable), skipped=list(plan.ignored))
    if plan.pending:
        job = _job(settings, plan, model, engine_factory, store, clock, progress)
        with closing(job.engine):
            if settings.workers or settings.scheduler:
                run_distributed(settings, job, store, list(plan.pending), model, tally)
            else:
                _in_chunks(job, store, tally, progress)
    deleted, pruned = _handle_deleted(settings, store, plan, records)
    relisted = relist(store, settings.output)  # briefs whose story gained or lost a brief
    if relisted:
        log.info("Listed the other briefs of their stories anew in %d briefs.", relisted)
    forget_old(store, iso(clock())[:10], settings.story_days)
    entries = done_entries(store)
    # every run: a run killed after recording a brief but before rewriting index.md left it behind
    write_index(settings.output, entries)
    html = "html" in format_set(settings.formats)
    publish(Reading(settings.output, html, settings.base_url), entries)
    report = _report(plan, tally, records, model.label)
    stories = store.stories()
    shared = len({story for story in tally.stories.values() if len(stories.members(story)) > 1})
    return dataclasses.replace(report, deleted=tuple(deleted), pruned=tuple(pruned), shared=shared)


def _job(
    settings: Settings,
    plan: Plan,
    model: Model,
    engine_factory: EngineFactory,
    cache: Store,
    clock: Callable[[], datetime],
    progress: bool,
    pages: bool = True,
) -> Job:
    """The job of a plan: the engine (a local one on its device), the recipe, the cache, the
    source files."""
    decoding = decoding_of(settings)
    if isinstance(model, Server):  # no device, and decoding settings change nothing it says
        engine = LazyEngine(model.label, lambda: engine_factory(model, decoding))
        key, meta = cache_key(engine, None), model.meta()
    else:
        build = functools.partial(engine_factory, model)
        engine, decoding = start_engine(settings.device, model.label, decoding, build)
        key, meta = cache_key(engine, decoding), None
    recipe = recipe_of(settings, model.label, decoding, clock(), progress, pages)
    return Job(
        plan=plan,
        output=None if settings.output == STDOUT else settings.output,
        recipe=dataclasses.replace(recipe, meta=meta),
        read=lambda rel: read_bytes(plan.sources[rel], settings.max_bytes),
        engine=engine,
        cache=cache.translations(key),
        clock=clock,
        max_bytes=settings.max_bytes,
        book=StoryBook(settings.story_days),
    )


def _unpack_dir(settings: Settings) -> Path:
    """Where a --model FILE is unpacked (the user's cache when the brief goes to stdout)."""
    return models_dir(None if settings.output == STDOUT else settings.output)


def _in_chunks(job: Job, store: Store, tally: Tally, progress: bool) -> None:
    """The plan's pending articles in this process, a chunk at a time, with the briefs bar."""
    pending = list(job.plan.pending)
    with article_bar(len(pending), progress) as bar:
        for chunk in article_chunks(pending, CHUNK_ARTICLES):
            process_chunk(job, store, chunk, tally, bar.update)


def _report(plan: Plan, tally: Tally, records: dict[str, Record], model: str) -> RunReport:
    seen = sum(1 for rel in plan.pending if rel in records)
    return RunReport(
        written=tuple(tally.written),
        failed=tuple(tally.failed),
        skipped=tuple(tally.skipped),
        unchanged=len(plan.sources) - len(plan.pending),
        flagged=tally.flagged,
        still_failing=plan.still_failing(records),
        walk_notes=len(plan.ignored) + len(plan.unusable),
        model=model,
        reprocessed=seen - tally.rebriefed - tally.kept,
        rebriefed=tally.rebriefed,
        kept=tally.kept,
        stories=len(set(tally.stories.values())),
    )


def _handle_deleted(
    settings: Settings, store: Store, plan: Plan, records: dict[str, Record]
) -> tuple[list[str], list[str]]:
    """Forget sources gone without a brief; with --prune, remove the briefs of the others."""
    deleted, forgotten = plan.gone(records)
    for rel in forgotten:
        store.delete(rel)
    if not settings.prune:
        return deleted, []
    for rel in deleted:
        name = records[rel].output or ""
        resolve_inside(settings.output, name).unlink(missing_ok=True)
        page_path(settings.output, name).unlink(missing_ok=True)
        store.delete(rel)
    return [], deleted
