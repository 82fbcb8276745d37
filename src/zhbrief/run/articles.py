"""One chunk of articles at a time: prepare, translate together, brief, write; failures stay put."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from zhbrief.documents import Article, Brief, KeyTerm, Translation
from zhbrief.errors import EngineError, NotChineseError, SourceError, ZhbriefError
from zhbrief.fetch.provenance import with_fetched_url
from zhbrief.ingest import prepare_article
from zhbrief.ingest.find import read_bytes
from zhbrief.keyterms import key_terms
from zhbrief.output.entry import entry_of, entry_to_json
from zhbrief.output.files import refuse_foreign, resolve_inside, write_atomic
from zhbrief.output.markdown import render_brief, title_of
from zhbrief.run.plan import source_key
from zhbrief.run.publish import write_page
from zhbrief.run.report import iso
from zhbrief.store.db import ENVIRONMENT, SOURCE, FailureKind, Record, Status, Store
from zhbrief.summarizers import SummaryOptions, summarize
from zhbrief.translation.engine import Decoding, LazyEngine, SentenceCache, translate_sentences

log = logging.getLogger("zhbrief")
Prepared = tuple[Article, tuple[KeyTerm, ...]]


@dataclass(slots=True)
class Tally:
    """What the chunks of a run did so far."""

    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    flagged: int = 0

    def count(self) -> int:
        """Articles done so far, whatever their outcome."""
        return len(self.written) + len(self.failed) + len(self.skipped)


@dataclass(frozen=True, slots=True)
class Job:
    """What every article of a run shares: small values, not the run's Settings."""

    input: Path
    output: Path
    max_bytes: int
    summary: SummaryOptions
    key_terms: int
    model: str  # the package label, "name version"
    decoding: Decoding
    fingerprint: str
    names: dict[str, str]
    engine: LazyEngine
    cache: SentenceCache
    created: datetime
    clock: Callable[[], datetime]
    progress: bool
    html: bool = True  # also write the brief's reading page under output/site/


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
    """Prepare, translate together, summarize, render and write a chunk of articles."""
    prepared: list[Prepared] = []
    for rel in chunk:
        done = tally.count()
        try:
            article = prepare_article(read_bytes(job.input / rel, job.max_bytes), rel)
            article = with_fetched_url(article, store.fetches())
            prepared.append((article, key_terms(article, job.key_terms)))
        except NotChineseError as exc:
            _record_problem(job, store, rel, "skipped", str(exc), tally.skipped)
        except SourceError as exc:
            kind = ENVIRONMENT if exc.environment else SOURCE
            _record_problem(job, store, rel, "failed", str(exc), tally.failed, kind)
        except Exception as exc:  # one bad article never stops the others
            log.debug("Unexpected error on %s", rel, exc_info=True)
            _record_problem(job, store, rel, "failed", f"internal error: {exc!r}", tally.failed)
        advance(tally.count() - done)
    for group, translations in _translatable_groups(job, prepared, store, tally, advance):
        for article, terms in group:
            _finish_article(job, store, article, terms, translations, tally)
            advance(1)


def texts_of(article: Article, terms: tuple[KeyTerm, ...]) -> list[str]:
    """What one article needs translated: title, sentences, key terms without an English."""
    texts = [article.title.norm] if article.title is not None else []
    texts += [s.norm for s in article.sentences]
    return texts + [t.zh for t in terms if not t.en]


def _translatable_groups(
    job: Job,
    prepared: list[Prepared],
    store: Store,
    tally: Tally,
    advance: Callable[[int], object],
) -> Iterator[tuple[list[Prepared], dict[str, Translation]]]:
    """Translate the whole chunk at once; on an engine error, retry article by article."""
    if not prepared:
        return
    try:
        yield prepared, _translate(job, [t for a, k in prepared for t in texts_of(a, k)])
        return
    except EngineError as exc:
        log.warning("Engine error on a batch (%s); retrying article by article.", exc)
    for article, terms in prepared:
        try:
            translations = _translate(job, texts_of(article, terms))
        except EngineError as exc:  # the model or engine, not the article: next run retries
            _record_problem(job, store, article.rel, "failed", str(exc), tally.failed, ENVIRONMENT)
            advance(1)
            continue
        yield [(article, terms)], translations


def _translate(job: Job, texts: list[str]) -> dict[str, Translation]:
    unique = list(dict.fromkeys(texts))
    results = translate_sentences(job.engine, unique, job.cache, progress=job.progress)
    return dict(zip(unique, results, strict=True))


def _finish_article(
    job: Job,
    store: Store,
    article: Article,
    terms: tuple[KeyTerm, ...],
    tr: dict[str, Translation],
    tally: Tally,
) -> None:
    try:
        brief = build_brief(job, article, terms, tr)
        name = job.names[article.rel]
        target = resolve_inside(job.output, name)
        refuse_foreign(target)
        write_atomic(target, render_brief(brief))
        if job.html:
            write_page(job.output, name, brief)
    except Exception as exc:  # a render or write failure stays with its article
        log.debug("Could not write the brief of %s", article.rel, exc_info=True)
        reason = f"cannot write brief: {exc}"
        # disk, permissions, a file in the way: fixed outside zhbrief, so the next run retries
        kind = ENVIRONMENT if isinstance(exc, (OSError, ZhbriefError)) else SOURCE
        _record_problem(job, store, article.rel, "failed", reason, tally.failed, kind)
        return
    flat = [t for para in brief.body for t in para]
    store.put(
        Record(
            rel=article.rel,
            sha256=article.sha256,
            fingerprint=job.fingerprint,
            output=name,
            status="done",
            title=title_of(brief),
            summary=flat[brief.summary[0]].en if brief.summary else "",
            created=iso(job.created),
            updated=iso(job.clock()),
        )
    )
    store.put_entry(article.rel, entry_to_json(entry_of(brief, name)))
    tally.written.append(article.rel)
    tally.flagged += flagged_sentences(brief)
    if article.removed:
        log.info("%s: removed %d lines of page furniture", article.rel, len(article.removed))
        for line in article.removed:
            log.debug("%s: removed %s", article.rel, line)


def flagged_sentences(brief: Brief) -> int:
    """How many translated sentences of a brief (its title included) carry a quality flag."""
    flat = [t for para in brief.body for t in para]
    return sum(1 for t in flat if t.flags) + bool(brief.title_en and brief.title_en.flags)


def build_brief(
    job: Job, article: Article, terms: tuple[KeyTerm, ...], tr: dict[str, Translation]
) -> Brief:
    """Assemble the Brief of one article from its translations."""
    body = tuple(tuple(tr[x.norm] for x in p.sentences) for p in article.paragraphs)
    terms = tuple(t if t.en else KeyTerm(t.zh, t.pinyin, tr[t.zh].en) for t in terms)
    s = job.summary
    return Brief(
        article=article,
        title_en=tr[article.title.norm] if article.title is not None else None,
        body=body,
        summary=summarize(article, s.method, s.sentences, s.ratio),
        key_terms=terms,
        model=job.model,
        summarizer=s.method,
        decoding=job.decoding.as_meta(),
        created=iso(job.created),
    )


def _record_problem(
    job: Job,
    store: Store,
    rel: str,
    status: Status,
    reason: str,
    into: list[tuple[str, str]],
    kind: FailureKind = SOURCE,
) -> None:
    store.put(
        Record(
            rel=rel,
            sha256=source_key(job.input / rel, job.max_bytes),
            fingerprint=job.fingerprint,
            status=status,
            error=reason,
            updated=iso(job.clock()),
            kind=kind if status == "failed" else None,
        )
    )
    into.append((rel, reason))
