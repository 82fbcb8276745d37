"""The main-text extractors compared by evaluation/extraction.py, each as page bytes → text.

zhbrief: what a brief quotes (the title and the body paragraphs after decoding, extraction,
furniture removal and segmentation). The others get the page decoded the way zhbrief decodes
it (tolerantly where zhbrief refuses), so only extraction differs: readability-lxml (its
`summary()`), trafilatura (`extract()` with its defaults) and gne when installed.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable

from zhbrief.errors import SourceError
from zhbrief.ingest import prepare_article
from zhbrief.ingest.decode import decode_bytes

Extractor = Callable[[bytes, str], tuple[str, str]]  # (page bytes, name) → (title, body text)
_BLOCK_END = re.compile(
    r"</?(?:p|div|br|li|tr|td|h[1-6]|table|ul|ol|section|article)\b[^>]*>", re.I
)
_TAG = re.compile(r"<[^>]+>")


def page_text(raw: bytes) -> str:
    """The page as zhbrief decodes it; GB18030 with replacements where zhbrief refuses it."""
    try:
        return decode_bytes(raw)[0]
    except SourceError:
        return raw.decode("gb18030", errors="replace")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, a line per block."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", fragment))
    return "\n".join(line.strip() for line in htmllib.unescape(text).splitlines() if line.strip())


def zhbrief(raw: bytes, name: str) -> tuple[str, str]:
    """What zhbrief's brief quotes: its title and body paragraphs; nothing when it refuses."""
    try:
        article = prepare_article(raw, f"{name}.html")
    except SourceError:
        return "", ""
    title = article.title.zh if article.title else ""
    return title, "\n".join(p.zh for p in article.paragraphs)


def readability(raw: bytes, name: str) -> tuple[str, str]:
    """readability-lxml's summary and short title."""
    from readability import Document

    doc = Document(page_text(raw))
    return doc.short_title(), html_to_text(doc.summary(html_partial=True))


def trafilatura(raw: bytes, name: str) -> tuple[str, str]:
    """trafilatura's extract() with its defaults, and its title."""
    from trafilatura import bare_extraction

    doc = bare_extraction(page_text(raw), with_metadata=True)
    return str(getattr(doc, "title", "") or ""), str(getattr(doc, "text", "") or "")


def gne(raw: bytes, name: str) -> tuple[str, str]:
    """GeneralNewsExtractor's title and content (GPL-3.0: measured here, never a dependency)."""
    from gne import GeneralNewsExtractor

    try:
        found = GeneralNewsExtractor().extract(page_text(raw))
    except Exception:  # gne raises on pages it cannot parse; that is an empty extraction
        return "", ""
    return str(found.get("title") or ""), str(found.get("content") or "")


def available() -> dict[str, Extractor]:
    """The extractors installed here, zhbrief first."""
    found: dict[str, Extractor] = {"zhbrief": zhbrief}
    for name, module, func in (
        ("readability-lxml", "readability", readability),
        ("trafilatura", "trafilatura", trafilatura),
        ("gne", "gne", gne),
    ):
        try:
            __import__(module)
        except ImportError:
            continue
        found[name] = func
    return found
