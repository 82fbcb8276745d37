"""Rendering: golden Markdown, escaping, front matter, index."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from builders import check_golden, make_brief, sentence
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhbrief.documents import (
    Article,
    Brief,
    Entry,
    KeyTerm,
    PageMeta,
    Paragraph,
    Provenance,
    Translation,
)
from zhbrief.errors import SourceError
from zhbrief.ingest import prepare_article
from zhbrief.output.html import render_page
from zhbrief.output.labels import sentence_labels
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
            Paragraph((s("市场为何升温？"),), kind="heading"),
            Paragraph((s("- 这也不是列表*强调*"), s("[链接](http://x)"))),
        ),
        meta=PageMeta(date="2026-03-12", site="示例网"),
        provenance=Provenance(
            url="https://news.example.cn/a (1).html",
            site="示例网",
            author="李明",
            published="2026-03-12",
        ),
    )
    return Brief(
        article=article,
        title_en=Translation("New energy vehicle sales hit a record"),
        body=(
            (
                Translation("Sales of new energy vehicles grew 50%."),
                Translation("# Not a title <script>"),
            ),
            (Translation("Why is the market heating up?", ("missing:9",)),),
            (Translation("- Not a list *bold*", ("length",)), Translation("[link](http://x)")),
        ),
        summary=(0, 4),
        key_terms=(
            KeyTerm("新能源", "xīnnéngyuán", "new energy", "dictionary"),
            KeyTerm("李明", "Lǐ Míng", "Li Ming", "name", "person"),
            KeyTerm("智算", "zhìsuàn", "smart computing"),
            KeyTerm("林先生", "Lín xiānshēng", "Mr. Lin", "name", "title"),
            KeyTerm("GPT-5", "", "GPT-5", "latin", "latin"),
        ),
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
        "### Why is the market heating up? [⚠](#note-2-1)",
        "## Quality notes",
    ]
    assert "<script>" not in text
    assert r"\<script\>" in text


def test_every_character_of_the_body_survives_unescaping() -> None:
    brief = sample_brief()
    text = render_brief(brief).replace("\\", "")
    for one in brief.article.sentences:
        assert f"\n> {one.zh}\n" in text


def test_flagged_sentence_is_marked() -> None:
    text = render_brief(sample_brief())
    assert "**3.1** \\- Not a list \\*bold\\* [⚠](#note-3-1)\n" in text
    note = "far too short or too long for the Chinese"
    assert f'- <a id="note-3-1"></a>**3.1** ⚠ “\\- 这也不是列表\\*强调\\*”: {note}\n' in text
    assert "flagged: 2" in text


def test_every_warning_links_to_one_note_that_quotes_its_sentence() -> None:
    brief = sample_brief()
    brief = replace(brief, title_en=Translation("New energy", ("length",)))
    text = render_brief(brief)
    targets = re.findall(r"\[⚠\]\(#(note-[\w-]+)\)", text)
    assert sorted(set(targets)) == ["note-2-1", "note-3-1", "note-title"]
    notes = text.split("## Quality notes", 1)[1]
    for target in set(targets):
        assert notes.count(f'<a id="{target}"></a>') == 1
    note = "far too short or too long for the Chinese"
    assert f'<a id="note-title"></a>**title** ⚠ “新能源汽车销量创新高”: {note}' in notes
    assert '<a id="note-2-1"></a>**2.1** ⚠ “市场为何升温？”: 9 is not in the English' in notes
    # each link, each note, and the keys of two sections
    assert text.count("⚠") == text.count("[⚠](#") + len(set(targets)) + 2


def test_a_sentence_worth_a_look_gets_the_soft_mark_and_a_worse_flag_wins() -> None:
    brief = sample_brief()
    soft = Translation("Sales grew 50%.", ("country:美国",))
    both = Translation("- Not a list *bold*", ("country:美国", "name:李明"))
    body = ((soft, brief.body[0][1]), brief.body[1], (both, brief.body[2][1]))
    text = render_brief(replace(brief, body=body))
    assert "**1.1** ★ Sales grew 50%. [△](#note-1-1)\n" in text
    assert "**3.1** \\- Not a list \\*bold\\* [⚠](#note-3-1)\n" in text
    notes = text.split("## Quality notes", 1)[1]
    assert (
        "**1.1** △ “今年前三季度，新能源汽车销量增长50%。”: 美国 is not named in the English\n"
        in notes
    )
    assert "is not named in the English; the name 李明 is not in the English\n" in notes


def test_provenance_in_front_matter_and_under_the_title() -> None:
    text = render_brief(sample_brief())
    fields = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
    assert fields["url"] == "https://news.example.cn/a (1).html"
    assert (fields["site"], fields["author"], fields["published"]) == (
        "示例网",
        "李明",
        "2026-03-12",
    )
    assert fields["source"] == "news/市场.txt"
    line = "示例网 · 李明 · 2026-03-12 · [original](https://news.example.cn/a%20%281%29.html)"
    assert f"> 新能源汽车销量创新高\n\n{line}\n\n## Summary" in text


def test_summary_sentences_are_starred_in_the_translation() -> None:
    text = render_brief(sample_brief())
    translation = text.split("## Translation", 1)[1]
    starred = re.findall(r"^\*\*([\d.]+)\*\* ★", translation, re.M)
    assert starred == ["1.1", "3.2"]
    assert "- **1.1** Sales" in text and "- **3.2** \\[link\\]" in text


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


def test_index_groups_by_publication_day_then_processing_day() -> None:
    def entry(name: str, created: str, published: str = "") -> Entry:
        return Entry(
            f"{name}.md", f"{name}.txt", f"Title {name}", f"标题{name}", (f"First {name}.",), (),
            created, site="示例网" if published else "", published=published,
        )  # fmt: skip

    entries = [
        entry("a", "2026-03-12T08:00:00Z", "2025-10-05"),
        entry("b", "2026-03-12T08:00:00Z"),
        entry("c", "2026-03-10T08:00:00Z", "2025-10-05"),
        entry("d", "2026-03-12T09:00:00Z", "2025-10-07"),
    ]
    assert render_index(entries) == (
        "# zhbrief index\n\n"
        "## 2026-03-12\n\n- [Title b](b.md) · 标题b — First b.\n\n"
        "## 2025-10-07\n\n- [Title d](d.md) · 示例网 · 标题d — First d.\n\n"
        "## 2025-10-05\n\n- [Title a](a.md) · 示例网 · 标题a — First a.\n"
        "- [Title c](c.md) · 示例网 · 标题c — First c.\n"
    )


UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
WORDS = st.text(
    alphabet=list("中文新闻发展经济说明市场技术人才AZaz09 -*#>"), min_size=1, max_size=12
)
ENDS = st.sampled_from(["。", "！", "？", "?", "；", "", "，", "”", "。”"])
LINES = st.lists(
    st.lists(st.tuples(WORDS, ENDS).map("".join), min_size=1, max_size=4).map("".join),
    min_size=1,
    max_size=8,
)


def translation_units(markdown: str) -> list[tuple[str, str]]:
    """(line before, unescaped Chinese) for every blockquote of ## Translation."""
    section = markdown.split("\n## Translation\n", 1)[1].split("\n## Quality notes\n", 1)[0]
    lines = section.split("\n")
    return [
        (lines[i - 1], UNESCAPE.sub(r"\1", line[2:]))
        for i, line in enumerate(lines)
        if line.startswith("> ")
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_every_body_sentence_appears_once_in_the_translation_beside_its_english(
    lines: list[str],
) -> None:
    try:
        article = prepare_article("\n".join(["标题", *lines]).encode(), "a.txt")
    except SourceError:
        return  # nothing left to brief: refused, never rendered
    body = tuple(
        tuple(Translation(f"EN {i}.") for i, _ in enumerate(p.sentences))
        for p in article.paragraphs
    )
    brief = replace(sample_brief(), article=article, body=body, summary=(), title_en=None)
    units = translation_units(render_brief(brief))
    expected: list[tuple[str, str]] = []
    label = iter(sentence_labels(brief))
    for para in article.paragraphs:
        names = [next(label) for _ in para.sentences]
        if para.kind == "heading":
            expected.append(("", para.zh))
            continue
        expected += [
            (f"**{n}** EN {i}.", s.zh)
            for i, (n, s) in enumerate(zip(names, para.sentences, strict=True))
        ]
    assert units == expected


def test_a_source_read_with_replaced_bytes_says_so_in_its_quality_notes() -> None:
    clean = make_brief([["第一句。"]])
    assert "## Quality notes" not in render_brief(clean)
    brief = replace(clean, article=replace(clean.article, replaced=3, encoding="gb18030"))
    note = "3 invalid byte sequences for its encoding (gb18030)"
    markdown = render_brief(brief)
    assert "## Quality notes" in markdown and note in markdown
    assert "marks a sentence" not in markdown  # no flagged sentence: only the decoding note
    page = render_page(brief, "a.html")
    assert "Quality notes" in page and note in page
