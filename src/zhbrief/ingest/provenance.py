"""What a page says about itself (address, site, author, date), from its meta and its text."""

from __future__ import annotations

from collections.abc import Mapping

from zhbrief.documents import Provenance
from zhbrief.ingest.clean import iso_date


def provenance_of(meta: Mapping[str, str]) -> Provenance:
    """The provenance in an article's meta: HTML fields first, then the text's 来源/date lines."""
    url = meta.get("url", "")
    return Provenance(
        url=url if url.startswith(("http://", "https://")) else "",
        site=meta.get("site") or meta.get("source", ""),
        author=meta.get("author", ""),
        published=iso_date(meta.get("date", "")) or "",
    )
