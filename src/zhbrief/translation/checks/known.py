"""Names CC-CEDICT knows (places, organisations, famous people) and their English spellings."""

from __future__ import annotations

import re
from functools import lru_cache

from zhbrief.glossary import lookup
from zhbrief.translation.checks.english import plain
from zhbrief.translation.checks.source import Name, foreign
from zhbrief.zh import HAN

# Words that say what kind of place or body a name is, not which one.
GENERIC = frozenset((
    "province", "city", "county", "district", "prefecture", "capital", "river", "mountain",
    "lake", "island", "sea", "state", "town", "village", "region", "news", "agency", "party",
    "company", "university", "national", "people", "republic", "central", "service", "network",
    "net", "online", "daily", "times", "post", "group", "committee", "council", "ministry",
    "office", "the", "of", "and", "in", "on", "at", "for", "or", "a", "an",
))  # fmt: skip
# Lower-case words inside a name: "Ursula von der Leyen", "Office of the State Council".
JOINERS = frozenset((
    "of", "the", "and", "von", "der", "de", "du", "la", "le", "al", "bin", "van", "da", "di",
    "del",
))  # fmt: skip
# English spellings CC-CEDICT lists after the two senses glossary.lookup gives, or not at all,
# for names news uses most.
COMMON_SPELLINGS = {
    "美国": ("US", "America"),
    "英国": ("UK", "Britain", "British"),
    "俄罗斯": ("Russia",),
    "韩国": ("Korea", "ROK"),
    "朝鲜": ("Korea", "DPRK"),
    "中新网": ("Ecns", "China News"),  # China News Service's English site
    "中新社": ("Ecns", "China News"),
}
_PARENS = re.compile(r"\(([^()]*)\)")
_KNOWN_AS = re.compile(r"\bas ([A-Z][\w'-]*(?: [A-Z][\w'-]*)*)")
DEMONYM_SUFFIXES = ("人", "语")  # a place's people and its language
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")


@lru_cache(maxsize=1 << 15)  # the same words come back sentence after sentence
def dictionary_name(word: str) -> Name | None:
    """A word CC-CEDICT knows only as a name (no common reading), with its English and pinyin."""
    if len(word) < 2 or len(HAN.findall(word)) != len(word):
        return None
    gloss = lookup(word)  # prefers a common reading: proper here means there is none
    if gloss is None or not gloss.proper:
        return None
    forms = [f for sense in gloss.senses for f in _sense_forms(sense)]
    forms += COMMON_SPELLINGS.get(word, ()) + _people_and_language(word)
    syllables = tuple(plain(s) for s in gloss.syllables)
    sound = syllables if foreign(word) else ()  # 莱西 may be Raisi, not Laixi
    return Name(word, tuple(dict.fromkeys(["".join(syllables), *forms])), False, sound)


def _people_and_language(place: str) -> tuple[str, ...]:
    """How English names a place's people and language, from CC-CEDICT's 西班牙人 ("Spaniard;
    Spanish person") and 西班牙语: 西班牙 is said by "Spanish" as well as by "Spain"."""
    glosses = [lookup(place + suffix) for suffix in DEMONYM_SUFFIXES]
    return tuple(w for g in glosses if g for s in g.senses for w in _capitalised(s.split()))


def _sense_forms(sense: str) -> list[str]:
    """A sense's name as a phrase, then its capitalised words: "Agence France Presse", "Agence"…"""
    chunks = [_BRACKETS.sub(" ", sense).split(",")[0]]
    chunks += [alt for alt in _PARENS.findall(sense) if alt[:1].isupper()]  # (Honan), (KMT)
    # "Douyin, ... released in its international version as TikTok"
    chunks += _KNOWN_AS.findall(sense)
    forms: list[str] = []
    for chunk in chunks:
        for part in re.split(r"\bor\b|;|/", chunk):
            phrase = _leading_name(part.split())
            forms += [" ".join(phrase)] if phrase else []
            forms += [w for w in _capitalised(phrase) if plain(w) not in GENERIC]
    return forms


def _leading_name(words: list[str]) -> list[str]:
    """The words of a sense up to its second common word: "American dollar" keeps both."""
    kept: list[str] = []
    common = 0
    for word in words:
        if word[:1].islower() and word not in JOINERS:
            common += 1
            if common > 1:
                break
        kept.append(word)
    return kept


def _capitalised(phrase: list[str]) -> list[str]:
    """The capitalised words of a phrase, hyphenated ones cut: "Ho Chi-minh" → Ho, Chi."""
    parts = [p for word in phrase if word[:1].isupper() for p in re.split(r"[-'’]", word)]
    return [p for p in parts if len(p) >= 3 or p.isupper()]
