"""Subheadings: short lines between paragraphs that name a section rather than say something."""

from __future__ import annotations

import re

from zhbrief.ingest.title import display_length

HEADING_MAX = 18  # display units; longer unfinished lines are more often photo captions
# A line ending like this is (part of) a sentence, not a heading.
_NOT_HEADING_END = "。；，、：…;,:”’」』）)》〉]"
_QUESTION_END = "？?"
_SENTENCE_END = re.compile(r"[。！？!?；;]")
_OPENING = "“‘「『\"'（(【[《<-—*·•"
_WORDS = re.compile(r"[^\W\d_]")
# a byline or a credit is short and unpunctuated too ("中新财经记者 夏宾", "新华社评论员")
_BYLINE = re.compile(
    r"[记記]者|[编編][辑輯]|作者|[评評][论論][员員]|通[讯訊][员員]|特[约約]|[摄攝]影|[摄攝]$|"
    r"[图圖][自源]|[来來]源|供[图圖]|出品"
)


def heading_flags(paragraphs: tuple[str, ...]) -> tuple[bool, ...]:
    """Which body paragraphs are subheadings: a short unfinished line, or a lone question,
    with prose after it and something before it; a run of short lines is a list, not headings.
    """
    short = [_heading_shaped(p) for p in paragraphs]
    flags = []
    for i, shaped in enumerate(short):
        inside = 0 < i < len(paragraphs) - 1
        flags.append(
            shaped
            and inside
            and not short[i - 1]
            and _is_prose(paragraphs[i + 1] if inside else "")
        )
    return tuple(flags)


def _heading_shaped(line: str) -> bool:
    """Short, not a fragment of a quote or a label, ending without sentence punctuation
    (or a single question)."""
    if display_length(line) > HEADING_MAX or len(_WORDS.findall(line)) < 2:
        return False
    if line[0] in _OPENING or "：" in line or ":" in line or _BYLINE.search(line):
        return False
    if line[-1] in _QUESTION_END:
        return not _SENTENCE_END.search(line[:-1])
    return line[-1] not in _NOT_HEADING_END and not _SENTENCE_END.search(line)


def _is_prose(line: str) -> bool:
    """Whether a line reads as a paragraph: longer than a heading, with a sentence end."""
    return display_length(line) > HEADING_MAX // 2 and bool(_SENTENCE_END.search(line))
