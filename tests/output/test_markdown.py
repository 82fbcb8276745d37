"""Rendering: golden Markdown, escaping, front matter, index."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from builders import check_golden, sentence

from zhbrief.documents import Article, Brief, Entry, KeyTerm, Paragraph, Provenance, Translation
from zhbrief.output.markdown import brief_fields, escape_md, render_brief, render_index

s = sentence


def sample_brief() -> Brief:
    article = Article(
        rel="news/市场.txt",
        sha256="ab" * 32,
        title=s("新能源汽车销量创新高"),
        paragraphs=(
            Paragraph(
                (s("今年前三季度，新能源汽车销量增长50%。"), s("# 这不是标题<script>x</script>"))
            ),
            Paragraph((s("- 这也不是列表*强调*"), s("[链接](http://x)"))),
        ),
        meta={"date": "2026-03-12", "site": "示例网"},
    )
    return Brief(
        article=article,
        title_en=Translation("New energy vehicle sales hit a record"),
        body=(
            (
                Translation("Sales of new energy vehicles grew 50%."),
                Translation("# Not a title <script>"),
            ),
            (Translation("- Not a list *bold*", ("length",)), Translation("[link](http://x)")),
        ),
        summary=(0, 3),
        key_terms=(KeyTerm("新能源", "xīn néng yuán", "new energy"),),
        model="translate-zh_en 1.9",
        summarizer="news",
        decoding={"beam_size": 4, "compute_type": "auto", "repetition_penalty": 1.1},
        created="2026-03-12T08:00:00Z",
    )


def test_brief_matches_golden() -> None:
    check_golden("brief.md", render_brief(sample_brief()))


def test_article_markdown_cannot_change_structure() -> None:
    text = render_brief(sample_brief())
    body_lines = text.split("---\n", 2)[2].splitlines()
    headings = [line for line in body_lines if line.startswith("#")]
    assert headings == [
        "# New energy vehicle sales hit a record",
        "## Summary",
        "## Key terms",
        "## Translation",
        "## Quality notes",
    ]
    assert "<script>" not in text
    assert r"\<script\>" in text


def test_every_character_of_the_body_survives_unescaping() -> None:
    brief = sample_brief()
    text = render_brief(brief).replace("\\", "")
    for sentence in brief.article.sentences:
        assert f"\n> {sentence.zh}\n" in text


def test_flagged_sentence_is_marked() -> None:
    text = render_brief(sample_brief())
    assert "**2.1** \\- Not a list \\*bold\\* [⚠](#note-2-1)\n" in text
    assert '- <a id="note-2-1"></a>**2.1** “\\- 这也不是列表\\*强调\\*”: length\n' in text
    assert "flagged: 1" in text


def test_render_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Hash seeds differ per process: no set or dict order may leak into the brief."""
    code = (
        "import sys; sys.path[:0] = sys.argv[1:]; from test_markdown import sample_brief;"
        "from zhbrief.output.markdown import render_brief;"
        "sys.stdout.buffer.write(render_brief(sample_brief()).encode())"
    )
    here = str(Path(__file__).parent)
    outs = {
        subprocess.run(
            [sys.executable, "-c", code, here, str(Path(here).parent)],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outs == {render_brief(sample_brief()).encode()}


HOSTILE_TITLES = [
    'He said "no": and left',
    "line one\nline two",
    "---",
    "a\x7fb",
    "para\u2028graph",
    "- [ ] not a list: {x: 1}",
    "'single' & #hash",
    "yes",
    "123",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_front_matter_round_trips_through_pyyaml(title: str) -> None:
    brief = sample_brief()
    brief = replace(
        brief, title_en=Translation(title), article=replace(brief.article, title=s(title))
    )
    text = render_brief(brief)
    assert text.startswith("---\n")
    fields = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
    assert fields["title_zh"] == title
    assert fields["title"] == " ".join(title.split())
    assert fields["decoding"] == {"beam_size": 4, "compute_type": "auto", "repetition_penalty": 1.1}
    assert isinstance(fields["sentences"], int) and isinstance(fields["flagged"], int)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("# heading", r"\# heading"),
        ("1. item", r"1\. item"),
        ("> quote", r"\> quote"),
        ("a_b*c", r"a\_b\*c"),
        ("GPT-5 和 K2-0905", "GPT-5 和 K2-0905"),
        ("两行\n文字", "两行 文字"),
    ],
)
def test_escape_md(raw: str, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_index_is_newest_first_with_links_and_first_sentence() -> None:
    entries = [
        Entry(
            "a/old.md",
            "a/old.txt",
            "Old news",
            "",
            ("First old sentence.",),
            (),
            "2026-01-01T00:00:00Z",
        ),
        Entry(
            "b/new file.md",
            "b/new file.txt",
            "New news",
            "",
            ("First new sentence.",),
            (),
            "2026-02-01T00:00:00Z",
        ),
    ]
    text = render_index(entries)
    assert text.index("New news") < text.index("Old news")
    assert "## 2026-02-01\n\n- [New news](b/new%20file.md) — First new sentence.\n" in text


def test_front_matter_carries_the_url_only_when_known() -> None:
    brief = sample_brief()
    brief = replace(brief, article=replace(brief.article, provenance=Provenance()))
    assert "url" not in brief_fields(brief)
    page = Provenance(url="https://www.example.cn/news/a.html?id=3")
    with_url = replace(brief, article=replace(brief.article, provenance=page))
    text = render_brief(with_url)
    assert yaml.safe_load(text.split("\n---\n", 1)[0][4:])["url"] == page.url
