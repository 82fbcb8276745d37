"""The shape of the English alone: Chinese left in it, a looping phrase, an absurd length."""

from __future__ import annotations

import re

from zhbrief.zh import HAN

LOOP = re.compile(r"(\w{2,20}?)\1{3,}")
CHARACTERS_PER_HAN = 3  # English letters per Chinese character, about
LENGTH_BAND = (0.3, 3.0)  # outside it the English cannot be the same sentence
MIN_HAN = 6


def untranslated(english: str) -> bool:
    """Whether Chinese characters are left in the English."""
    return HAN.search(english) is not None


def has_loop(english: str) -> bool:
    """A word n-gram (n ≤ 4) repeated back to back, or a glued character unit repeated 4×."""
    words = re.findall(r"\w+", english.casefold())
    for n in range(1, 5):
        runs = 4 if n == 1 else 3
        for i in range(len(words) - runs * n + 1):
            if words[i] != words[i + n]:
                continue  # the common case, without building any slice
            if all(words[i : i + n] == words[i + k * n : i + (k + 1) * n] for k in range(runs)):
                return True
    return any(len(set(m.group(1))) > 1 for m in LOOP.finditer(english))


def bad_length(source: str, english: str) -> bool:
    """English far too short or long: about 3 English characters per Chinese one is normal."""
    han = len(HAN.findall(source))
    if han < MIN_HAN:
        return False
    expected = CHARACTERS_PER_HAN * han + len("".join(HAN.sub("", source).split()))
    ratio = len("".join(english.split())) / expected
    return not LENGTH_BAND[0] <= ratio <= LENGTH_BAND[1]
