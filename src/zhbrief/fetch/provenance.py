"""The URL a page was fetched from, for articles whose page does not name its own."""

from __future__ import annotations

from dataclasses import replace

from zhbrief.documents import Article
from zhbrief.store.fetches import FetchLog


def with_fetched_url(article: Article, fetches: FetchLog) -> Article:
    """The article, its provenance URL taken from the fetch record when the page gave none."""
    if article.provenance.url:
        return article
    url = fetches.url_of(article.sha256)
    if url is None:
        return article
    return replace(article, provenance=replace(article.provenance, url=url))
