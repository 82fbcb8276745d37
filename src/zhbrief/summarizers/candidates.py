"""Which sentences of an article may be a summary, its sections, and whether it is long."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from zhbrief.ingest.units import excluded_units

LONG_SENTENCES = 12  # an article this long, in sentences or characters, keeps its lead sentence
LONG_CHARS = 1200
MAX_CANDIDATES = 400  # bounds the selection's work on huge articles (the earliest are kept)


@dataclass(frozen=True, slots=True)
class Pool:
    """The sentences a summary may use, the section of every sentence, and the long-article lead."""

    candidates: tuple[int, ...]  # sentence indices, document order
    sections: tuple[int, ...]  # per sentence: how many headings come before it
    lead: int | None  # a long article's first real sentence, always in its summary
    headings: frozenset[int] = frozenset()  # sentence indices of subheadings: never chosen


def candidate_pool(paragraphs: Sequence[Sequence[str]], headings: Collection[int] = ()) -> Pool:
    """The pool of a paragraphed article; `headings` are indices of heading paragraphs.

    Sections start at those headings only (ingest/headings.py decides them for the brief's
    ### too), so a summary's sections and the brief's headings agree.
    """
    excluded = excluded_units(paragraphs)
    sections: list[int] = []
    candidates: list[int] = []
    heading_sentences: set[int] = set()
    section = 0
    for p, sentences in enumerate(paragraphs):
        is_heading = p in headings
        section += is_heading
        for _ in sentences:
            if is_heading:
                heading_sentences.add(len(sections))
            elif len(sections) not in excluded:
                candidates.append(len(sections))
            sections.append(section)
    texts = [t for p in paragraphs for t in p]
    lead = candidates[0] if candidates and is_long(texts) else None
    pooled = tuple(candidates[:MAX_CANDIDATES])
    return Pool(pooled, tuple(sections), lead, frozenset(heading_sentences))


def is_long(texts: Sequence[str]) -> bool:
    """A long article: at least LONG_SENTENCES sentences or LONG_CHARS characters."""
    return len(texts) >= LONG_SENTENCES or sum(map(len, texts)) >= LONG_CHARS
