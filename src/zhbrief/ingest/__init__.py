"""Sources to articles: find files, decode, extract HTML, remove furniture, title, segment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from zhbrief.documents import Article, Document
from zhbrief.errors import SourceError
from zhbrief.ingest.clean import clean_text
from zhbrief.ingest.find import parse_source
from zhbrief.ingest.segment import segment_article, split_paragraphs
from zhbrief.ingest.templates import Sighting, Templates, host_of, learn, sighting, template_lines


@dataclass(frozen=True, slots=True)
class RawSource:
    """The bytes of one source file, its path in the input folder, and the URL it came from."""

    rel: str
    data: bytes
    url: str = ""


@dataclass(frozen=True, slots=True)
class Prepared:
    """Each source's article (or why it has none), and what its page showed of its site."""

    results: tuple[Article | Exception, ...]  # in the sources' order
    sightings: dict[str, Sighting]  # rel → the page's body lines, for pages with a host


def prepare_article(raw: bytes, rel: str) -> Article:
    """Decode, clean and segment the bytes of one source file."""
    return finish_article(parse_source(raw, rel))


def prepare_articles(sources: Sequence[RawSource], known: Templates = Templates()) -> Prepared:
    """Prepare several sources together: lines their pages share with each other (or with the
    pages seen before, `known`) are site templates and leave every page of that site."""
    docs: list[Document | Exception] = []
    for src in sources:
        try:
            docs.append(parse_source(src.data, src.rel))
        except Exception as exc:  # one bad source never stops the others
            docs.append(exc)
    seen = {
        src.rel: sighting(host_of(doc.meta.url or src.url, src.rel), doc.sha256, _lines(doc))
        for src, doc in zip(sources, docs, strict=True)
        if isinstance(doc, Document) and doc.kind == "html"
    }
    templates = learn(seen.values(), known)
    results = [
        doc if isinstance(doc, Exception) else _finish_in(doc, templates, seen.get(src.rel))
        for src, doc in zip(sources, docs, strict=True)
    ]
    return Prepared(tuple(results), seen)


def _finish_in(doc: Document, templates: Templates, seen: Sighting | None) -> Article | Exception:
    """finish_article, without the site's template lines; its failure as a value."""
    try:
        if seen is not None and templates.of(seen.host):
            doc = _without_templates(doc, templates.of(seen.host))
        return finish_article(doc)
    except Exception as exc:
        return exc


def _lines(doc: Document) -> tuple[str, ...]:
    return split_paragraphs(doc.text)


def _without_templates(doc: Document, keys: frozenset[str]) -> Document:
    """The document without its paragraphs that are the site's template lines."""
    paragraphs = list(_lines(doc))
    gone = template_lines(paragraphs, keys, doc.meta.title)
    if not gone:
        return doc
    kept = [p for i, p in enumerate(paragraphs) if i not in gone]
    removed = tuple(f"site_template: {paragraphs[i]}" for i in sorted(gone))
    return replace(doc, text="\n\n".join(kept), removed=removed)


def finish_article(doc: Document) -> Article:
    """Clean and segment a decoded document."""
    article = segment_article(doc, clean_text(doc.text, doc.meta.title or None))
    if not article.sentences:
        raise SourceError("no article text left after removing page furniture; nothing to brief")
    return article
