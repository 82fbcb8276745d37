"""zhbrief's "news" selector: centrality, lead, length and title; no fillers, no repeats."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import Any

from zhbrief.documents import Article
from zhbrief.ingest.shape import AGENCY_DATELINE as _DATELINE
from zhbrief.ingest.shape import CAPTION_START as _CAPTION
from zhbrief.ingest.shape import without_openers
from zhbrief.summarizers.candidates import Pool, candidate_pool
from zhbrief.zh import HAN_RANGES, idf_table, nltk_without_scipy, sumy_tokenizer


def summarize_news(article: Article, count: int, budget: int | None = None) -> tuple[int, ...]:
    """The news selector on an article's paragraphs (headings never chosen) and title.

    A sentence is scored without the attribution it opens with (据新华社报道，…); the budget
    counts it whole, as the reader sees it.
    """
    paragraphs = [[s.norm for s in p.sentences] for p in article.paragraphs]
    headings = {i for i, p in enumerate(article.paragraphs) if p.kind == "heading"}
    title = article.title.norm if article.title is not None else None
    texts = [without_openers(t) for p in paragraphs for t in p]
    sizes = [len(t) for p in paragraphs for t in p]
    pool = candidate_pool(paragraphs, headings)
    return select_news(texts, count, title, pool, budget, sizes)


_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_CONTENT = re.compile(f"[{HAN_RANGES} A-Za-z0-9]")
MIN_CHARS = 6


def content_chars(text: str) -> int:
    """Characters of a sentence that carry content: Han, Latin letters and digits."""
    return len(_CONTENT.findall(text.replace(" ", "")))


def is_filler(text: str) -> bool:
    """True for a caption, a byline or dateline alone, or a sentence too short to summarise."""
    t = unicodedata.normalize("NFKC", text).strip()
    if _CAPTION.match(t):
        return True
    core = _BRACKETED.sub("", t)
    core = _DATELINE.sub("", core, count=1)
    return content_chars(core) < MIN_CHARS


# The "news" score: four features in [0, 1] added with equal weights (sumy LexRank's TF-IDF
# cosine to the whole text, shared bigrams, lead 1/(1+i), length prior), plus title overlap when
# there is a title. Chosen on the even records of LCSTS and Sogou (evaluation/summaries.py),
# checked on the odd ones. Tried and dropped, as none helped both sets: sumy's Luhn, thresholded or
# continuous LexRank and TextRank ratings as extra features, centrality over character bigrams,
# position in characters, a question-mark bonus and a connective penalty.
IDEAL_CHARS = 25  # content characters of the sentence length the length prior favours
REDUNDANCY = 1.0  # MMR: penalty per unit of bigram similarity to a chosen sentence
DUPLICATE = 0.6  # similarity above which a candidate is a near-duplicate and never chosen
# a long article's lead feature is 1/(1 + i/span): its opening runs over more sentences (on the
# Sogou articles over 1,000 characters, span 10 gave R-L 0.169 at N = 3 against 0.164 for span 1)
LONG_LEAD_SPAN = 10.0


def select_news(
    texts: Sequence[str],
    count: int,
    title: str | None = None,
    pool: Pool | None = None,
    budget: int | None = None,
    sizes: Sequence[int] | None = None,
) -> tuple[int, ...]:
    """zhbrief's default choice: centrality, lead, length, title and sections; no repeats.

    `pool` says which sentences may be chosen (default: the units rules on `texts` as one
    paragraph); a long article's lead is chosen first when `count` > 1. `budget` caps the
    summary's characters (the first sentence chosen is kept whatever its length), counted on
    `sizes` (default: the lengths of `texts`).
    """
    pool = pool or candidate_pool([texts])
    candidates = list(pool.candidates) or _fallback(texts, pool.headings)
    # one sentence stays the selector's best pick: the long-article rules cost 0.013–0.018 R-L
    # on Sogou's headlines at N = 1, while from two sentences on a reader needs the lead first
    long = pool.lead is not None and count > 1
    scores = news_scores(texts, title, candidates, LONG_LEAD_SPAN if long else 1.0)
    grams = {i: bigrams(texts[i]) for i in candidates}
    overlap = dict.fromkeys(candidates, 0.0)
    chosen: list[int] = []
    lengths = sizes or [len(t) for t in texts]
    first = pool.lead if long and pool.lead in overlap else None
    while candidates and len(chosen) < count:
        covered = {pool.sections[j] for j in chosen}
        # a sentence from a section not yet in the summary first, then the score less redundancy
        ranks = {
            i: (pool.sections[i] not in covered, scores[i] - REDUNDANCY * overlap[i], -i)
            for i in candidates
        }
        best = first if first is not None and not chosen else max(candidates, key=ranks.__getitem__)
        candidates.remove(best)
        if overlap[best] > DUPLICATE or not _fits(lengths, [*chosen, best], budget):
            continue
        chosen.append(best)
        for i in candidates:  # only the newest choice can raise a candidate's overlap
            overlap[i] = max(overlap[i], similarity(grams[i], grams[best]))
        candidates = [i for i in candidates if overlap[i] <= DUPLICATE]
    return tuple(sorted(chosen))


def _fallback(texts: Sequence[str], headings: Collection[int]) -> list[int]:
    """Candidates of an article with none by the units rules: better a short line than none."""
    body = [i for i in range(len(texts)) if i not in headings]
    loose = [i for i in body if not is_filler(texts[i])]
    return loose or [i for i in body if content_chars(texts[i]) and not _CAPTION.match(texts[i])]


def _fits(sizes: Sequence[int], chosen: Sequence[int], budget: int | None) -> bool:
    """True when these sentences stay within `budget` characters (one sentence always fits)."""
    return budget is None or len(chosen) == 1 or sum(sizes[i] for i in chosen) <= budget


def news_scores(
    texts: Sequence[str],
    title: str | None = None,
    candidates: Sequence[int] | None = None,
    lead_span: float = 1.0,
) -> tuple[float, ...]:
    """Each sentence's news score before redundancy: centrality, shared content, lead, length.

    The two centrality features are scaled so the best of `candidates` (default: all) has 1.
    Work grows linearly with the article: one pass for the whole text's counts, one per sentence.
    """
    pool = range(len(texts)) if candidates is None else candidates
    grams = [bigrams(t) for t in texts]
    everything: Counter[str] = Counter()
    for g in grams:
        everything.update(g)
    shared = _scaled([shared_share(g, everything) for g in grams], pool)
    central = _scaled(tfidf_centrality(texts), pool)
    title_grams = bigrams(title or "")
    return tuple(
        central[i]
        + shared[i]
        + 1 / (1 + i / lead_span)
        + length_prior(content_chars(_nfkc(t)))
        + coverage(title_grams, grams[i])
        for i, t in enumerate(texts)
    )


def shared_share(grams: Counter[str], everything: Counter[str]) -> float:
    """Share of a sentence's distinct bigrams that also occur elsewhere in the article."""
    return sum(1 for b, n in grams.items() if everything[b] > n) / len(grams) if grams else 0.0


