"""What the dictionary says of a piece of text: an ordinary word, a person with the years of a
life, a bare name; Han only; a surname's length; a possible given name."""

from __future__ import annotations

import re

from zhbrief.terms import lexicon
from zhbrief.terms.cues import FUNCTION, SURNAMES
from zhbrief.zh import HAN

_HAN_WORD = re.compile(f"{HAN.pattern}+")


def surname_cut(word: str) -> int:
    """Characters of a common surname starting a name of 1–4 characters (0: none)."""
    for cut in (2, 1):
        if word[:cut] in SURNAMES and len(word) - cut in (0, 1, 2):
            return cut
    return 0


def given_name(given: str) -> bool:
    """One or two characters that can be a given name: Han, no function characters."""
    return 1 <= len(given) <= 2 and han(given) and not FUNCTION.intersection(given)


def is_word(text: str) -> bool:
    """Whether CC-CEDICT knows `text` as an ordinary word or a place (anything but a person)."""
    return any(not kind for _, kind in lexicon.entries(text))


def listed(text: str) -> bool:
    """Whether CC-CEDICT lists `text` as a person with the years of a life, and not as a word."""
    entries = lexicon.entries(text)
    dated = any(kind in ("chinese", "foreign") for _, kind in entries)
    return dated and all(kind or e.proper for e, kind in entries)


def bare_name(text: str) -> bool:
    """A name CC-CEDICT knows only as a name (琼斯 "Jones (name)"): a person when cued."""
    entries = lexicon.entries(text)
    return bool(entries) and all(kind == "name" for _, kind in entries)


def han(word: str) -> bool:
    """Whether every character is Han."""
    return _HAN_WORD.fullmatch(word) is not None
