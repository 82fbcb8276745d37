"""Subheadings: short unfinished lines or lone questions between paragraphs."""

from __future__ import annotations

import pytest

from zhbrief.ingest.headings import heading_flags

PROSE = "据了解，这家公司今年为顶级研究员开出的薪酬方案最高可达数亿美元。"
MORE = "有投资人表示，这场争夺战的结果将决定未来几年谁能率先推出下一代模型。"


@pytest.mark.parametrize(
    "line",
    [
        "悄然打响的技术暗战",
        "为何频频与华开战?",
        "为何频频与华开战？",
        "一、AI人才的流动",
        "Meta的新实验室",
    ],
)
def test_short_unfinished_line_or_lone_question_between_paragraphs(line: str) -> None:
    assert heading_flags((PROSE, line, MORE)) == (False, True, False)


@pytest.mark.parametrize(
    "line",
    [
        "他说，这是最后一次。",  # a sentence
        "记者：周文",  # a label
        "“技术没有国界”",  # a quote fragment
        "双方的分歧集中在数据使用政策以及研究成果的开放程度上面还有很多",  # too long
        "他问：为什么？还有吗？",  # two questions
        "2025",  # no words
    ],
)
def test_sentences_labels_quotes_and_long_lines_are_not_headings(line: str) -> None:
    assert heading_flags((PROSE, line, MORE)) == (False, False, False)


def test_first_and_last_lines_are_never_headings() -> None:
    assert heading_flags(("作者 周文", PROSE, "编辑 王五")) == (False, False, False)


def test_a_run_of_short_lines_is_a_list_not_headings() -> None:
    lines = (PROSE, "大米一百克", "红枣六颗", "黑芝麻二十克", MORE)
    assert heading_flags(lines) == (False,) * 5


def test_heading_needs_prose_after_it() -> None:
    assert heading_flags((PROSE, "悄然打响的技术暗战", "完")) == (False, False, False)


@pytest.mark.parametrize(
    "line", ["中新财经记者 夏宾", "新华社评论员", "一位卡赫拉曼马拉什的男子抱着他刚刚获救的猫"]
)
def test_bylines_and_long_unpunctuated_captions_are_not_headings(line: str) -> None:
    assert heading_flags((PROSE, line, MORE)) == (False, False, False)
