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


CHARS_PER_SENTENCE = 150  # the adaptive length counts a sentence as at most this many characters
MAX_SHARE = 0.2  # an adaptive summary never takes more than this share of the article's characters


def summary_length(
    n_sentences: int, n: int | None = None, ratio: float | None = None, chars: int | None = None
) -> int:
    """How many sentences to choose: `n` if given, else a `ratio` share, else adaptive (1–6).

    Adaptive: about √sentences, counting no more sentences than `chars` / 150, so a
    2,000-character feature gets 4 sentences however finely it is split.
    """
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
    sized = n_sentences if chars is None else min(n_sentences, chars / CHARS_PER_SENTENCE)
    # 1–2 sentences for a short post, 4 for 20 sentences, 6 from about 31 sentences on
    return min(6, n_sentences, max(1, round(math.sqrt(sized))))


def summarize(
    article: Article, method: str = "news", n: int | None = None, ratio: float | None = None
) -> tuple[int, ...]:
    """Indices into `article.sentences` of the summary, in document order.

    With neither `n` nor `ratio`, the length follows the article and the summary keeps within
    MAX_SHARE of its characters.
    """
    if method not in NAMES:
        raise ValueError(f"unknown summary method {method!r}; choose one of {', '.join(NAMES)}")
    chars = sum(len(s.norm) for s in article.sentences)
    count = summary_length(len(article.sentences), n, ratio, chars)
    if count == 0:
        return ()
    adaptive = n is None and ratio is None
    return _selector(method)(article, count, int(MAX_SHARE * chars) if adaptive else None)


Selector = Callable[[Article, int, "int | None"], tuple[int, ...]]


def _selector(method: str) -> Selector:
    """The selector function of a summarizer name (imported on first use)."""
    if method == "news":
        from zhbrief.summarizers.news import summarize_news

        return summarize_news
    from zhbrief.summarizers.sumy import summarize_sumy

    return lambda article, count, budget: summarize_sumy(article, method, count, budget)
