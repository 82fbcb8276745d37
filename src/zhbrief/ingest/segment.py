"""Paragraphs and sentences of a cleaned article, split without losing a character."""

from __future__ import annotations

import re

from zhbrief.documents import Article, Cleaned, Document, Paragraph, Sentence
from zhbrief.ingest.title import (
    cut_at_site,
    find_title,
    lone_site,
    repeats_headline,
    split_site_suffix,
)
from zhbrief.zh import HAN_RANGES, detect_script, to_simplified

TERMINATORS = "。！？；…!?;"
CLOSERS = "”’」』）)】》〉]"
ASCII_QUOTES = "\"'"
CONTINUATIONS = "，、：,:"  # after “好！”，他说 the sentence goes on

# A sentence ends at a CJK terminator, or at ASCII !?; right after a Han character
# (half-width punctuation in Chinese prose), or at ASCII !? before a space or the end.
# ASCII "." never ends a sentence: it is far more often 3.5, U.S., e.g. or a URL.
_END = re.compile(
    rf"(?:[。！？；…]|(?<=[{HAN_RANGES}])[!?;]|[!?](?=[{re.escape(CLOSERS + ASCII_QUOTES)}]*(?:\s|$)))"
)
_SPACE = re.compile(r"\s*")


def _sentence_end(text: str, start: int, pos: int) -> int:
    """Extend a terminator at `pos` over more terminators, closers, and trailing space."""
    while pos < len(text):
        char = text[pos]
        in_quote = char in ASCII_QUOTES and text.count(char, start, pos) % 2 == 1
        if char not in TERMINATORS and char not in CLOSERS and not in_quote:
            break
        pos += 1
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def split_sentences(paragraph: str) -> tuple[str, ...]:
    """Split a paragraph into sentences whose concatenation is exactly the paragraph."""
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(paragraph):
        if match.start() < start:
            continue  # already absorbed into the previous sentence's ending
        end = _sentence_end(paragraph, start, match.end())
        if end < len(paragraph) and paragraph[end] in CONTINUATIONS:
            continue
        pieces.append(paragraph[start:end])
        start = end
    if start < len(paragraph):
        pieces.append(paragraph[start:])
    return tuple(pieces)


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Return the non-blank lines of `text`, each stripped; the brief keeps them stripped."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _sentence(text: str) -> Sentence:
    """Build a sentence with its Simplified form."""
    return Sentence(zh=text, norm=to_simplified(text))


def segment_article(doc: Document, cleaned: Cleaned) -> Article:
    """Find the title, paragraphs and sentences of a cleaned document."""
    paragraphs = split_paragraphs(cleaned.text)
    raw_title, used = find_title(paragraphs, doc.meta.get("title", "").strip())
    body = paragraphs[used:]
    title, site = split_site_suffix(raw_title) if raw_title else (None, None)
    title = cut_at_site(title, doc.meta.get("site")) if title else title
    if title and body and repeats_headline(body[0], title):
        title, body = max(title, body[0], key=len), body[1:]  # the fuller form is the title
    if title and not site and lone_site(body):
        body, site = body[1:], lone_site(body)
    meta = {**doc.meta, **cleaned.meta}
    if site and "site" not in meta:
        meta["site"] = site
    script = detect_script("\n".join(((title or ""), *body)))
    return Article(
        rel=doc.rel,
        sha256=doc.sha256,
        title=_sentence(title) if title else None,
        paragraphs=tuple(Paragraph(tuple(map(_sentence, split_sentences(p)))) for p in body),
        encoding=doc.encoding,
        script=script,
        meta=meta,
        removed=cleaned.removed,
    )
