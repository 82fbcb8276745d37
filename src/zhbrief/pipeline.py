"""Chains the stages for a whole run: incremental, batched across articles, failures isolated."""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from zhbrief.clean import clean_text
from zhbrief.config import Settings
from zhbrief.errors import EngineError, NoModelError, SourceError, UsageError
from zhbrief.keyterms import key_terms
from zhbrief.model import Article, Brief, KeyTerm, Translation
from zhbrief.packages import PackageInfo, download_official, find_zh_en, install_package
from zhbrief.render import IndexEntry, render_brief, render_index, title_of
from zhbrief.report import RunReport, report_json
from zhbrief.segment import segment_article
from zhbrief.sources import NotChineseError, find_sources, read_source
from zhbrief.state import Record, RunLock, State, fingerprint, needs_work, source_key, state_dir
from zhbrief.summarize import summarize
from zhbrief.translate import (
    ArgosEngine,
    Decoding,
    Engine,
    TranslationCache,
    cache_key,
    translate_sentences,
)
from zhbrief.writer import output_names, remove_temp_files, resolve_inside, write_atomic

log = logging.getLogger("zhbrief")

EngineFactory = Callable[[PackageInfo, Decoding], Engine]
CHUNK_ARTICLES = 64  # articles prepared and translated together; bounds memory on huge inputs


@dataclass(slots=True)
class _Tally:
    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    flagged: int = 0


