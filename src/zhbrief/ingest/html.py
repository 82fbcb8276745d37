"""An HTML page read once: its main text (ingest/mainarea.py) and what it says about itself."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from zhbrief.documents import PageMeta
from zhbrief.errors import NotChineseError, SourceError
from zhbrief.ingest.decode import NOT_CHINESE
from zhbrief.ingest.dom import Line, page_lines, parse_page, strip_unread
from zhbrief.ingest.mainarea import main_text
from zhbrief.ingest.shape import looks_like_title, parse_date
from zhbrief.ingest.title import HEADLINE_MIN
from zhbrief.zh import HAN

_AUTHOR_XPATH = '//meta[@name="author" or @property="article:author"]/@content'
# "责任编辑：张申", "作者：李四": the label is page furniture, not part of the name
_PERSON_LABEL = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑|作者|记者|文|来源)\s*(?:[:：︱|]\s*|$)"
)
_CANONICAL_XPATH = '//link[@rel="canonical"]/@href'
_TRAFILATURA_FIELDS = ("title", "url", "sitename", "author", "date")
_SITE_NOISE = re.compile(r"版权所有|版權所有|Copyright|All Rights Reserved|©", re.I)
NO_TEXT = (
    "no article text found in the HTML page; save the article page itself, or its text as .txt"
)


def extract_html(page: str) -> tuple[str, PageMeta]:
    """The main article text of an HTML page, paragraphs separated by blank lines, and its meta."""
    root = parse_page(page)
    if root is None:
        raise SourceError(NO_TEXT)
    meta = page_meta(root)
    strip_unread(root)
    main = main_text(page_lines(root))
    paragraphs = [line.text for line in main.body]
    # a menu of short links is what is left of a page without an article
    if not any(len(re.findall(r"\w", p)) >= 10 for p in paragraphs):
        if not HAN.search(f"{meta.title} {root.text_content()}"):
            raise NotChineseError(NOT_CHINESE)  # an English page: skipped, not failed
        raise SourceError(NO_TEXT)
    return "\n\n".join(paragraphs), replace(meta, title=headline(meta.title, main.header))


def headline(title: str, header: tuple[Line, ...]) -> str:
    """The page's title, or the heading above its article when the title names something else
    (a site's slogan in <title>, the headline in an <h1>)."""
    if title and any(len(h.text) >= HEADLINE_MIN and h.text in title for h in header):
        return title
    headings = [h.text for h in header if h.heading]
    if headings or title:
        return headings[0] if headings else title
    return next((h.text for h in header if looks_like_title(h.text)), "")


def page_meta(root: Any, url: str | None = None) -> PageMeta:
    """Title, date, author, site and address from the page's meta tags and JSON-LD."""
    from trafilatura.metadata import extract_metadata  # heavy import; only HTML pays for it

    try:
        doc = extract_metadata(root, default_url=url, extensive=False)
    except Exception:  # metadata is a nicety; a page trafilatura cannot read still has text
        doc = None
    found = {name: str(getattr(doc, name, None) or "").strip() for name in _TRAFILATURA_FIELDS}
    # a saved page wrapped in another element (<text id=URL>) has its <title> outside <head>
    found["title"] = found["title"] or " ".join(str(root.findtext(".//title") or "").split())
    # trafilatura drops authors without a space, i.e. every Chinese name: read the tag first
    authors = root.xpath(_AUTHOR_XPATH)
    # the canonical link is the page's own address; trafilatura prefers og:url to it
    canonical = (str(c).strip() for c in root.xpath(_CANONICAL_XPATH))
    return PageMeta(
        title=found["title"],
        url=next(filter(_absolute, canonical), found["url"]),
        site=" ".join(_SITE_NOISE.sub(" ", found["sitename"]).split()),
        author=_person(found["author"]) or next(filter(None, map(_person, authors)), ""),
        date=parse_date(found["date"]) or found["date"],
    )


def page_date(page: str, url: str) -> str:
    """The publication date a page gives (YYYY-MM-DD), "" when it gives none."""
    root = parse_page(page)
    return parse_date(page_meta(root, url).date) if root is not None else ""


def _person(name: object) -> str:
    """An author name without its 责任编辑：/作者： label; "" when only the label is there."""
    return _PERSON_LABEL.sub("", str(name).strip()).strip(" ]】)）")


def _absolute(url: str) -> bool:
    """Whether a link is an absolute web address (a relative canonical says nothing alone)."""
    return url.startswith(("http://", "https://"))
