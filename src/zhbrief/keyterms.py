"""Key terms of an article: jieba keywords with pinyin, Latin proper names kept as written."""

from __future__ import annotations

import logging
import os
import re
import tempfile
import warnings
from pathlib import Path
from types import ModuleType

from zhbrief.model import Article, KeyTerm

# Nouns, names, places, organisations, other proper nouns, verbal/abstract nouns.
NOUN_POS = ("n", "nr", "ns", "nt", "nz", "vn", "nrt", "eng")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*\+*")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _cache_dir() -> str:
    """zhbrief's cache folder for jieba's dictionary, or the system temp folder if unusable."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    folder = os.path.join(base, "zhbrief")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return tempfile.gettempdir()  # a cache is an optimisation; jieba's own default then
    return folder


def quiet_jieba() -> ModuleType:
    """Import jieba silenced (no stderr, cache in zhbrief's folder) and return it; idempotent."""
    with warnings.catch_warnings():
        # jieba 0.42 imports the deprecated pkg_resources, which warns on stderr
        warnings.filterwarnings("ignore", message=".*pkg_resources", category=UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)
    if jieba.dt.tmp_dir is None and not jieba.dt.initialized:
        jieba.dt.tmp_dir = _cache_dir()
    return jieba
