"""Words the segmenter cut wrongly or not at all: dictionary repairs and the article's compounds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from zhbrief.terms import lexicon
from zhbrief.terms.names import Piece
from zhbrief.zh import HAN, segmenter

_HAN_WORD = re.compile(f"{HAN.pattern}+")
BREAK = Piece("\n", "x")  # between sentences: no compound spans two
# A compound term is a modifier and a head seen together at least twice: 大|模型, 国产|替代.
_MODIFIER = frozenset({"a", "b", "n", "nz", "vn", "j"})
_HEAD = frozenset({"n", "nz", "vn"})
MIN_REPEATS = 2
MAX_CHARS = 6


def repaired(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Tokens where HMM guesses yield to dictionary words: 为断|供 → 为|断供, 台积|电 → 台积电."""
    return _resplit(_merged(tokens))


def _merged(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Neighbouring tokens joined where CC-CEDICT knows the whole and the HMM guessed a piece."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(tokens):
        for n in (3, 2):
            words = [w for w, _ in tokens[i : i + n]]
            whole = "".join(words)
            short = len(words) == n and len(whole) <= 5 and _han(whole)
            if short and any(not segmenter().has_word(w) for w in words) and _known(whole):
                out.append((whole, "nz" if _proper(whole) else "n"))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _proper(word: str) -> bool:
    """Whether CC-CEDICT writes the word as a name."""
    return any(entry.proper for entry, _ in lexicon.entries(word))


def _resplit(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An HMM guess that took the first character of a dictionary word gives it back."""
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
    return _HAN_WORD.fullmatch(text) is not None
