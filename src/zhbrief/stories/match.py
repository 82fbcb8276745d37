"""Whether two texts are one story: LSH candidates, confirmed by the shingles they share.

A candidate (a brief sharing one LSH band with the new article) is the same story when
- most of the shorter text is found in the longer (`contained`: an edited copy that dropped its
  last paragraphs, or one with another site's lines around it, is still contained);
- the longer text opens as the shorter does (`opening`: of the longer text's first characters,
  as many as the shorter has and a fifth more, most are found in the shorter): a copy keeps the
  story's lead and order, while a different story that reuses the text as background, or
  quotes a statement, opens with its own;
- and the shorter text is not a small part of the longer (`covered`): a short piece is not the
  same story as a long one that only starts with it.
Thresholds measured in evaluation/stories.py (docs/stories.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from zhbrief.documents import Article
from zhbrief.stories.minhash import band_keys, signature
from zhbrief.stories.text import SHINGLE, hash32, shingles, story_text

MIN_CONTAINED = 0.6  # of the shorter text's shingles found in the longer one
MIN_OPENING = 0.3  # of the longer text's opening shingles found in the shorter one
MIN_COVERED = 0.2  # of the longer text's shingles found in the shorter one
OPENING_SLACK = 1.2  # the opening: the shorter text's length, and a fifth more
MIN_LETTERS = 40  # a shorter story text is too little to tell: a story of its own


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a story is recognised by: its text and the LSH band keys of its MinHash."""

    text: str  # stories.text.story_text
    bands: tuple[int, ...]  # empty: too short to be compared


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of two texts' shingles they share, seen from each side."""

    contained: float  # shared / the shorter text's shingles
    opening: float  # of the longer text's opening shingles, the share the shorter has
    covered: float  # shared / the longer text's shingles

    @property
    def same(self) -> bool:
        """Whether the two texts are one story."""
        return (
            self.contained >= MIN_CONTAINED
            and self.opening >= MIN_OPENING
            and self.covered >= MIN_COVERED
        )


def fingerprint(article: Article) -> Fingerprint:
    """The fingerprint of an article's story text."""
    return fingerprint_of(story_text(article))


def fingerprint_of(text: str) -> Fingerprint:
    """The fingerprint of a story text."""
    if len(text) < MIN_LETTERS:
        return Fingerprint(text, ())
    return Fingerprint(text, band_keys(signature(hash32(s) for s in shingles(text))))


def overlap(a: str, b: str) -> Overlap:
    """How much two story texts share, seen from the shorter and from the longer."""
    return overlap_of(a, shingles(a), b, shingles(b))


def overlap_of(a: str, sa: frozenset[str], b: str, sb: frozenset[str]) -> Overlap:
    """The overlap of two story texts whose shingle sets (stories.text.shingles) are given."""
    if not sa or not sb:
        return Overlap(0.0, 0.0, 0.0)
    short, s_short, long, s_long = (a, sa, b, sb) if len(sa) <= len(sb) else (b, sb, a, sa)
    shared = len(s_short & s_long)
    opening = shingles(long[: int(len(short) * OPENING_SLACK) + SHINGLE])
    return Overlap(
        shared / len(s_short), len(opening & s_short) / len(opening), shared / len(s_long)
    )


def story_id(rel: str, sha256: str) -> str:
    """The id of a brief (its source and the content it was made from), 12 hex digits."""
    return hashlib.sha256(f"{rel}\n{sha256}".encode()).hexdigest()[:12]
