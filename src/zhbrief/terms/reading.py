"""Readings of words and names: tone-marked pinyin, names cut into surname and given name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from zhbrief.terms import cedict, lexicon

_SYLLABLE = re.compile(r"([A-Za-zü:]+)([1-5])")
_TONE = re.compile(r"[1-5]$")
_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}


def pinyin(word: str, proper: bool = False) -> str:
    """Tone-marked pinyin, long words in two-syllable chunks ("Běijīng Dàxué", "xī'ān")."""
    return formatted(syllables(word), proper)


def syllables(word: str, surname: int = 0) -> list[str]:
    """Tone-marked syllables of a word: its longest CC-CEDICT words from left to right.

    The first `surname` characters are read as a surname (曾 zēng, not céng); a character the
    dictionary lacks stays as it is.
    """
    found = _reading(word[:surname], True) if surname else None
    out, i = (found, surname) if found else ([], 0)
    while i < len(word):
        for size in range(min(4, len(word) - i), 0, -1):
            found = _reading(word[i : i + size], False)
            if found:
                break
        out, i = out + (found or [word[i]]), i + (size if found else 1)
    return out


def _reading(piece: str, as_surname: bool) -> list[str] | None:
    """The syllables of a dictionary word, lower case: its common reading, or its surname one."""
    entries = [e for e, _ in lexicon.entries(piece) if len(e.pinyin.split()) == len(piece)]
    if not entries:
        return None

    def rank(entry: cedict.Entry) -> tuple[bool, int]:
        if as_surname:
            return not any(s.startswith("surname ") for s in entry.senses), 0
        # the common word's reading before a name's; of a character's, the one of most senses
        return entry.proper, -len(entry.senses)

    chosen = min(entries, key=rank)
    return [mark(s).lower() for s in chosen.pinyin.split()]


def formatted(syllables: list[str], proper: bool) -> str:
    """Syllables joined into words; most 4- and 6-character compounds are pairs of two."""
    syllables = [s.lower() for s in syllables]  # CC-CEDICT capitalises names syllable by syllable
    size = 2 if len(syllables) >= 4 else max(len(syllables), 1)
    chunks = [joined(syllables[i : i + size]) for i in range(0, len(syllables), size)]
    return " ".join(c[:1].upper() + c[1:] if proper else c for c in chunks)


def by_capitals(syllables: list[str]) -> str:
    """A dictionary name's syllables, a word from each capital: "Běijīng Dàxué", "Sīmǎ Guāng"."""
    words: list[list[str]] = []
    for syllable in syllables:
        if syllable[:1].isupper() or not words:
            words.append([])
        words[-1].append(syllable)
    return " ".join(joined(w) for w in words)


def joined(syllables: list[str]) -> str:
    """Syllables as one word, with an apostrophe before a vowel-initial one (xī'ān)."""
    word = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aāáǎàoōóǒòeēéěè" else "") + syllable
    return word


def name_parts(syllables: list[str], surname_length: int) -> list[str]:
    """A Chinese person's name as surname and given name: ["Yáo", "Shùnyǔ"]."""
    parts = [joined(syllables[:surname_length]), joined(syllables[surname_length:])]
    return [p[:1].upper() + p[1:] for p in parts if p]


def person_name(word: str, surname: int) -> list[str]:
    """A Chinese person's name in pinyin, surname and given name: 曾国藩 → ["Zēng", "Guófān"]."""
    return name_parts(syllables(word, surname), surname)


def surname(word: str) -> str:
    """A surname as English writes it, its surname reading: 曾 → "Zeng", 单 → "Shan"."""
    return plain(joined(syllables(word, len(word)))).capitalize()


@lru_cache(maxsize=8192)
def readings(char: str) -> tuple[str, ...]:
    """Every reading CC-CEDICT gives a character, toneless, lower case: 行 → ("xing", "hang")."""
    found = (
        _TONE.sub("", e.pinyin).replace("u:", "u").lower()
        for e, _ in lexicon.entries(char)
        if " " not in e.pinyin
    )
    return tuple(dict.fromkeys(r for r in found if r.isalpha()))


def plain(text: str) -> str:
    """Pinyin without tone marks, as English writes names: "Yao Shunyu"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def mark(syllable: str) -> str:
    """A numbered CC-CEDICT syllable with its tone mark: "zhong1" → "zhōng"; others unchanged."""
    match = _SYLLABLE.fullmatch(syllable)
    if not match:
        return syllable
    base = match.group(1).replace("u:", "ü").replace("U:", "Ü")
    tone = int(match.group(2))
    lower = base.lower()
    if tone == 5:
        return base
    if "a" in lower or "e" in lower:
        at = lower.index("a") if "a" in lower else lower.index("e")
    elif "ou" in lower:
        at = lower.index("o")
    else:  # the last vowel: "gui4" → "guì", "liu2" → "liú"
        vowels = [i for i, c in enumerate(lower) if c in _MARKS]
        if not vowels:
            return base
        at = vowels[-1]
    marked = _MARKS[lower[at]][tone - 1]
    return base[:at] + (marked.upper() if base[at].isupper() else marked) + base[at + 1 :]
