"""The fetched URL fills an article's provenance only when the page gave none."""

from __future__ import annotations

from dataclasses import replace

from builders import make_article

from zhbrief.documents import Provenance
from zhbrief.store.db import Store
from zhbrief.store.fetches import FetchRecord


def test_fetched_url_is_the_fallback() -> None:
    from zhbrief.fetch.provenance import with_fetched_url

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
    assert with_fetched_url(article, fetches).provenance == Provenance(url="https://e.cn/a")
    own = replace(article, provenance=Provenance(url="https://e.cn/canonical"))
    assert with_fetched_url(own, fetches) is own
    other = replace(article, sha256="1" * 64)
    assert with_fetched_url(other, fetches) is other
