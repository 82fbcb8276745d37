"""Paragraphs and sentences of a cleaned article, split without losing a character."""

from __future__ import annotations

from dataclasses import replace

from zhbrief.documents import Article, Cleaned, Document, Paragraph, Sentence
from zhbrief.ingest.headings import heading_flags
from zhbrief.ingest.provenance import provenance_of
from zhbrief.ingest.sentences import split_sentences
from zhbrief.ingest.title import (
    cut_at_site,
    find_title,
    lone_site,
    repeats_headline,
    split_site_suffix,
)
from zhbrief.zh import detect_script, to_simplified


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Return the non-blank lines of `text`, each stripped; the brief keeps them stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _sentence(text: str) -> Sentence:
    """Build a sentence with its Simplified form."""
    return Sentence(zh=text, norm=to_simplified(text))


def segment_article(doc: Document, cleaned: Cleaned) -> Article:
    """Find the title, paragraphs and sentences of a cleaned document."""
    paragraphs = split_paragraphs(cleaned.text)
    raw_title, used = find_title(paragraphs, doc.meta.title.strip())
    body = paragraphs[used:]
    title, site = split_site_suffix(raw_title) if raw_title else (None, None)
    title = cut_at_site(title, doc.meta.site or None) if title else title
    if title and body and repeats_headline(body[0], title):
        title, body = max(title, body[0], key=len), body[1:]  # the fuller form is the title
    if title and not site and lone_site(body):
        body, site = body[1:], lone_site(body)
    meta = doc.meta.overridden_by(cleaned.meta)
    if site and not meta.site:
        meta = replace(meta, site=site)
    script = detect_script("\n".join(((title or ""), *body)))
    return Article(
        rel=doc.rel,
        sha256=doc.sha256,
        title=_sentence(title) if title else None,
        paragraphs=_paragraphs(body),
        encoding=doc.encoding,
        script=script,
        meta=meta,
        removed=doc.removed + cleaned.removed,
        provenance=provenance_of(meta),
        replaced=doc.replaced,
    )


def _paragraphs(body: tuple[str, ...]) -> tuple[Paragraph, ...]:
    """The body's paragraphs split into sentences, subheadings marked as such."""
    return tuple(
        Paragraph(tuple(map(_sentence, split_sentences(p))), "heading" if heading else "text")
        for p, heading in zip(body, heading_flags(body), strict=True)
    )
