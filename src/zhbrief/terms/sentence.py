"""A sentence as key terms and quality checks both read it: words, Latin names and people whole."""

from __future__ import annotations

import re

from zhbrief.terms.compounds import repaired
from zhbrief.terms.names import Piece, people
from zhbrief.zh import tagged

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*\+*")


def tokens(text: str) -> list[tuple[str, str]]:
    """(word, POS) pairs; Latin names like "GPT-5" kept whole, tagged "eng"."""
    pairs: list[tuple[str, str]] = []
    start = 0
    for match in LATIN.finditer(text):
        pairs += tagged(text[start : match.start()])
        pairs.append((match.group(), "eng"))
        start = match.end()
    return pairs + tagged(text[start:])


def pieces(text: str) -> list[Piece]:
    """The sentence's pieces: the segmenter's words repaired, people whole, titles marked.

    A two-character name without a cue stays "maybe" here: only the article can settle it."""
    return people(repaired(tokens(text)))
