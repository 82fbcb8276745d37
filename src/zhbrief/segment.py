"""Paragraphs and sentences of a cleaned article, split without losing a character."""

from __future__ import annotations

import re

from zhbrief.clean import split_site_suffix
from zhbrief.model import Article, Cleaned, Document, Paragraph, Sentence
from zhbrief.script import detect_script, to_simplified

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TERMINATORS = "。！？；…!?;"
CLOSERS = "”’」』）)】》〉]"
ASCII_QUOTES = "\"'"
CONTINUATIONS = "，、：,:"  # after “好！”，他说 the sentence goes on

# A sentence ends at a CJK terminator, or at ASCII !?; right after a Han character
# (half-width punctuation in Chinese prose), or at ASCII !? before a space or the end.
# ASCII "." never ends a sentence: it is far more often 3.5, U.S., e.g. or a URL.
_END = re.compile(
    rf"(?:[。！？；…]|(?<=[{HAN}])[!?;]|[!?](?=[{re.escape(CLOSERS + ASCII_QUOTES)}]*(?:\s|$)))"
)
_SPACE = re.compile(r"\s*")
_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*")
TITLE_MAX = 40
TITLE_FORBIDDEN_ENDS = "。；，、：,.;:"  # ？！… do end headlines (唯一的要求竟是……)
SITE_SEPARATORS = "@-_|｜:：—–·"
HEADLINE_MIN = 6


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


def looks_like_title(line: str) -> bool:
    """Whether a first line is short and unfinished enough to be a headline."""
    return len(line) <= TITLE_MAX and line[-1] not in TITLE_FORBIDDEN_ENDS


def _find_title(paragraphs: tuple[str, ...], meta_title: str | None) -> tuple[str | None, int]:
    """Return the title and how many leading paragraphs it takes from the body."""
    first = paragraphs[0] if paragraphs else ""
    if meta_title:
        return meta_title, int(first in {meta_title, split_site_suffix(meta_title)[0]})
    heading = _HEADING.fullmatch(first)
    if heading and heading.group(1):
        return heading.group(1), 1
    if len(paragraphs) < 2:
        return None, 0
    second_title, second_site = split_site_suffix(paragraphs[1])
    if second_site and looks_like_title(first) and len(first + second_title) <= TITLE_MAX:
        return first + paragraphs[1], 2  # a headline broken in two lines, site on the second
    if looks_like_title(first) or split_site_suffix(first)[1]:
        return first, 1
    return None, 0


def _lone_site(body: tuple[str, ...]) -> str | None:
    """The site of a suffix left alone on the first body line ("-中新网"), if any."""
    stem, site = split_site_suffix(body[0]) if body else ("", None)
    return site if site and not stem else None


def _cut_at_site(title: str, site: str | None) -> str:
    """The title before a separator and the page's own site name ("游记 @ 某某的家 :: 痞客邦")."""
    at = title.find(site, 1) if site else -1
    head = title[:at].rstrip() if at > 0 else ""
    if not head or head[-1] not in SITE_SEPARATORS:
        return title
    return head.rstrip(SITE_SEPARATORS + " ") or title


def repeats_headline(line: str, title: str) -> bool:
    """Whether a body line is the headline again: equal, cut short, or the fuller form of it.

    Pages carry the headline twice (a <meta> title cut at a quote, then the <h1>); the
    shorter form must be a real piece of headline, not a two-character heading.
    """
    short, long_ = sorted((line, title), key=len)
    return len(short) >= HEADLINE_MIN and looks_like_title(line) and long_.startswith(short)


def _sentence(text: str) -> Sentence:
    """Build a sentence with its Simplified form."""
    return Sentence(zh=text, norm=to_simplified(text))


def segment_article(doc: Document, cleaned: Cleaned) -> Article:
    """Find the title, paragraphs and sentences of a cleaned document."""
    paragraphs = split_paragraphs(cleaned.text)
    raw_title, used = _find_title(paragraphs, doc.meta.get("title", "").strip())
    body = paragraphs[used:]
    title, site = split_site_suffix(raw_title) if raw_title else (None, None)
    title = _cut_at_site(title, doc.meta.get("site")) if title else title
    if title and body and repeats_headline(body[0], title):
        title, body = max(title, body[0], key=len), body[1:]  # the fuller form is the title
    if title and not site and _lone_site(body):
        body, site = body[1:], _lone_site(body)
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
