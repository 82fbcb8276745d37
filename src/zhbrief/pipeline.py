"""Chains the stages for a whole run: incremental, batched across articles, failures isolated."""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from zhbrief.batch import BatchContext, LazyEngine, Tally, article_chunks, process_chunk
from zhbrief.config import Settings
from zhbrief.errors import NoModelError, UsageError
from zhbrief.packages import PackageInfo, download_official, find_zh_en, install_package
from zhbrief.render import IndexEntry, render_index
from zhbrief.report import RunReport, iso, now_utc, report_json
from zhbrief.sources import find_sources
from zhbrief.state import Record, RunLock, State, fingerprint, needs_work, state_dir
from zhbrief.translate import (
    ArgosEngine,
    Decoding,
    Engine,
    TranslationCache,
    cache_key,
)
from zhbrief.writer import output_names, remove_temp_files, resolve_inside, write_atomic

log = logging.getLogger("zhbrief")

EngineFactory = Callable[[PackageInfo, Decoding], Engine]
CHUNK_ARTICLES = 64  # articles prepared and translated together; bounds memory on huge inputs


def decoding_of(settings: Settings) -> Decoding:
    """The decoding settings a run uses."""
    return Decoding(
        beam_size=settings.beam_size, threads=settings.threads, compute_type=settings.compute_type
    )


def resolve_package(settings: Settings, progress: bool) -> PackageInfo:
    """The zh→en package; with none installed, fetch the official one unless forbidden."""
    cache = state_dir(settings.output) / "models"
    try:
        return find_zh_en(settings.model, cache_dir=cache)
    except NoModelError:
        if settings.model is not None or not settings.download:
            raise
    log.warning("No zh→en package installed: downloading the official one from the Argos index.")
    with tempfile.TemporaryDirectory(prefix="zhbrief-download-") as tmp:
        installed = install_package(download_official(Path(tmp), progress=progress))
    log.info("Installed %s %s", installed.name, installed.version)
    return installed


def run(
    settings: Settings,
    engine_factory: EngineFactory = ArgosEngine,
    clock: Callable[[], datetime] = now_utc,
    progress: bool = False,
) -> RunReport:
    """One whole run over the input folder; the only entry point the CLI needs."""
    started = time.monotonic()
    paths = find_sources(settings.input)
    if not paths and not (state_dir(settings.output) / "state.db").exists():
        raise UsageError(
            f"No articles found in {settings.input}: put .txt, .md, .html or .htm files there."
        )
    settings.output.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.output) as lock:
        if lock.stale_pid is not None:
            log.warning("Took over a stale lock left by PID %s.", lock.stale_pid)
        removed = remove_temp_files(settings.output)
        if removed:
            log.warning("Removed %d temp files left by an interrupted run.", removed)
        state = State.open(settings.output)
        try:
            report = _run_locked(settings, paths, state, engine_factory, clock, progress)
        finally:
            state.close()
    report = dataclasses.replace(report, seconds=time.monotonic() - started)
    write_atomic(state_dir(settings.output) / "last-run.json", report_json(report))
    return report


def _run_locked(
    settings: Settings,
    paths: list[Path],
    state: State,
    engine_factory: EngineFactory,
    clock: Callable[[], datetime],
    progress: bool,
) -> RunReport:
    package = resolve_package(settings, progress)
    decoding = decoding_of(settings)
    fp = fingerprint(settings, package, decoding)
    rels = {p.relative_to(settings.input).as_posix(): p for p in paths}
    names = output_names(list(rels))
    records = state.records()
    pending = [
        rel for rel in rels if needs_work(settings, records.get(rel), rels[rel], fp, names[rel])
    ]
    tally = Tally()
    if pending:
        engine = LazyEngine(package.label, lambda: engine_factory(package, decoding))
        cache = TranslationCache(state.conn, cache_key(engine, decoding))
        ctx = BatchContext(settings, package, decoding, fp, names, engine, cache, clock(), progress)
        for chunk in article_chunks(pending, CHUNK_ARTICLES, progress):
            process_chunk(ctx, state, [(rel, rels[rel]) for rel in chunk], tally)
    deleted, pruned = _handle_deleted(settings, state, records, rels)
    if pending or pruned or not (settings.output / "index.md").exists():
        _write_index(settings.output, state)
    return RunReport(
        written=tuple(tally.written),
        failed=tuple(tally.failed),
        skipped=tuple(tally.skipped),
        unchanged=len(rels) - len(pending),
        deleted=tuple(deleted),
        pruned=tuple(pruned),
        flagged=tally.flagged,
        model=package.label,
        started=iso(clock()),
    )


def _handle_deleted(
    settings: Settings, state: State, records: dict[str, Record], rels: dict[str, Path]
) -> tuple[list[str], list[str]]:
    deleted, pruned = [], []
    for rel, rec in sorted(records.items()):
        if rel in rels:
            continue
        if rec.status != "done" or rec.output is None:
            state.delete(rel)
        elif settings.prune:
            resolve_inside(settings.output, rec.output).unlink(missing_ok=True)
            state.delete(rel)
            pruned.append(rel)
        else:
            deleted.append(rel)
    return deleted, pruned


def _write_index(output: Path, state: State) -> None:
    entries = [
        IndexEntry(r.output, r.title or r.rel, r.created or "", r.summary or "")
        for r in state.records().values()
        if r.status == "done" and r.output is not None
    ]
    write_atomic(output / "index.md", render_index(entries))
