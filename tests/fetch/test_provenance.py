"""The fetched URL fills an article's provenance only when the page gave none."""

from __future__ import annotations

from dataclasses import replace

from builders import make_article

from zhbrief.documents import Provenance
from zhbrief.run.work import with_url
from zhbrief.store.db import Store
from zhbrief.store.fetches import FetchRecord


def test_fetched_url_is_the_fallback() -> None:
    store = Store.open(":memory:")
    fetches = store.fetches()
    seen = "2026-03-12T08:00:00Z"
    fetches.put(
        FetchRecord(
            url="https://e.cn/a",
            source="s",
            status="fetched",
            sha256="0" * 64,
            first_seen=seen,
            last_seen=seen,
        )
    )
    article = make_article([["一。"]])  # sha256 "0" * 64
    assert with_url(article, fetches.url_of(article.sha256)).provenance == Provenance(
        url="https://e.cn/a"
    )
    own = replace(article, provenance=Provenance(url="https://e.cn/canonical"))
    assert with_url(own, fetches.url_of(own.sha256)) is own
    other = replace(article, sha256="1" * 64)
    assert with_url(other, fetches.url_of(other.sha256)) is other