def _scaled(values: Sequence[float], pool: Iterable[int]) -> list[float]:
    """`values` divided by their largest value over `pool` (unchanged if that is not positive)."""
    top = max((values[i] for i in pool), default=0.0)
    return [v / top for v in values] if top > 0 else list(values)


def length_prior(chars: int) -> float:
    """2·min(c, L)/(c + L) for L = IDEAL_CHARS: ROUGE F1's ceiling for a c-character sentence."""
    return 2 * min(chars, IDEAL_CHARS) / (chars + IDEAL_CHARS) if chars > 0 else 0.0


def tfidf_centrality(texts: Sequence[str]) -> tuple[float, ...]:
    """sumy LexRank's idf-modified cosine of each sentence to the whole text (jieba IDF)."""
    nltk_without_scipy()
    from sumy.models.dom import Sentence
    from sumy.summarizers.lex_rank import LexRankSummarizer

    lexrank = LexRankSummarizer()  # no stop words: the IDF weighs function words down
    tokenizer = _number_keeping_tokenizer()
    words = [lexrank._to_words_set(Sentence(_nfkc(t), tokenizer)) for t in texts]
    whole: Counter[str] = Counter()
    for ws in words:
        whole.update(ws)
    # jieba's corpus IDF, not sumy's sentences-as-documents IDF: log(n/(1+df)) is 0 or negative
    # for most words of a 3-sentence post (it cost 0.004 R-L on LCSTS)
    idf, median = idf_table()
    weights = {w: idf.get(w, median) for w in whole}
    top = max(whole.values(), default=1)
    # sumy's cosine_similarity, with the whole text's norm computed once: calling it per
    # sentence recomputes that norm and made the selector quadratic (81 s on a 1 MB article)
    whole_tf = {w: n / top for w, n in whole.items()}
    whole_norm = math.sqrt(sum((whole_tf[w] * weights[w]) ** 2 for w in whole))
    return tuple(_cosine(Counter(ws), whole_tf, whole_norm, weights) for ws in words)


def _cosine(
    counts: Counter[str], whole_tf: dict[str, float], whole_norm: float, weights: dict[str, float]
) -> float:
    """sumy's idf-modified cosine between one sentence's words and the whole text."""
    top = max(counts.values(), default=1)
    tf = {w: n / top for w, n in counts.items()}
    numerator = sum(tf[w] * whole_tf[w] * weights[w] ** 2 for w in tf)
    norm = math.sqrt(sum((tf[w] * weights[w]) ** 2 for w in tf))
    return numerator / (norm * whole_norm) if norm > 0 and whole_norm > 0 else 0.0


@cache
def _number_keeping_tokenizer() -> Any:
    """sumy's Chinese tokenizer (jieba words) keeping numbers such as 2012, 11 or 5G."""

    class ChineseWords(sumy_tokenizer()):  # type: ignore[misc]
        @staticmethod
        def _is_word(word: str) -> bool:
            # sumy's pattern keeps only words starting with a letter; numbers carry news content
            # (dropping them cost 0.001–0.002 R-L on both sets)
            return bool(_CONTENT.search(word))

    return ChineseWords("chinese")


def _nfkc(text: str) -> str:
    """NFKC, case-folded: full-width digits and letters as ASCII."""
    return unicodedata.normalize("NFKC", text).casefold()


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of a sentence's content characters (NFKC, case-folded)."""
    chars = _CONTENT.findall(_nfkc(text).replace(" ", ""))
    return Counter(a + b for a, b in pairwise(chars))


def coverage(reference: Counter[str], candidate: Counter[str]) -> float:
    """Share of distinct `reference` bigrams found in `candidate` (0 when `reference` is empty)."""
    return sum(1 for b in reference if b in candidate) / len(reference) if reference else 0.0


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Bigram overlap of two sentences relative to the shorter one (1 = one contains the other)."""
    shorter = min(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / shorter if shorter else 0.0
