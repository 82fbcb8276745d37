"""People in a sentence's words: whole names or none, and titles ("罗总", "林先生") apart.

A word is shown as a person's name only on evidence: CC-CEDICT lists that person (胡锦涛,
冯德莱恩 — also when the segmenter cut it in pieces), or it is a known surname with a given name
of one or two characters that no dictionary word explains better. jieba's own "nr" tag is not
evidence: its dictionary tags 盛大宴会 and 喝咖啡 as names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from zhbrief.terms import lexicon
from zhbrief.zh import HAN

# A surname followed by one of these is a form of address, not a name: 林先生 is "Mr. Lin".
TITLES = {
    "先生": "Mr. {}",
    "女士": "Ms. {}",
    "小姐": "Miss {}",
    "太太": "Mrs. {}",
    "夫人": "Madame {}",
    "老师": "teacher {}",
    "教授": "Professor {}",
    "博士": "Dr. {}",
    "医生": "Dr. {}",
    "书记": "Secretary {}",
    "主任": "Director {}",
    "经理": "manager {}",
    "总": "{}, the boss",
    "董": "{}, the chairman",
    "老": "{}, the elder",
}
# Characters that end or link phrases: never part of a given name the segmenter did not find.
_FUNCTION = frozenset("的了在是和与及对为被把向从说等也都就还又而或之其这那有没不很更最将已")
MIN_SURNAME = 2  # a surname CC-CEDICT lists at least one person under (rare ones mislead)
Kind = Literal["", "person", "title"]


@dataclass(frozen=True, slots=True)
class Piece:
    """A word of a sentence, with what it is when it names or addresses a person."""

    word: str
    flag: str  # jieba's part of speech
    kind: Kind = ""
    surname: int = 0  # characters of the surname, for a Chinese name or a title


def people(tokens: Sequence[tuple[str, str]]) -> list[Piece]:
    """The tokens with people's names made whole and titles marked; other words unchanged."""
    pieces: list[Piece] = []
    i = 0
    while i < len(tokens):
        piece, used = _person_at(tokens, i)
        pieces.append(piece)
        if piece.kind == "title" and len(piece.word) < sum(len(w) for w, _ in tokens[i : i + used]):
            rest = "".join(w for w, _ in tokens[i : i + used])[len(piece.word) :]
            pieces.append(Piece(rest, tokens[i + used - 1][1]))
        i += used
    return pieces


def _person_at(tokens: Sequence[tuple[str, str]], i: int) -> tuple[Piece, int]:
    """The piece that starts at token i and how many tokens it takes."""
    for n in (3, 2):  # a famous name the segmenter cut in pieces: 冯德 + 莱恩
        words = [w for w, _ in tokens[i : i + n]]
        if len(words) == n and all(_han(w) for w in words) and _listed("".join(words)):
            return Piece("".join(words), "nr", "person"), n
    word, flag = tokens[i]
    if not _han(word):
        return Piece(word, flag), 1
    if _listed(word):
        return Piece(word, "nr", "person"), 1
    title = _title(tokens, i)
    if title is not None:
        return title
    cut = _surname_cut(word)
    if cut and _given(word[cut:]) and not _word(word):
        return Piece(word, "nr", "person", cut), 1
    if len(word) == 1 and _surname_cut(word) and i + 1 < len(tokens):
        nxt = tokens[i + 1][0]
        if _han(nxt) and len(nxt) <= 2 and _given(nxt) and not _word(word + nxt):
            return Piece(word + nxt, "nr", "person", 1), 2
    return Piece(word, flag), 1


def _title(tokens: Sequence[tuple[str, str]], i: int) -> tuple[Piece, int] | None:
    """A surname and a form of address: one token (林先生) or a lone surname before it (罗|总和)."""
    word = tokens[i][0]
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    for title in TITLES:
        cut = _surname_cut(word[: -len(title)]) if word.endswith(title) else 0
        if cut and cut + len(title) == len(word):
            return Piece(word, "nr", "title", cut), 1
        if len(word) <= 2 and _surname_cut(word) == len(word) and following.startswith(title):
            return Piece(word + title, "nr", "title", len(word)), 2
    return None


def _surname_cut(word: str) -> int:
    """Characters of a known surname at the start of a 2–4 character name (0: none)."""
    known = lexicon.surnames()
    for cut in (2, 1):
        rest = len(word) - cut
        if known.get(word[:cut], 0) >= MIN_SURNAME and (rest in (1, 2) or rest == 0):
            return cut
    return 0


def _given(given: str) -> bool:
    """One or two characters that can be a given name: Han, no function characters."""
    return 1 <= len(given) <= 2 and _han(given) and not _FUNCTION.intersection(given)


def _word(text: str) -> bool:
    """Whether CC-CEDICT knows `text` as an ordinary word or a place (anything but a person)."""
    return any(not kind for _, kind in lexicon.entries(text))


def _listed(text: str) -> bool:
    """Whether CC-CEDICT lists `text` as a person and as nothing ordinary."""
    entries = lexicon.entries(text)
    return bool(entries) and any(kind for _, kind in entries) and all(
        kind or e.proper for e, kind in entries
    )


def _han(word: str) -> bool:
    """Whether every character is Han."""
    return bool(word) and len(HAN.findall(word)) == len(word)
