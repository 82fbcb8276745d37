"""What a page says about itself (address, site, author, date), from its meta and its text."""

from __future__ import annotations

from zhbrief.documents import PageMeta, Provenance
from zhbrief.ingest.shape import parse_date


def provenance_of(meta: PageMeta) -> Provenance:
    """The provenance in an article's meta: its address, site (or 来源), author and date."""
    return Provenance(
        url=meta.url if meta.url.startswith(("http://", "https://")) else "",
        site=meta.site or meta.source,
        author=meta.author,
        published=parse_date(meta.date),
    )
