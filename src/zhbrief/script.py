"""Which Chinese script an article is written in, and its Simplified form."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

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
    han = _HAN.findall(text)
    traditional = sum(1 for c in han if _changes(c, "t2s"))
    simplified = sum(1 for c in han if _changes(c, "s2t"))
    return len(han), traditional, simplified


def detect_script(text: str) -> str:
    """Return "traditional" or "simplified" for the dominant script of `text`."""
    han, traditional, simplified = script_counts(text)
    if han and traditional > simplified and traditional / han >= MIN_TRADITIONAL_SHARE:
        return "traditional"
    return "simplified"


def to_simplified(text: str) -> str:
    """Convert `text` to Simplified Chinese with OpenCC t2s (phrases may change length)."""
    return _converter("t2s")(text)
