"""One chunk of articles at a time: prepare, translate together, brief, write; failures stay put."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from zhbrief.clean import clean_text
from zhbrief.config import Settings
from zhbrief.errors import EngineError, SourceError
from zhbrief.keyterms import key_terms
from zhbrief.model import Article, Brief, KeyTerm, Translation
from zhbrief.packages import PackageInfo
from zhbrief.render import render_brief, title_of
from zhbrief.report import iso, now_utc
from zhbrief.segment import segment_article
from zhbrief.sources import NotChineseError, read_source
from zhbrief.state import Record, State, source_key
from zhbrief.summarize import summarize
from zhbrief.translate import Decoding, Engine, TranslationCache, translate_sentences
from zhbrief.writer import resolve_inside, write_atomic

log = logging.getLogger("zhbrief")


@dataclass(slots=True)
class Tally:
    """What the chunks of a run did so far."""

    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    flagged: int = 0


class LazyEngine:
    """Builds the real engine on first use, so a run with nothing to translate never loads it."""

    def __init__(self, name: str, build: Callable[[], Engine]) -> None:
        self.name = name
        self._build = build
        self._engine: Engine | None = None

    def get(self) -> Engine:
        """The engine, built on first call."""
        if self._engine is None:
            self._engine = self._build()
        return self._engine

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate through the engine, building it first if needed."""
        return self.get().translate_batch(sentences)


@dataclass(frozen=True, slots=True)
class BatchContext:
    """What every article of a run shares."""

    settings: Settings
    package: PackageInfo
    decoding: Decoding
    fingerprint: str
    names: dict[str, str]
    engine: LazyEngine
    cache: TranslationCache
    created: datetime
    progress: bool


def article_chunks(items: list[str], size: int, progress: bool) -> Iterator[list[str]]:
    """Slices of `size` items, with a progress bar over articles."""
    bar = tqdm(total=len(items), desc="articles", unit="article", disable=not progress)
    with bar:
        for start in range(0, len(items), size):
            chunk = items[start : start + size]
            yield chunk
            bar.update(len(chunk))


def process_chunk(
    ctx: BatchContext, state: State, chunk: list[tuple[str, Path]], tally: Tally
) -> None:
    """Prepare, translate together, summarize, render and write a chunk of articles."""
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
    ctx: BatchContext,
    prepared: list[tuple[Article, tuple[KeyTerm, ...]]],
    state: State,
    tally: Tally,
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


def _translate(ctx: BatchContext, texts: list[str]) -> dict[str, Translation]:
    unique = list(dict.fromkeys(texts))
    results = translate_sentences(ctx.engine, unique, ctx.cache, progress=ctx.progress)
    return dict(zip(unique, results, strict=True))


def _finish_article(
    ctx: BatchContext,
    state: State,
    article: Article,
    terms: tuple[KeyTerm, ...],
    tr: dict[str, Translation],
    tally: Tally,
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
    ctx: BatchContext, article: Article, terms: tuple[KeyTerm, ...], tr: dict[str, Translation]
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
    ctx: BatchContext,
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
