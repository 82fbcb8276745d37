"""sumy's summarizers (LexRank, LSA, TextRank, Luhn, KL, SumBasic) on zhbrief's sentences."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from zhbrief.documents import Article
from zhbrief.ingest.units import excluded_units
from zhbrief.zh import nltk_without_scipy, sumy_tokenizer

_SUMY = {
    "lexrank": ("sumy.summarizers.lex_rank", "LexRankSummarizer"),
    "lsa": ("sumy.summarizers.lsa", "LsaSummarizer"),
    "textrank": ("sumy.summarizers.text_rank", "TextRankSummarizer"),
    "luhn": ("sumy.summarizers.luhn", "LuhnSummarizer"),
    "kl": ("sumy.summarizers.kl", "KLSummarizer"),
    "sumbasic": ("sumy.summarizers.sum_basic", "SumBasicSummarizer"),
}


def summarize_sumy(
    article: Article, method: str, count: int, budget: int | None = None
) -> tuple[int, ...]:
    """The `count` sentences sumy's `method` rates best, in document order.

    Headings, bylines, prompts, list items and the other units never chosen by the news
    selector (summarizers/candidates.py) are never chosen here either. `budget` caps the
    summary's characters; the best-rated sentence is kept whatever its length.
    """
    groups = [[s.norm for s in p.sentences] for p in article.paragraphs]
    ratings = list(sumy_ratings(method, groups))
    excluded = set(excluded_units(groups))
    index = 0
    for paragraph, texts in zip(article.paragraphs, groups, strict=True):
        if paragraph.kind == "heading":
            excluded.update(range(index, index + len(texts)))
        index += len(texts)
    ratings = [-math.inf if i in excluded else r for i, r in enumerate(ratings)]
    lengths = [len(t) for texts in groups for t in texts]
    return top_rated(ratings, count, lengths, budget)


def top_rated(
    ratings: Sequence[float],
    count: int,
    lengths: Sequence[int] = (),
    budget: int | None = None,
) -> tuple[int, ...]:
    """The `count` best-rated indices (ties: earlier first) within `budget`, in document order."""
    order = sorted(range(len(ratings)), key=lambda i: (-ratings[i], i))
    order = [i for i in order if ratings[i] > -math.inf] or order
    chosen: list[int] = []
    for i in order:
        if len(chosen) == count:
            break
        if budget is None or not chosen or sum(lengths[j] for j in [*chosen, i]) <= budget:
            chosen.append(i)
    return tuple(sorted(chosen))


def sumy_ratings(method: str, paragraphs: Sequence[Sequence[str]]) -> tuple[float, ...]:
    """sumy's rating of every sentence, given as paragraphs of sentence texts."""
    nltk_without_scipy()
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = sumy_tokenizer()("chinese")
    document = ObjectDocumentModel(
        [Paragraph([Sentence(t, tokenizer) for t in p]) for p in paragraphs]
    )
    n = len(document.sentences)
    if n == 0:
        return ()
    recorded: list[Any] = []
    with warnings.catch_warnings():
        # LexRank divides 0 by 0 when no two sentences share a word (NaN ratings, then 0 here)
        warnings.simplefilter("ignore", RuntimeWarning)
        _summarizer(method)(document, _recorder(recorded))
    ratings = [0.0] * n
    for info in recorded:  # SentenceInfo.order is the index, whatever duplicates there are
        rating = float(info.rating)
        # 12 digits: LSA's word order follows the string hash seed, so its equal ratings differ in
        # the last bits from run to run; rounded, ties go to the earlier sentence every time
        ratings[info.order] = float(f"{rating:.12g}") if math.isfinite(rating) else 0.0
    return tuple(ratings)


def _recorder(into: list[Any]) -> Callable[[Sequence[Any]], Sequence[Any]]:
    """A sumy sentence count that keeps every rated sentence and records them all."""

    def record(infos: Sequence[Any]) -> Sequence[Any]:
        into.extend(infos)
        return infos

    return record


def _summarizer(method: str) -> Any:
    """A sumy summarizer for Chinese, with sumy's Chinese stop words."""
    import importlib

    nltk_without_scipy()
    from sumy.utils import get_stop_words

    module, name = _SUMY[method]
    summarizer = getattr(importlib.import_module(module), name)()
    summarizer.stop_words = get_stop_words("chinese")
    if method == "luhn":
        summarizer.bonus_words = ()
    return summarizer
