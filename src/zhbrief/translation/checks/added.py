"""Names the English adds: Chinese names in pinyin that the source's characters cannot spell."""

from __future__ import annotations

import re
from functools import cache

from zhbrief.terms.cues import SURNAMES
from zhbrief.terms.reading import surname
from zhbrief.translation.checks.english import plain
from zhbrief.translation.checks.pinyin import readings, split_pinyin
from zhbrief.translation.checks.source import Name

# "Liu Bei", "Chen Chun-shan": a surname of one syllable, then a given name of one or two
PERSON = re.compile(r"\b([A-Z][a-z]{1,5})\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")
MAX_GIVEN = 2  # syllables of a given name
# "Yangzhou", "Xiaobo": one word of pinyin with zh, x or q, which English words hardly have
PINYIN_WORD = re.compile(r"\b[A-Z][a-z]*(?:zh|x|q)[a-z]*\b")


@cache
def surname_readings() -> frozenset[str]:
    """How the common single surnames are spelt in pinyin, their surname reading: 曾 is Zeng."""
    return frozenset(surname(s).casefold() for s in SURNAMES if len(s) == 1)


def added_names(source: str, english: str, known: tuple[Name, ...]) -> list[str]:
    """Pinyin names of the English the source cannot be read as, unless a name of the source
    is spelt that way (香港 is "Hong Kong"): a person ("Liu Bei": a syllable no character of
    the source has) or one word ("Yangzhou": its first syllable none has; 郑万 abbreviates
    Zhengzhou-Wanzhou)."""
    spelt = {_letters(form) for name in known for form in name.forms}
    found = [m.group(0) for m in PERSON.finditer(english) if _person(m.group(1), m.group(2))]
    found += [m.group(0) for m in PINYIN_WORD.finditer(english)]
    added: list[str] = []
    read: frozenset[str] | None = None
    for name in dict.fromkeys(found):
        syllables = _syllables(name)
        if syllables is None or _letters(name) in spelt:
            continue
        read = readings(source) if read is None else read  # only when the English has one
        unread = syllables[0] not in read if " " not in name else not set(syllables) <= read
        added += [name] if unread else []
    return added


def _person(surname: str, given: str) -> bool:
    """Whether two English words read as a Chinese surname and given name in pinyin."""
    syllables = split_pinyin(given.replace("-", ""))
    return surname.casefold() in surname_readings() and 0 < len(syllables or ()) <= MAX_GIVEN


def _syllables(name: str) -> list[str] | None:
    """The pinyin syllables of an English name; None unless it has two or more."""
    syllables: list[str] = []
    for word in name.replace("-", "").split():
        cut = split_pinyin(word)
        if cut is None:
            return None
        syllables += cut
    return syllables if len(syllables) >= 2 else None


def _letters(text: str) -> str:
    """The letters of a name, lower case: "Hong Kong" → "hongkong"."""
    return "".join(c for c in plain(text) if c.isalpha())
