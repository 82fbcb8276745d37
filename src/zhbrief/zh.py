"""Chinese script facts in one place: Han ranges, script detection and conversion, jieba setup."""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Literal

from zhbrief.places import cache_dir

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


def quiet_jieba() -> ModuleType:
    """Import jieba silenced (no stderr, cache in zhbrief's folder) and return it; idempotent."""
    with warnings.catch_warnings():
        # jieba 0.42 imports the deprecated pkg_resources, which warns on stderr
        warnings.filterwarnings("ignore", message=".*pkg_resources", category=UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    if jieba.dt.tmp_dir is None and not jieba.dt.initialized:
        jieba.dt.tmp_dir = str(cache_dir(fallback_to_temp=True))
    module: ModuleType = jieba
    return module


def idf_table() -> tuple[dict[str, float], float]:
    """jieba's IDF table and its median (for unknown words), loaded on first use."""
    quiet_jieba()
    import jieba.analyse

    return jieba.analyse.default_tfidf.idf_freq, jieba.analyse.default_tfidf.median_idf


def stop_words() -> frozenset[str]:
    """jieba.analyse's stop words."""
    quiet_jieba()
    import jieba.analyse

    return frozenset(jieba.analyse.default_tfidf.stop_words)
