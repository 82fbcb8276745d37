"""A whole run: lock, plan, chunks of articles, deleted sources, index, report."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from zhbrief.config import Settings, format_set
from zhbrief.documents import Entry
from zhbrief.errors import NoModelError
from zhbrief.ingest.find import find_sources
from zhbrief.output.entry import entry_from_json
from zhbrief.output.files import remove_temp_files, resolve_inside, write_atomic
from zhbrief.output.markdown import render_index
from zhbrief.run.adopt import adopt_briefs
from zhbrief.run.articles import Job, Tally, article_bar, article_chunks, process_chunk
from zhbrief.run.plan import Plan, decoding_of, fingerprint, make_plan, recipe_of
from zhbrief.run.publish import Reading, page_path, publish
from zhbrief.run.report import RunReport, iso, now_utc, report_json
from zhbrief.run.safety import check_places, environment_errors
from zhbrief.store.db import DB_NAME, Record, Store, move_aside, state_dir
from zhbrief.store.lock import RunLock
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.device import start_engine
from zhbrief.translation.download import download_and_install
from zhbrief.translation.engine import Decoding, Engine, cache_key
from zhbrief.translation.packages import PackageInfo, find_zh_en

log = logging.getLogger("zhbrief")

EngineFactory = Callable[[PackageInfo, Decoding], Engine]
CHUNK_ARTICLES = 64  # articles prepared and translated together; bounds memory on huge inputs


def resolve_package(settings: Settings, progress: bool, models: Path | None = None) -> PackageInfo:
    """The zh→en package; with none installed, fetch the official one unless forbidden."""
    models = state_dir(settings.output) / "models" if models is None else models
    try:
        return find_zh_en(settings.model, cache_dir=models)
    except NoModelError:
        if settings.model is not None or not settings.download:
            raise
    log.warning("No zh→en package installed: downloading the official one from the Argos index.")
    installed = download_and_install(progress)
    log.info("Installed %s %s", installed.name, installed.version)
    return installed


def run(
    settings: Settings,
    engine_factory: EngineFactory = ArgosEngine,
    clock: Callable[[], datetime] = now_utc,
    progress: bool = False,
) -> RunReport:
    """One whole run over the input folder; the only entry point the CLI needs."""
    started, began = clock(), time.monotonic()
    db = state_dir(settings.output) / DB_NAME
    check_places(settings.input, settings.output)
    if not find_sources(settings.input, settings.follow_symlinks) and not db.exists():
        # an empty drop folder is the normal idle state of a cron job, not an error
        log.info("No articles in %s: nothing to do.", settings.input)
        return RunReport(started=iso(started), seconds=time.monotonic() - began)
    with environment_errors(settings.output):
        settings.output.mkdir(parents=True, exist_ok=True)
        with RunLock(settings.output) as lock:
            if lock.stale_pid is not None:
                log.warning("Took over a stale lock left by PID %s.", lock.stale_pid)
            removed = remove_temp_files(settings.output)
            if removed:
                log.warning("Removed %d temp files left by an interrupted run.", removed)
            if settings.rebuild_state and (old := move_aside(db)) is not None:
                log.warning("Moved the state database aside to %s; starting afresh.", old)
            store = Store.open(db)
            try:
                report = _run_locked(settings, store, engine_factory, clock, progress)
            finally:
                store.close()
        report = dataclasses.replace(report, started=iso(started), seconds=time.monotonic() - began)
        write_atomic(state_dir(settings.output) / "last-run.json", report_json(report))
    return report


def _run_locked(
    settings: Settings,
    store: Store,
    engine_factory: EngineFactory,
    clock: Callable[[], datetime],
    progress: bool,
) -> RunReport:
    package = resolve_package(settings, progress)
    records = store.records()
    plan = make_plan(settings, records, fingerprint(settings, package))
    if settings.rebuild_state:
        plan = adopt_briefs(settings.output, plan, store, settings.max_bytes, clock)
    tally = Tally(failed=list(plan.unusable), skipped=list(plan.ignored))
    if plan.pending:
        job = _job(settings, plan, package, engine_factory, store, clock, progress)
        if settings.workers or settings.scheduler:
            from zhbrief.run.distributed import run_distributed  # Dask only when asked for

            run_distributed(settings, job, store, list(plan.pending), package, tally)
        else:
            with article_bar(len(plan.pending), progress) as bar:
                for chunk in article_chunks(list(plan.pending), CHUNK_ARTICLES):
                    process_chunk(job, store, chunk, tally, bar.update)
    deleted, pruned = _handle_deleted(settings, store, records, plan)
    if plan.pending or pruned or not (settings.output / "index.md").exists():
        _write_index(settings, store)
    html = "html" in format_set(settings.formats)
    publish(Reading(settings.output, html, settings.base_url), done_entries(store))
    return RunReport(
        written=tuple(tally.written),
        failed=tuple(tally.failed),
        skipped=tuple(tally.skipped),
        unchanged=len(plan.sources) - len(plan.pending),
        deleted=tuple(deleted),
        pruned=tuple(pruned),
        flagged=tally.flagged,
        still_failing=plan.still_failing(records),
        walk_notes=len(plan.ignored) + len(plan.unusable),
        model=package.label,
        reprocessed=sum(1 for rel in plan.pending if rel in records),
    )


def _job(
    settings: Settings,
    plan: Plan,
    package: PackageInfo,
    engine_factory: EngineFactory,
    store: Store,
    clock: Callable[[], datetime],
    progress: bool,
) -> Job:
    engine, decoding = start_engine(
        settings.device,
        package.label,
        decoding_of(settings),
        lambda d: engine_factory(package, d),
    )
    recipe = recipe_of(settings, package.label, decoding, clock(), progress)
    return Job(
        input=settings.input,
        output=settings.output,
        max_bytes=settings.max_bytes,
        recipe=recipe,
        fingerprint=plan.fingerprint or "",
        names=plan.names,
        engine=engine,
        cache=store.translations(cache_key(engine, decoding)),
        clock=clock,
    )


def _handle_deleted(
    settings: Settings, store: Store, records: dict[str, Record], plan: Plan
) -> tuple[list[str], list[str]]:
    deleted, pruned = [], []
    for rel, rec in sorted(records.items()):
        if rel in plan.sources:
            continue
        if rec.status != "done" or rec.output is None:
            store.delete(rel)
        elif settings.prune:
            resolve_inside(settings.output, rec.output).unlink(missing_ok=True)
            page_path(settings.output, rec.output).unlink(missing_ok=True)
            store.delete(rel)
            pruned.append(rel)
        else:
            deleted.append(rel)
    return deleted, pruned


def done_entries(store: Store) -> list[Entry]:
    """The Entry of every brief on record (built from the record for briefs made before 0.2)."""
    kept = store.entries()
    entries = []
    for rel, r in sorted(store.records().items()):
        if r.status != "done" or r.output is None:
            continue
        if rel in kept:
            entries.append(dataclasses.replace(entry_from_json(kept[rel]), output=r.output))
        else:
            summary = (r.summary,) if r.summary else ()
            entries.append(Entry(r.output, rel, r.title or rel, "", summary, (), r.created or ""))
    return entries


def _write_index(settings: Settings, store: Store) -> None:
    write_atomic(settings.output / "index.md", render_index(done_entries(store)))
