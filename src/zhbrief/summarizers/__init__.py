"""The summarizers: one registry of names, one call shape (article → chosen sentence indices)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from zhbrief.documents import Article

SummarizerName = Literal["news", "lexrank", "lsa", "textrank", "luhn", "kl", "sumbasic"]
NAMES: tuple[str, ...] = get_args(SummarizerName)


@dataclass(frozen=True, slots=True)
class SummaryOptions:
    """Which summarizer, and how long a summary (a count, a share, or adaptive when both None)."""

    method: str = "news"
    sentences: int | None = None
    ratio: float | None = None


def summary_length(n_sentences: int, n: int | None = None, ratio: float | None = None) -> int:
    """How many sentences to choose: `n` if given, else a `ratio` share, else about √sentences (1–6)."""
    if n_sentences <= 0:
        return 0
    if n is not None:
        if n < 1:
            raise ValueError(f"summary length must be at least 1, got {n}")
        return min(n, n_sentences)
    if ratio is not None:
        if not 0 < ratio <= 1:
            raise ValueError(f"summary ratio must be in (0, 1], got {ratio}")
        return min(n_sentences, max(1, round(ratio * n_sentences)))
    # 1–2 sentences for a short post, 4 for 20 sentences, 6 from about 31 sentences on
    return min(6, max(1, round(math.sqrt(n_sentences))))


def summarize(
    article: Article, method: str = "news", n: int | None = None, ratio: float | None = None
) -> tuple[int, ...]:
    """Indices into `article.sentences` of the summary, in document order."""
    if method not in NAMES:
        raise ValueError(f"unknown summary method {method!r}; choose one of {', '.join(NAMES)}")
    count = summary_length(len(article.sentences), n, ratio)
    if count == 0:
        return ()
    return _selector(method)(article, count)


def _selector(method: str) -> Callable[[Article, int], tuple[int, ...]]:
    """The selector function of a summarizer name (imported on first use)."""
    if method == "news":
        from zhbrief.summarizers.news import summarize_news

        return summarize_news
    from zhbrief.summarizers.sumy import summarize_sumy

    return lambda article, count: summarize_sumy(article, method, count)
