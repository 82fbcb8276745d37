"""Pinyin facts for checks: the syllables a source can be read as, and words spelt in pinyin."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

LONGEST = 6  # "zhuang", "chuang", "shuang"
# Interjections and bare vowels of pypinyin's table: too short or too English to mark pinyin.
_NOT_NAME_SYLLABLES = frozenset((
    "m", "n", "ng", "hm", "hng", "r", "e", "o", "a", "ei", "ai", "ao", "ou", "an", "en", "er",
    "ang", "eng", "yo", "io",
))  # fmt: skip


def toneless(text: str) -> str:
    """Pinyin without tone marks or ü's dots, lower case, as English writes it: "Lǚ" → "lu"."""
    decomposed = unicodedata.normalize("NFD", text.replace("v", "u"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin can give a character (about 400)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = {toneless(p) for readings in pinyin_dict.values() for p in readings.split(",")}
    return frozenset(found - _NOT_NAME_SYLLABLES)


def split_pinyin(word: str) -> list[str] | None:
    """A word cut into pinyin syllables, longest first ("Chunshan" → chun, shan); None if none fit."""
    word = word.casefold()
    table = syllables()
    rest: list[list[str] | None] = [None] * len(word) + [[]]
    for i in range(len(word) - 1, -1, -1):
        for j in range(min(len(word), i + LONGEST), i, -1):
            tail = rest[j]
            if tail is not None and word[i:j] in table:
                rest[i] = [word[i:j], *tail]
                break
    return rest[0]


def readings(text: str) -> frozenset[str]:
    """Every toneless syllable the characters of a text can be read as (heteronyms included)."""
    return frozenset(s for c in text for s in _character_readings(c))


@lru_cache(maxsize=8192)
def _character_readings(char: str) -> tuple[str, ...]:
    """A character's readings from pypinyin's table, toneless; () for anything else."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = pinyin_dict.get(ord(char))
    return tuple(dict.fromkeys(toneless(p) for p in found.split(","))) if found else ()
