"""Names of the source (people, places, organisations) and whether the English says them."""

from __future__ import annotations

from functools import lru_cache

from zhbrief.translation.checks.english import English
from zhbrief.translation.checks.known import dictionary_name
from zhbrief.translation.checks.persons import person_of
from zhbrief.translation.checks.sound import sounds_like
from zhbrief.translation.checks.source import SOUND_CHARACTERS, Name, Words, segmented, unknown

MAX_MERGE = 3  # dictionary names the segmenter cut into up to three words: 卡|赫拉|曼
NAME_TAGS = frozenset({"nr", "ns", "nrt", "nrfg", "nt"})  # the segmenter's tags of names
# Countries and continents (美国, 欧洲), a country's side (中方) or a pair (中美): English often
# says them with a pronoun or an adjective ("the country", "bilateral"), so a missing one is
# worth a look, not a ⚠ (4 of 13 such flags on the MQM dev file were errors).
COUNTRY_ENDINGS = frozenset("国洲方")
COUNTRY_ABBREVIATIONS = frozenset("中美日韩俄英法德欧印朝越台港澳")
DAYS_AND_MONTHS = frozenset((
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
))  # fmt: skip


@lru_cache(maxsize=256)  # a brief asks once per sentence; evaluation asks for ten systems' English
def source_names(text: str) -> tuple[Name, ...]:
    """The names of a Chinese sentence, in order: CC-CEDICT's, then people's in pinyin (the
    people are terms/names.py's, as key terms show them)."""
    words = segmented(text)
    names: list[Name] = []
    i = 0
    while i < len(words):
        size, name = _name_at(words, i)
        if name is not None and not _inside_other_word(words, i, i + size):
            names.append(name)
        i += size
    return tuple(names)


def missing_names(names: tuple[Name, ...], english: English) -> list[Name]:
    """The names none of whose spellings the English carries, each once."""
    missing = {n.zh: n for n in names if not said(n, english)}
    return list(missing.values())


def said(name: Name, english: English) -> bool:
    """Whether the English carries a name: a person's every part, else any one of its forms,
    or (a foreign name) one capitalised word that sounds like it."""
    if name.person and all(english.says(f) for f in name.forms):
        return True
    if not name.person and any(english.says(f, stem=True) for f in name.forms):
        return True
    return bool(name.sound) and any(sounds_like(list(name.sound), w) for w in english.capitalised)


def country(name: Name) -> bool:
    """Whether a name is a country, a continent, a country's side or a pair of countries."""
    if name.person or len(name.zh) != 2:
        return False
    return name.zh[1] in COUNTRY_ENDINGS or set(name.zh) <= COUNTRY_ABBREVIATIONS


def date(name: Name) -> bool:
    """Whether a "name" of CC-CEDICT is a weekday or a month (周六 is Saturday, 五月 May)."""
    return any(form.casefold() in DAYS_AND_MONTHS for form in name.forms)


def _name_at(words: Words, i: int) -> tuple[int, Name | None]:
    """The longest name starting at word i, and how many words it spans."""
    for size in range(min(MAX_MERGE, len(words) - i), 0, -1):
        pieces = words[i : i + size]
        if size > 1 and not all(_piece(p.word, p.flag) for p in pieces):
            continue
        name = dictionary_name("".join(p.word for p in pieces))
        if name is not None:
            return size, name
    return 1, person_of(words[i])


def _piece(word: str, tag: str) -> bool:
    """Whether a word may be a piece of a name the segmenter cut up (卡|赫拉|曼): one character,
    or two that it takes for a name or does not know."""
    return len(word) == 1 or (len(word) == 2 and (tag in NAME_TAGS or unknown(word)))


def _inside_other_word(words: Words, start: int, end: int) -> bool:
    """Whether words[start:end] continue a foreign name spelt by sound (卡|赫拉|曼) or a date
    (11|日电: 日电 is NEC to CC-CEDICT)."""
    before = words[start - 1].word if start > 0 else ""
    after = words[end].word if end < len(words) else ""
    if before[-1:].isdigit():
        return True
    return any(len(w) == 1 and w in SOUND_CHARACTERS for w in (before, after))
