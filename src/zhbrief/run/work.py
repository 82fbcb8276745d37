"""The pure work on a group of articles: source bytes in, rendered files and records out.

The same function serves a plain run (on its chunk, with the store's cache) and a Dask worker
(on its task, with the cache lines the coordinator sent): it reads no file and writes none, so
whoever calls it owns the lock, the store and the output folder.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from zhbrief.documents import Article, Brief, Entry, KeyTerm, Story, Translation
from zhbrief.errors import EngineError, NotChineseError, SourceError
from zhbrief.ingest import RawSource, prepare_articles
from zhbrief.ingest.templates import Sighting, Templates
from zhbrief.keyterms import in_english, key_terms
from zhbrief.layout import page_name
from zhbrief.output.entry import entry_of
from zhbrief.output.markdown import render_brief, title_of
from zhbrief.run.report import iso
from zhbrief.store.db import ENVIRONMENT, SOURCE, FailureKind, Status
from zhbrief.stories.arrival import Arrival, arrival_of
from zhbrief.stories.match import story_id
from zhbrief.summarizers import SummaryOptions, summarize
from zhbrief.translation.engine import Decoding, Engine, SentenceCache, translate_sentences
from zhbrief.translation.scores import mark_unsure

log = logging.getLogger("zhbrief")
Prepared = tuple[Article, tuple[KeyTerm, ...]]


@dataclass(frozen=True, slots=True)
class Recipe:
    """What shapes every brief of a run: small values, cheap to send to a worker."""

    summary: SummaryOptions
    key_terms: int
    model: str  # the engine's name: the package label "name version", or "ctranslate2 NAME", …
    decoding: Decoding
    created: datetime
    progress: bool = False
    html: bool = True  # also render the brief's reading page (output/site/)
    templates: Templates = field(default_factory=Templates)  # site lines known from the store
    meta: Mapping[str, object] | None = None  # the front matter's `decoding` of a server engine


@dataclass(frozen=True, slots=True)
class Previous:
    """The brief on disk of a source re-briefed after a rules update."""

    created: str  # when it was made (its front matter's `created`)
    sha256: str  # of its bytes


@dataclass(frozen=True, slots=True)
class Source:
    """One article as handed to the work: its path, its brief's name and its bytes."""

    rel: str
    name: str  # the brief's path inside the output folder
    data: bytes
    url: str | None = None  # where `zhbrief fetch` got it, for a page that names no URL
    previous: Previous | None = None  # a rules update: the brief is rewritten only if it changed


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one article: the files to write and what the store records."""

    rel: str
    status: Status
    sha256: str
    reason: str = ""
    kind: FailureKind | None = None  # of a failure: the source's fault or the machine's
    files: tuple[tuple[str, str], ...] = ()  # (path inside the output folder, text)
    page: str | None = None  # the reading page (HTML), written beside the site's other pages
    entry: Entry | None = None  # what index, feed and digest show of the brief
    title: str = ""
    summary: str = ""
    flagged: int = 0
    removed: tuple[str, ...] = ()
    created: str = ""  # the brief's `created`: the run's clock, or the old one when `kept`
    kept: bool = False  # a rules update gave the brief already on disk: it is not rewritten
    sighting: Sighting | None = None  # the page's body lines, for the store to learn its site


@dataclass(frozen=True, slots=True)
class Batch:
    """A group of articles after cleaning and segmenting, before translation."""

    order: tuple[str, ...]  # the sources' rel paths, in their order
    names: dict[str, str]
    prepared: tuple[Prepared, ...]
    problems: dict[str, Outcome]  # articles that failed or were skipped already
    previous: dict[str, Previous] = field(default_factory=dict)  # of rules updates
    sightings: dict[str, Sighting] = field(default_factory=dict)  # rel → its page's lines
    arrivals: tuple[Arrival, ...] = ()  # the prepared articles, as their stories are decided

    def texts(self) -> list[str]:
        """Every text the group needs translated (titles, sentences, key terms), once each."""
        return list(dict.fromkeys(t for a, k in self.prepared for t in texts_of(a, k)))


def brief_articles(
    recipe: Recipe, sources: Sequence[Source], engine: Engine, cache: SentenceCache
) -> Iterator[Outcome]:
    """Prepare, translate together, summarize and render a group of articles; never raises."""
    return finish_batch(recipe, prepare_batch(recipe, sources), engine, cache)


def prepare_batch(recipe: Recipe, sources: Sequence[Source]) -> Batch:
    """Clean, segment and pick key terms; a failure stays with its article."""
    outcomes: dict[str, Outcome] = {}
    prepared: list[Prepared] = []
    arrivals: list[Arrival] = []
    today = iso(recipe.created)[:10]
    raw = [RawSource(s.rel, s.data, s.url or "") for s in sources]
    done = prepare_articles(raw, recipe.templates)  # together: pages of one site teach each other
    for src, result in zip(sources, done.results, strict=True):
        digest = hashlib.sha256(src.data).hexdigest()
        try:
            if isinstance(result, Exception):
                raise result
            article = with_url(result, src.url)
            prepared.append((article, key_terms(article, recipe.key_terms)))
            arrivals.append(arrival_of(article, src.name, today))
        except NotChineseError as exc:
            outcomes[src.rel] = Outcome(src.rel, "skipped", digest, str(exc))
        except SourceError as exc:
            kind = ENVIRONMENT if exc.environment else SOURCE
            outcomes[src.rel] = Outcome(src.rel, "failed", digest, str(exc), kind)
        except Exception as exc:  # one bad article never stops the others
            log.debug("Unexpected error on %s", src.rel, exc_info=True)
            reason = f"internal error: {exc!r}"
            outcomes[src.rel] = Outcome(src.rel, "failed", digest, reason, SOURCE)
    names = {s.rel: s.name for s in sources}
    previous = {s.rel: s.previous for s in sources if s.previous is not None}
    order = tuple(s.rel for s in sources)
    return Batch(order, names, tuple(prepared), outcomes, previous, done.sightings, tuple(arrivals))


def finish_batch(
    recipe: Recipe,
    batch: Batch,
    engine: Engine,
    cache: SentenceCache,
    stories: Mapping[str, Story] | None = None,
) -> Iterator[Outcome]:
    """Translate a prepared group together, then summarize and render each article.

    Outcomes come one at a time (problems first), so a caller can write each brief as soon as
    it is made: a run stopped mid-group keeps the briefs written so far. `stories` gives each
    article's story (run/stories.py); an article it lacks is a story of its own.
    """
    yield from (batch.problems[rel] for rel in batch.order if rel in batch.problems)
    prepared = list(batch.prepared)
    for group, translations, error in _translatable_groups(recipe, prepared, engine, cache):
        for article, terms in group:
            if error:  # the model or engine, not the article: the next run retries
                yield Outcome(article.rel, "failed", article.sha256, error, ENVIRONMENT)
            else:
                told = (article, terms, _story_of(article, stories or {}))
                outcome = _finish(recipe, told, translations, batch)
                yield replace(outcome, sighting=batch.sightings.get(article.rel))


def _story_of(article: Article, stories: Mapping[str, Story]) -> Story:
    """The article's story as the coordinator decided it, else a story of its own."""
    return stories.get(article.rel) or Story(story_id(article.rel, article.sha256))


