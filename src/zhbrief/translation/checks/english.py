"""The English side of a check: its words, plain and lower-cased, for looking things up."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[a-z]+")
_CAPITALISED = re.compile(r"\b[A-Z][^\W\d_]+")
# "U.S." and "U.K." are one word, not two letters
_DOTTED = re.compile(r"\b([A-Za-z])\.([A-Za-z])\.")
# a currency sign says its currency's name
_SIGNS = str.maketrans({"$": " dollar ", "€": " euro ", "£": " pound ", "¥": " yuan "})


def plain(text: str) -> str:
    """Lower case without diacritics: "Đà Nẵng" → "da nang"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class English:
    """An English sentence as a set of words and one string of its letters."""

    words: frozenset[str]
    letters: str
    capitalised: frozenset[str]  # words written with a capital: where names are

    def says(self, form: str, stem: bool = False) -> bool:
        """Whether a word or name appears: whole if short, else in the letters; stemmed, a word
        sharing all but its last two letters says it (Japan/Japanese, Iran/Iranian)."""
        letters = "".join(_WORD.findall(plain(form)))
        if len(letters) < 4:
            return letters in self.words
        if letters in self.letters:
            return True
        return stem and any(_stem_match(letters, word) for word in self.words)


def _stem_match(a: str, b: str) -> bool:
    """Whether two words share a prefix of at least 4 letters and all but two of the shorter."""
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= max(4, min(len(a), len(b)) - 2)


def english_of(text: str) -> English:
    """The words and letters of an English sentence."""
    text = _DOTTED.sub(r"\1\2", text).translate(_SIGNS)
    words = _WORD.findall(plain(text))
    capitalised = frozenset(plain(w) for w in _CAPITALISED.findall(text))
    return English(frozenset(words), "".join(words), capitalised)
