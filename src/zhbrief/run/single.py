"""One article on its own: a file or stdin to one brief, on stdout or into a folder."""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from zhbrief.config import Settings
from zhbrief.documents import Article, KeyTerm, Translation
from zhbrief.errors import EngineError, NotChineseError, SourceError, UsageError
from zhbrief.ingest import prepare_article
from zhbrief.ingest.find import read_bytes
from zhbrief.keyterms import key_terms
from zhbrief.output.files import resolve_inside, write_atomic
from zhbrief.output.markdown import render_brief
from zhbrief.places import cache_dir
from zhbrief.run.plan import decoding_of, recipe_of
from zhbrief.run.report import RunReport, iso, now_utc
from zhbrief.run.runner import EngineFactory, resolve_package
from zhbrief.run.work import Recipe, build_brief, flagged_sentences, texts_of
from zhbrief.store.db import Store
from zhbrief.store.lock import RunLock
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.device import start_engine
from zhbrief.translation.engine import (
    LazyEngine,
    MemoryCache,
    SentenceCache,
    cache_key,
    translate_sentences,
)

STDIN = Path("-")  # `zhbrief run -`: the article comes on standard input
STDOUT = Path("-")  # `-o -`: the brief goes to standard output


def is_single(source: Path) -> bool:
    """Whether `zhbrief run SOURCE` means one article (stdin or a file), not a folder."""
    return source == STDIN or source.is_file()


def source_name(source: Path, input_dir: Path) -> str:
    """The name the brief gives its source: relative to the input folder when inside it."""
    if source == STDIN:
        return "-"
    try:
        return source.resolve().relative_to(input_dir.resolve()).as_posix()
    except ValueError:
        return source.name


def read_stdin(stream: BinaryIO, max_bytes: int) -> bytes:
    """The article's bytes from a stream, refusing more than `max_bytes`."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise SourceError(f"is larger than the {max_bytes:,}-byte limit; pass --max-bytes")
    if not raw:
        raise SourceError("is empty; nothing to translate")
    return raw


def run_single(
    settings: Settings,
    source: Path,
    progress: bool = False,
    engine_factory: EngineFactory = ArgosEngine,
    clock: Callable[[], datetime] = now_utc,
    stdin: BinaryIO | None = None,
) -> tuple[RunReport, str | None]:
    """Brief one article; the Markdown is returned when the output is stdout, else written."""
    began = time.monotonic()
    report, markdown = _run_single(settings, source, progress, engine_factory, clock, stdin)
    return dataclasses.replace(report, seconds=time.monotonic() - began), markdown


def _run_single(
    settings: Settings,
    source: Path,
    progress: bool,
    engine_factory: EngineFactory,
    clock: Callable[[], datetime],
    stdin: BinaryIO | None,
) -> tuple[RunReport, str | None]:
    rel = source_name(source, settings.input)
    to_stdout = settings.output == STDOUT
    started = clock()
    try:
        if source == STDIN:
            raw = read_stdin(stdin or sys.stdin.buffer, settings.max_bytes)
        else:
            raw = read_bytes(source, settings.max_bytes)
        article = prepare_article(raw, rel)
    except NotChineseError as exc:
        return RunReport(skipped=((rel, str(exc)),), started=iso(started)), None
    except SourceError as exc:
        return RunReport(failed=((rel, str(exc)),), started=iso(started)), None
    if to_stdout:
        return _brief(settings, article, MemoryCache({}), engine_factory, clock, progress)
    settings.output.mkdir(parents=True, exist_ok=True)
    with RunLock(settings.output):
        store = Store.of_output(settings.output)
        try:
            return _brief(settings, article, store, engine_factory, clock, progress)
        finally:
            store.close()


def _brief(
    settings: Settings,
    article: Article,
    where: Store | MemoryCache,
    engine_factory: EngineFactory,
    clock: Callable[[], datetime],
    progress: bool,
) -> tuple[RunReport, str | None]:
    """Translate, summarize and render one prepared article; write it unless it goes to stdout."""
    models = cache_dir() / "models" if isinstance(where, MemoryCache) else None
    package = resolve_package(settings, progress, models)
    engine, decoding = start_engine(
        settings.device, package.label, decoding_of(settings), lambda d: engine_factory(package, d)
    )
    cache: SentenceCache = (
        where if isinstance(where, MemoryCache) else where.translations(cache_key(engine, decoding))
    )
    recipe = recipe_of(settings, package.label, decoding, clock(), progress)
    terms = key_terms(article, settings.key_terms)
    try:
        translations = _translate(recipe, engine, cache, article, terms)
    except EngineError as exc:
        return RunReport(failed=((article.rel, str(exc)),), model=package.label), None
    brief = build_brief(recipe, article, terms, translations)
    markdown = render_brief(brief)
    report = RunReport(
        written=(article.rel,),
        flagged=flagged_sentences(brief),
        model=package.label,
        started=iso(recipe.created),
    )
    if isinstance(where, MemoryCache):
        return report, markdown
    name = str(PurePosixPath(article.rel).with_suffix(".md"))
    write_atomic(resolve_inside(settings.output, name), markdown)
    return report, None


def _translate(
    recipe: Recipe,
    engine: LazyEngine,
    cache: SentenceCache,
    article: Article,
    terms: tuple[KeyTerm, ...],
) -> dict[str, Translation]:
    """Every text of the brief translated: title, sentences, key terms without an English."""
    unique = list(dict.fromkeys(texts_of(article, terms)))
    done = translate_sentences(engine, unique, cache, progress=recipe.progress)
    return dict(zip(unique, done, strict=True))


def check_single_options(single: bool, to_stdout: bool, as_json: bool) -> None:
    """Refuse combinations with no sensible meaning, before any work."""
    if to_stdout and not single:
        raise UsageError("-o - (stdout) takes one article: give a file or - (stdin), not a folder.")
    if to_stdout and as_json:
        raise UsageError("--json needs the brief written into a folder (-o DIR), not to stdout.")
