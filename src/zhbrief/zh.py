"""Chinese script facts in one place: Han ranges, script detection and conversion, the segmenter."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Any, Literal

from zhbrief.terms import lexicon

# CJK Unified Ideographs, Extension A, Compatibility Ideographs, Extensions B–H.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_RANGES}]")

# A text is Traditional when Traditional-only characters outnumber Simplified-only ones
# and are not a stray few: a Simplified article quoting one Taiwanese name stays Simplified.
MIN_TRADITIONAL_SHARE = 0.02


@cache
def _converter(config: str) -> Callable[[str], str]:
    """The OpenCC conversion function for `config`, built on first use only."""
    from opencc import OpenCC  # deferred: loading dictionaries is not an import-time job

    return OpenCC(config).convert  # type: ignore[no-any-return]


@cache
def _changes(char: str, config: str) -> bool:
    """Whether OpenCC `config` rewrites this single character."""
    return _converter(config)(char) != char


def script_counts(text: str) -> tuple[int, int, int]:
    """Count (Han characters, Traditional-only, Simplified-only) in `text`."""
    han = HAN.findall(text)
    traditional = sum(1 for c in han if _changes(c, "t2s"))
    simplified = sum(1 for c in han if _changes(c, "s2t"))
    return len(han), traditional, simplified


def detect_script(text: str) -> Literal["simplified", "traditional"]:
    """Return "traditional" or "simplified" for the dominant script of `text`."""
    han, traditional, simplified = script_counts(text)
    if han and traditional > simplified and traditional / han >= MIN_TRADITIONAL_SHARE:
        return "traditional"
    return "simplified"


def to_simplified(text: str) -> str:
    """Convert `text` to Simplified Chinese with OpenCC t2s (phrases may change length)."""
    return _converter("t2s")(text)


def to_mainland(text: str) -> str:
    """Traditional to Simplified with Taiwan's words as the Mainland writes them (OpenCC tw2sp:
    軟體 → 软件, 網際網路 → 互联网): how a Taiwanese copy of a Mainland story reads again."""
    return _converter("tw2sp")(text)


def segmenter() -> ModuleType:
    """rjieba (jieba's dictionary and HMM, in Rust: ~40 MiB where jieba takes ~140), on first use."""
    import rjieba

    module: ModuleType = rjieba
    return module


def words(text: str) -> list[str]:
    """The words of a text: jieba's dictionary, its HMM for words the dictionary lacks."""
    return list(segmenter().cut(text, True))


def tagged(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) pairs of a text, jieba's tags ("n", "v", "nr", "x", ...)."""
    return [(word, flag) for word, flag in segmenter().tag(text, True)]


class Idf:
    """jieba's IDF table, looked up word by word in the compiled dictionary index."""

    def get(self, word: str, default: float) -> float:
        """The word's IDF, or `default` when the table lacks it."""
        value = lexicon.idf(word)
        return default if value is None else value


def idf_table() -> tuple[Idf, float]:
    """jieba's IDF table and its median (for unknown words), from the index on first use."""
    return Idf(), lexicon.median_idf()


@cache
def nltk_without_scipy() -> None:
    """Import nltk, which sumy needs, with scipy hidden from it: where scipy is installed, nltk
    loads scipy.stats and scipy.sparse for a collocation test and a parser zhbrief never runs
    (about 60 MiB and a second at every start, measured with benchmarks/memory.py); it does
    without them. Call before importing sumy."""
    hidden = "scipy" not in sys.modules
    if hidden:
        sys.modules["scipy"] = None  # type: ignore[assignment]  # importing it fails
    try:
        import nltk  # noqa: F401
    finally:
        if hidden:
            del sys.modules["scipy"]


@cache
def sumy_tokenizer() -> type:
    """sumy's Tokenizer class, its Chinese words from `words` (sumy's own imports jieba)."""
    nltk_without_scipy()
    from sumy.nlp.tokenizers import Tokenizer

    class ChineseTokenizer(Tokenizer):  # type: ignore[misc]
        def _get_word_tokenizer(self, language: str) -> Any:
            return _Words() if language == "chinese" else super()._get_word_tokenizer(language)

    return ChineseTokenizer


class _Words:
    """sumy's word-tokenizer shape."""

    @staticmethod
    def tokenize(text: str) -> list[str]:
        return words(text)