def texts_of(article: Article, terms: tuple[KeyTerm, ...]) -> list[str]:
    """What one article needs translated: title, sentences, key terms without an English."""
    texts = [article.title.norm] if article.title is not None else []
    texts += [s.norm for s in article.sentences]
    return texts + [t.zh for t in terms if not t.en]


def _translatable_groups(
    recipe: Recipe, prepared: list[Prepared], engine: Engine, cache: SentenceCache
) -> Iterator[tuple[list[Prepared], dict[str, Translation], str]]:
    """Translate the whole group at once; on an engine error, retry article by article."""
    if not prepared:
        return
    texts = [t for a, k in prepared for t in texts_of(a, k)]
    try:
        yield prepared, _translate(recipe, engine, cache, texts), ""
        return
    except EngineError as exc:
        log.warning("Engine error on a batch (%s); retrying article by article.", exc)
    for article, terms in prepared:
        try:
            translations = _translate(recipe, engine, cache, texts_of(article, terms))
        except EngineError as exc:
            yield [(article, terms)], {}, str(exc)
            continue
        yield [(article, terms)], translations, ""


def _translate(
    recipe: Recipe, engine: Engine, cache: SentenceCache, texts: list[str]
) -> dict[str, Translation]:
    unique = list(dict.fromkeys(texts))
    results = translate_sentences(engine, unique, cache, progress=recipe.progress)
    return dict(zip(unique, results, strict=True))


