"""The one place tests build articles and corpora, read output folders, and compare golden files."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from zhbrief.documents import (
    Article,
    Brief,
    KeyTerm,
    PageMeta,
    Paragraph,
    Provenance,
    Sentence,
    Translation,
)

GOLDEN = Path(__file__).parent / "golden"
NEWS = (
    "今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。",
    "业内人士表示，价格下降和充电设施改善是主要原因。",
    "北京市政府表示，今年将新建保障性住房8万套，比去年增加50%。",
)
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
        meta=PageMeta(**(meta or {})),
    )


def make_brief(
    paragraphs: Sequence[Sequence[str]],
    title: str | None = "标题",
    rel: str = "a.txt",
    english: Sequence[Sequence[str]] | None = None,
    flags: dict[int, tuple[str, ...]] | None = None,
    provenance: Provenance | None = None,
    key_terms: Sequence[KeyTerm] = (),
    summary: Sequence[int] = (0,),
    headings: Sequence[int] = (),
    created: str = "2026-03-12T08:00:00Z",
) -> Brief:
    """A Brief of these Chinese paragraphs; English "EN i" per body sentence unless given.

    `flags` maps a body sentence index to its quality flags; `headings` lists the paragraph
    indices that are subheadings.
    """
    article = make_article(paragraphs, title=title, rel=rel)
    paras = tuple(
        Paragraph(p.sentences, "heading" if i in headings else "text")
        for i, p in enumerate(article.paragraphs)
    )
    article = replace(article, paragraphs=paras, provenance=provenance or Provenance())
    flags = flags or {}
    n = iter(range(len(article.sentences)))
    texts = english or [[f"EN {next(n)}" for _ in p] for p in paragraphs]
    counter = iter(range(len(article.sentences)))
    body = tuple(
        tuple(Translation(en, flags.get(next(counter), ())) for en in para) for para in texts
    )
    return Brief(
        article=article,
        title_en=Translation(f"Title of {rel}") if title else None,
        body=body,
        summary=tuple(summary),
        key_terms=tuple(key_terms),
        model="test 1.0",
        summarizer="news",
        decoding={},
        created=created,
    )


def write_articles(
    folder: Path, count: int, name: str = "article-{i:03d}.txt", groups: int = 1
) -> Path:
    """`count` distinct articles (numbered lines: none is served by another's cache) in folder.

    `name` is formatted with the article's number `i` and its `group` (i % groups).
    """
    for i in range(count):
        body = "\n".join(f"第{i}号文章第{j}段：{line}" for j, line in enumerate(NEWS))
        path = folder / name.format(i=i, group=i % groups)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"测试文章第{i}号\n{body}\n", encoding="utf-8")
    return folder


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file zhbrief wrote for readers in an output folder (the state folder left out)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".zhbrief" not in p.parts
    }


def brief_pairs(markdown: str) -> list[tuple[str, str]]:
    """(English line, Chinese line) of each sentence of a brief's translation, as written: the
    English without its number and ★, the Chinese without its `> `."""
    lines = markdown.splitlines()
    pairs = []
    for english, chinese in itertools.pairwise(lines):
        numbered = re.match(r"\*\*\d+\.\d+\*\* (?:★ )?(.*)$", english)
        if numbered and chinese.startswith("> "):
            pairs.append((numbered[1], chinese[2:]))
    return pairs
