"""Sources to articles: find files, decode, extract HTML, remove furniture, title, segment."""

from __future__ import annotations

from zhbrief.documents import Article
from zhbrief.errors import SourceError
from zhbrief.ingest.clean import clean_text
from zhbrief.ingest.find import parse_source
from zhbrief.ingest.segment import segment_article


def prepare_article(raw: bytes, rel: str) -> Article:
    """Decode, clean and segment the bytes of one source file."""
    doc = parse_source(raw, rel)
    article = segment_article(doc, clean_text(doc.text, doc.meta.title or None))
    if not article.sentences:
        raise SourceError("no article text left after removing page furniture; nothing to brief")
    return article
