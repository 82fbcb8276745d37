"""Names the English adds: a Chinese person's name in pinyin that the source cannot be read as."""

from __future__ import annotations

import re
from functools import cache

from zhbrief.translation.checks.english import plain
from zhbrief.translation.checks.names import SURNAMES, Name
from zhbrief.translation.checks.pinyin import readings, split_pinyin, toneless

# "Liu Bei", "Chen Chun-shan": a surname of one syllable, then a given name of one or two
ENGLISH_NAME = re.compile(r"\b([A-Z][a-z]{1,5})\s+([A-Z][a-z]+(?:-[a-z]+)?)\b")
MAX_GIVEN = 2  # syllables of a given name


# surnames read otherwise than the character's first reading
SURNAME_READINGS = {"曾": "zeng", "覃": "qin"}


@cache
def surname_readings() -> frozenset[str]:
    """How the common surnames are spelt in pinyin, one reading each: 曾 is Zeng, not ceng."""
    from pypinyin import lazy_pinyin

    return frozenset(toneless(SURNAME_READINGS.get(c) or lazy_pinyin(c)[0]) for c in SURNAMES)


def added_names(source: str, english: str, known: tuple[Name, ...]) -> list[str]:
    """Chinese names of the English ("Liu Bei") with a syllable the source has no character for,
    unless a name of the source is spelt that way (香港 is "Hong Kong")."""
    read: frozenset[str] | None = None
    spelt = {_letters(form) for name in known for form in name.forms}
    added: list[str] = []
    for match in ENGLISH_NAME.finditer(english):
        surname = match.group(1).casefold()
        given = split_pinyin(match.group(2).replace("-", ""))
        if surname not in surname_readings() or given is None or len(given) > MAX_GIVEN:
            continue
        read = readings(source) if read is None else read  # only when the English has a name
        if not {surname, *given} <= read and _letters(match.group(0)) not in spelt:
            added.append(match.group(0))
    return list(dict.fromkeys(added))


def _letters(text: str) -> str:
    """The letters of a name, lower case: "Hong Kong" → "hongkong"."""
    return "".join(c for c in plain(text) if c.isalpha())
