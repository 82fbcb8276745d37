"""The one place tests build articles and compare golden files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from zhbrief.documents import Article, Paragraph, Sentence

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ZHBRIEF_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME byte for byte; ZHBRIEF_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def sentence(text: str) -> Sentence:
    """A sentence whose original and Simplified forms are the same text."""
    return Sentence(text, text)


def make_article(
    paragraphs: Sequence[Sequence[str]],
    title: str | None = None,
    rel: str = "a.txt",
    meta: dict[str, str] | None = None,
) -> Article:
    """An Article of these paragraphs of sentences (zh and norm the same text)."""
    return Article(
        rel=rel,
        sha256="0" * 64,
        title=sentence(title) if title else None,
        paragraphs=tuple(Paragraph(tuple(map(sentence, p))) for p in paragraphs),
        meta=meta or {},
    )
