"""A rough sound key, to tell that "Raisi" spells 莱西 (lái xī) the way foreign names are spelt."""

from __future__ import annotations

import re

# The consonant class of each pinyin initial: what a foreign spelling of the sound may use.
_INITIALS = (
    ("zh", "S"), ("ch", "S"), ("sh", "S"), ("b", "P"), ("p", "P"), ("d", "T"), ("t", "T"),
    ("g", "K"), ("k", "K"), ("f", "F"), ("w", "F"), ("l", "L"), ("r", "L"), ("m", "M"),
    ("n", "N"), ("j", "S"), ("q", "S"), ("x", "S"), ("z", "S"), ("c", "S"), ("s", "S"),
)  # fmt: skip
_DIGRAPHS = re.compile(r"sch|ph|th|sh|ch|zh|ts|tz|ck|kh|gh|c(?=[eiy])")
_DIGRAPH_CLASS = {"ph": "F", "th": "T", "ck": "K", "kh": "K", "gh": ""}
_LETTERS = str.maketrans("bpdtgkqcfvwlrmnszxj", "PPTTKKKKFFFLLMNSSSS", "aeiouyh")
SLACK = 2  # a spelling may sound a couple of consonants the characters do not


def pinyin_key(syllables: list[str]) -> str:
    """The consonant classes of a name's syllables: ["lai", "xi"] → "LS" ("" for h, y, vowels)."""
    key = ""
    for syllable in syllables:
        key += next((c for initial, c in _INITIALS if syllable.startswith(initial)), "")
    return key


def english_key(word: str) -> str:
    """The consonant classes of an English word, repeats merged: "Raisi" → "LS"."""
    word = _DIGRAPHS.sub(lambda m: _DIGRAPH_CLASS.get(m.group(0), "S"), word.casefold())
    key = word.translate(_LETTERS)
    return re.sub(r"(.)\1+", r"\1", "".join(c for c in key if c.isupper()))


def sounds_like(syllables: list[str], word: str) -> bool:
    """Whether an English word could spell the name: its classes in order, starting alike."""
    name, spelt = pinyin_key(syllables), english_key(word)
    if len(name) < 2 or len(spelt) > len(name) + SLACK:
        return False
    if syllables[0][:1] not in "hyaeiou" and not spelt.startswith(name[0]):
        return False
    rest = iter(spelt)
    return all(c in rest for c in name)