def now_utc() -> datetime:
    """The run's clock: SOURCE_DATE_EPOCH when set (reproducible output), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


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
    tally = _Tally()
    if pending:
        engine = _LazyEngine(package.label, lambda: engine_factory(package, decoding))
        cache = TranslationCache(state.conn, cache_key(engine, decoding))
        ctx = _Context(settings, package, decoding, fp, names, engine, cache, clock(), progress)
        for chunk in _chunks(pending, CHUNK_ARTICLES, progress):
            _process_chunk(ctx, state, [(rel, rels[rel]) for rel in chunk], tally)
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


class _LazyEngine:
    """Builds the real engine on first use, so a run with nothing to translate never loads it."""

    def __init__(self, name: str, build: Callable[[], Engine]) -> None:
        self.name = name
        self._build = build
        self._engine: Engine | None = None

    def get(self) -> Engine:
        if self._engine is None:
            self._engine = self._build()
        return self._engine

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        return self.get().translate_batch(sentences)


@dataclass(frozen=True, slots=True)
class _Context:
    settings: Settings
    package: PackageInfo
    decoding: Decoding
    fingerprint: str
    names: dict[str, str]
    engine: _LazyEngine
    cache: TranslationCache
    created: datetime
    progress: bool


def _chunks(items: list[str], size: int, progress: bool) -> Iterator[list[str]]:
    bar = tqdm(total=len(items), desc="articles", unit="article", disable=not progress)
    with bar:
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            yield chunk
            bar.update(len(chunk))


def _process_chunk(
    ctx: _Context, state: State, chunk: list[tuple[str, Path]], tally: _Tally
) -> None:
    prepared: list[tuple[Article, tuple[KeyTerm, ...]]] = []
    for rel, path in chunk:
        try:
            article = prepare_article(path, ctx.settings)
            prepared.append((article, key_terms(article, ctx.settings.key_terms)))
        except NotChineseError as exc:
            _record_problem(ctx, state, rel, path, "skipped", str(exc), tally.skipped)
        except SourceError as exc:
            _record_problem(ctx, state, rel, path, "failed", str(exc), tally.failed)
        except Exception as exc:  # one bad article never stops the others
            log.debug("Unexpected error on %s", rel, exc_info=True)
            _record_problem(
                ctx, state, rel, path, "failed", f"internal error: {exc!r}", tally.failed
            )
    for group in _translatable_groups(ctx, prepared, state, tally):
        translations = group[1]
        for article, terms in group[0]:
            _finish_article(ctx, state, article, terms, translations, tally)


def prepare_article(path: Path, settings: Settings) -> Article:
    """Read, clean and segment one source file."""
    doc = read_source(path, settings.input, settings.max_bytes)
    article = segment_article(doc, clean_text(doc.text, doc.meta.get("title")))
    if not article.sentences:
        raise SourceError("no article text left after removing page furniture; nothing to brief")
    return article


def _texts_of(article: Article, terms: tuple[KeyTerm, ...]) -> list[str]:
    texts = [article.title.norm] if article.title is not None else []
    texts += [s.norm for s in article.sentences]
    return texts + [t.zh for t in terms if not t.en]


def _translatable_groups(
    ctx: _Context,
    prepared: list[tuple[Article, tuple[KeyTerm, ...]]],
    state: State,
    tally: _Tally,
) -> Iterator[tuple[list[tuple[Article, tuple[KeyTerm, ...]]], dict[str, Translation]]]:
    """Translate the whole chunk at once; on an engine error, retry article by article."""
    if not prepared:
        return
    try:
        yield prepared, _translate(ctx, [t for a, k in prepared for t in _texts_of(a, k)])
        return
    except EngineError as exc:
        log.warning("Engine error on a batch (%s); retrying article by article.", exc)
    for article, terms in prepared:
        try:
            translations = _translate(ctx, _texts_of(article, terms))
        except EngineError as exc:
            path = ctx.settings.input / article.rel
            _record_problem(ctx, state, article.rel, path, "failed", str(exc), tally.failed)
            continue
        yield [(article, terms)], translations


def _translate(ctx: _Context, texts: list[str]) -> dict[str, Translation]:
    unique = list(dict.fromkeys(texts))
    results = translate_sentences(ctx.engine, unique, ctx.cache, progress=ctx.progress)
    return dict(zip(unique, results, strict=True))


def _finish_article(
    ctx: _Context,
    state: State,
    article: Article,
    terms: tuple[KeyTerm, ...],
    tr: dict[str, Translation],
    tally: _Tally,
) -> None:
    path = ctx.settings.input / article.rel
    try:
        brief = build_brief(ctx, article, terms, tr)
        name = ctx.names[article.rel]
        write_atomic(resolve_inside(ctx.settings.output, name), render_brief(brief))
    except Exception as exc:  # a render or write failure stays with its article
        log.debug("Could not write the brief of %s", article.rel, exc_info=True)
        _record_problem(
            ctx, state, article.rel, path, "failed", f"cannot write brief: {exc}", tally.failed
        )
        return
    flat = [t for para in brief.body for t in para]
    first = flat[brief.summary[0]].en if brief.summary else ""
    state.put(
        Record(
            article.rel,
            article.sha256,
            ctx.fingerprint,
            name,
            "done",
            None,
            title_of(brief),
            first,
            iso(ctx.created),
            iso(now_utc()),
        )
    )
    tally.written.append(article.rel)
    tally.flagged += sum(1 for t in flat if t.flags) + bool(brief.title_en and brief.title_en.flags)
    if article.removed:
        log.info("%s: removed %d lines of page furniture", article.rel, len(article.removed))
        for line in article.removed:
            log.debug("%s: removed %s", article.rel, line)


def build_brief(
    ctx: _Context, article: Article, terms: tuple[KeyTerm, ...], tr: dict[str, Translation]
) -> Brief:
    """Assemble the Brief of one article from its translations."""
    s = ctx.settings
    body = tuple(tuple(tr[x.norm] for x in p.sentences) for p in article.paragraphs)
    terms = tuple(t if t.en else KeyTerm(t.zh, t.pinyin, tr[t.zh].en) for t in terms)
    return Brief(
        article=article,
        title_en=tr[article.title.norm] if article.title is not None else None,
        body=body,
        summary=summarize(article, s.summarizer, s.sentences, s.ratio),
        key_terms=terms,
        model=ctx.package.label,
        summarizer=s.summarizer,
        decoding=ctx.decoding.as_meta(),
        created=iso(ctx.created),
    )


def _record_problem(
    ctx: _Context,
    state: State,
    rel: str,
    path: Path,
    status: str,
    reason: str,
    into: list[tuple[str, str]],
) -> None:
    state.put(
        Record(
            rel,
            source_key(path, ctx.settings.max_bytes),
            ctx.fingerprint,
            None,
            status,
            reason,
            None,
            None,
            None,
            iso(now_utc()),
        )
    )
    into.append((rel, reason))


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