def _finish(
    recipe: Recipe,
    told: tuple[Article, tuple[KeyTerm, ...], Story],
    tr: dict[str, Translation],
    batch: Batch,
) -> Outcome:
    article, terms, story = told
    rel = article.rel
    name = batch.names[rel]
    try:
        brief = replace(build_brief(recipe, article, terms, tr), story=story)
        brief, kept = _same_as_before(brief, batch.previous)
        markdown = render_brief(brief)
        page = _page(brief, name) if recipe.html else None
    except Exception as exc:  # a render failure stays with its article
        log.debug("Could not render the brief of %s", rel, exc_info=True)
        return Outcome(rel, "failed", article.sha256, f"cannot write brief: {exc}", SOURCE)
    return Outcome(
        rel=rel,
        status="done",
        sha256=article.sha256,
        files=((name, markdown),),
        entry=entry_of(brief, name),
        page=page,
        title=title_of(brief),
        summary=brief.english[brief.summary[0]].en if brief.summary else "",
        flagged=brief.flagged,
        removed=tuple(article.removed),
        created=brief.created,
        kept=kept,
    )


def _same_as_before(brief: Brief, previous: dict[str, Previous]) -> tuple[Brief, bool]:
    """After a rules update, the brief with its old `created` when nothing else changed."""
    old = previous.get(brief.article.rel)
    if old is None:
        return brief, False
    again = replace(brief, created=old.created)
    if hashlib.sha256(render_brief(again).encode("utf-8")).hexdigest() == old.sha256:
        return again, True
    return brief, False


def build_brief(
    recipe: Recipe, article: Article, terms: tuple[KeyTerm, ...], tr: dict[str, Translation]
) -> Brief:
    """Assemble the Brief of one article from its translations."""
    body = tuple(tuple(tr[x.norm] for x in p.sentences) for p in article.paragraphs)
    title, body = mark_unsure(tr[article.title.norm] if article.title is not None else None, body)
    terms = tuple(t if t.en else replace(t, en=tr[t.zh].en) for t in terms)
    terms = in_english(terms, article, {text: t.en for text, t in tr.items()})
    s = recipe.summary
    return Brief(
        article=article,
        title_en=title,
        body=body,
        summary=summarize(article, s.method, s.sentences, s.ratio),
        key_terms=terms,
        model=recipe.model,
        summarizer=s.method,
        decoding=recipe.decoding.as_meta() if recipe.meta is None else recipe.meta,
        created=iso(recipe.created),
    )


def _page(brief: Brief, name: str) -> str:
    """The reading page of a brief."""
    from zhbrief.output.html import render_page  # Jinja2 only when pages are made

    return render_page(brief, page_name(name))


def with_url(article: Article, url: str | None) -> Article:
    """The article with the fetched URL as provenance when the page itself gave none."""
    if url is None or article.provenance.url:
        return article
    return replace(article, provenance=replace(article.provenance, url=url))
