"""Words the segmenter cut wrongly or not at all: dictionary repairs and the article's compounds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from zhbrief.terms import lexicon
from zhbrief.terms.names import Piece
from zhbrief.zh import HAN, segmenter

BREAK = Piece("\n", "x")  # between sentences: no compound spans two
# A compound term is a modifier and a head seen together at least twice: 大|模型, 国产|替代.
_MODIFIER = frozenset({"a", "b", "n", "nz", "vn", "j"})
_HEAD = frozenset({"n", "nz", "vn"})
MIN_REPEATS = 2
MAX_CHARS = 6


def repaired(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Tokens where an HMM guess took a character of a dictionary word: 为断|供 → 为|断供."""
    out = list(tokens)
    for i in range(len(out) - 1):
        (a, _), (b, flag) = out[i], out[i + 1]
        guessed = len(a) == 2 and _han(a + b) and not segmenter().has_word(a) and not _known(a)
        if guessed and _known(a[-1] + b) and (len(b) == 1 or not _known(b)):
            out[i], out[i + 1] = (a[0], "x"), (a[-1] + b, "v" if flag.startswith("v") else flag)
    return out


def compounds(pieces: Sequence[Piece]) -> list[Piece]:
    """Compounds of two neighbouring words seen at least twice, once per occurrence."""
    pairs: Counter[str] = Counter()
    for a, b in pairwise(pieces):
        if _pair(a, b):
            pairs[a.word + b.word] += 1
    return [Piece(w, "n") for w, n in pairs.items() if n >= MIN_REPEATS for _ in range(n)]


def _pair(a: Piece, b: Piece) -> bool:
    """A modifier and a head, both plain words of Han characters, short together."""
    plain = not a.kind and not b.kind and _han(a.word + b.word)
    return plain and a.flag in _MODIFIER and b.flag in _HEAD and len(a.word + b.word) <= MAX_CHARS


def _known(word: str) -> bool:
    """Whether CC-CEDICT has the word."""
    return bool(lexicon.entries(word))


def _han(text: str) -> bool:
    """Whether every character is Han."""
    return bool(text) and len(HAN.findall(text)) == len(text)
