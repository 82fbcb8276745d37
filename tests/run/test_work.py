"""The pure work on articles: bytes in, outcomes (files, records) and new translations out."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timezone

from builders import make_article
from fakes import FakeEngine, fake_english

from zhbrief.documents import Provenance
from zhbrief.errors import EngineError
from zhbrief.run.work import (
    Recipe,
    Source,
    brief_articles,
    finish_batch,
    prepare_batch,
    with_url,
)
from zhbrief.store.db import Store
from zhbrief.store.fetches import FetchRecord
from zhbrief.summarizers import SummaryOptions
from zhbrief.translation.engine import Decoding, MemoryCache

RECIPE = Recipe(
    summary=SummaryOptions("news", None, None),
    key_terms=3,
    model="fake 1.0",
    decoding=Decoding(),
    created=datetime(2026, 3, 12, 8, tzinfo=timezone.utc),
)
GOOD = "新能源汽车销量创新高\n今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。\n".encode()
BAD = "坏消息\n这一句让引擎出错。\n".encode()


class PickyEngine(FakeEngine):
    """Fails any batch holding the sentence of the BAD article."""

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        if any("引擎出错" in s for s in sentences):
            raise EngineError("engine crashed")
        return super().translate_batch(sentences)


def test_outcomes_keep_order_and_a_failure_stays_with_its_article() -> None:
    sources = [
        Source("good.txt", "good.md", GOOD),
        Source("english.txt", "english.md", b"Only English here.\n"),
        Source("bad.txt", "bad.md", BAD),
    ]
    cache = MemoryCache({})
    outcomes = list(brief_articles(RECIPE, sources, PickyEngine(), cache))
    assert [(o.rel, o.status) for o in outcomes] == [  # problems first, then as briefs are made
        ("english.txt", "skipped"),
        ("good.txt", "done"),
        ("bad.txt", "failed"),
    ]
    english, good, bad = outcomes
    assert [name for name, _ in good.files] == ["good.md"]
    assert good.files[0][1].startswith("---\n")
    assert good.entry is not None and good.entry.output == "good.md"
    assert good.sha256 == hashlib.sha256(GOOD).hexdigest()
    assert english.sha256 == hashlib.sha256(b"Only English here.\n").hexdigest()
    assert bad.reason == "engine crashed" and not bad.files
    assert cache.fresh and all(v == fake_english(k) for k, v in cache.fresh.items())


def test_known_translations_are_not_asked_for_again() -> None:
    batch = prepare_batch(RECIPE, [Source("good.txt", "good.md", GOOD)])
    known = {t: fake_english(t) for t in batch.texts()}
    engine = FakeEngine()
    cache = MemoryCache(dict(known))
    first = list(finish_batch(RECIPE, batch, engine, cache))
    assert engine.calls == [] and cache.fresh == {}
    fresh = list(
        brief_articles(RECIPE, [Source("good.txt", "good.md", GOOD)], FakeEngine(), MemoryCache({}))
    )
    assert first == fresh  # the same brief, from the cache or from the engine


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
