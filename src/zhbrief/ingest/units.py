"""Units of an article that are never a summary sentence: list items, steps, bylines, captions..."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from zhbrief.ingest.shape import (
    AGENCY_DATELINE,
    BYLINE_START,
    CAPTION_START,
    CLOSERS,
    OPENER,
    ends_sentence,
    furniture_rule,
)
from zhbrief.zh import HAN


@dataclass(frozen=True, slots=True)
class UnitRule:
    """A named kind of sentence that is never a summary.

    kind "start": the sentence (stripped, as given or in NFKC) starts with the pattern;
    kind "search": the pattern occurs anywhere in it.
    """

    name: str
    pattern: re.Pattern[str]
    kind: Literal["start", "search"] = "start"


_NUMERAL = r"[一二三四五六七八九十]{1,3}"
_LABELS = r"原料|材料|配料|主料|辅料|食材|用料|调料|做法|制作方法|制法|步骤|方法步骤"
_BRACKETED = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
MIN_HAN = 10  # Han characters a summary sentence needs, once datelines and brackets are gone

# fmt: off
UNIT_RULES: tuple[UnitRule, ...] = (
    UnitRule("list_item", re.compile(r"\d{1,3}\s*[、)）]|\d{1,3}\s*\.(?!\d)")),  # 1、 2) 3.
    UnitRule("list_item", re.compile(rf"[（(]\s*(?:{_NUMERAL}|\d{{1,3}})\s*[）)]")),  # （一） (1)
    UnitRule("list_item", re.compile(rf"{_NUMERAL}\s*[、.]")),  # 一、
    UnitRule("list_item", re.compile(r"[\u2460-\u24ff\u2776-\u2793\u3220-\u3229\u3280-\u3289]")),  # ① ⑴ ❶ ㈠
    UnitRule("list_item", re.compile(rf"[第其](?:{_NUMERAL}|\d{{1,3}})\s*[，,、:]")),  # 第一， 其二、
    UnitRule("list_item", re.compile(r"[•·▪◦●○■□◆◇▲△▼★☆►▶✔✓→\-*]")),  # bullets
    UnitRule("step", re.compile(rf"(?:{_LABELS})\s*:"), "search"),  # 原料： 做法：
    UnitRule("step", re.compile(rf"步骤|第(?:{_NUMERAL}|\d{{1,2}})步")),
    # two separators make three cells; written to scan each sentence once (no nested repeats)
    UnitRule("table_row", re.compile(r"[|\t][^|\t]*[|\t]"), "search"),  # a|b|c, tabs
    UnitRule("table_row", re.compile(r"\S\s{2,}\S+\s{2,}\S"), "search"),  # columns by spaces
    UnitRule("byline", BYLINE_START),
    UnitRule("caption", CAPTION_START),
    # the attribution of a quotation, cut from it: 林若溪在声明中这样写道。
    UnitRule("quote_fragment", re.compile(r"[^,。:]{0,16}(?:写道|说道|这样说|如是说|这样表示)[。.!]?$")),
)
# fmt: on


def _nfkc(text: str) -> str:
    """NFKC and stripped: full-width colons, slashes and digits as ASCII."""
    return unicodedata.normalize("NFKC", text).strip()


def han_chars(text: str) -> int:
    """Han characters of a sentence once brackets and a leading dateline are removed."""
    return _core_han(_nfkc(text))


def _core_han(normal: str) -> int:
    """han_chars of a sentence already in NFKC."""
    return len(HAN.findall(AGENCY_DATELINE.sub("", _BRACKETED.sub("", normal), count=1)))


def is_quote_fragment(text: str) -> bool:
    """True when the sentence opens or closes a quotation it does not finish: part of a sentence."""
    return text.count("“") != text.count("”") or text.count("「") != text.count("」")


def sentence_rule(text: str) -> str | None:
    """The name of the rule that makes this sentence never a summary, or None."""
    t = _nfkc(text)
    raw = text.strip()  # NFKC turns ① into 1: markers are looked for in both forms
    for rule in UNIT_RULES:
        find = rule.pattern.match if rule.kind == "start" else rule.pattern.search
        if find(t) or find(raw):
            return rule.name
    if OPENER.fullmatch(raw):  # a byline or dateline split off the sentence it opened
        return "dateline" if AGENCY_DATELINE.match(raw) else "byline"
    furniture = furniture_rule(raw)
    if furniture is not None:  # a prompt, credit or notice left inside a paragraph
        return furniture.name
    short = _core_han(t) < MIN_HAN
    if short and AGENCY_DATELINE.match(t):
        return "dateline"
    if is_quote_fragment(t):
        return "quote_fragment"
    return "short" if short else None


def _shape(line: str) -> str | None:
    """The shape a list line shares with its siblings: its marker, a label, or a short line."""
    t = _nfkc(line)
    for number, rule in enumerate(UNIT_RULES):
        if rule.name == "list_item" and (rule.pattern.match(t) or rule.pattern.match(line.strip())):
            return f"marker:{number}"
    if re.match(r"[^,。:;!?]{1,8}:", t):
        return "label"  # 时间： 地点： 电话：
    if len(t) <= 24 and not ends_sentence(t):
        return "short"
    return None


def list_lines(lines: Sequence[str], run: int = 3) -> frozenset[int]:
    """Indices of lines in a list: `run` or more neighbouring lines of the same shape."""
    shapes = [_shape(line) for line in lines]
    found: set[int] = set()
    start = 0
    for i in range(1, len(shapes) + 1):
        if i < len(shapes) and shapes[i] is not None and shapes[i] == shapes[start]:
            continue
        if shapes[start] is not None and i - start >= run:
            found.update(range(start, i))
        start = i
    return frozenset(found)


def is_lone_question(paragraph: Sequence[str]) -> bool:
    """A paragraph that is one short question: it asks, the article answers (never a summary)."""
    if len(paragraph) != 1:
        return False
    t = _nfkc(paragraph[0])
    return t.endswith(("?", "?”", '?"')) and len(HAN.findall(t)) <= 30


def is_unfinished_line(paragraph: Sequence[str]) -> bool:
    """A paragraph that is one short line without closing punctuation (a label, a heading)."""
    if len(paragraph) != 1:
        return False
    t = _nfkc(paragraph[0])
    closed = ends_sentence(t) or t[-1] in ":,、." + CLOSERS
    return bool(t) and not closed and len(HAN.findall(t)) <= 30


def _paragraph_rule(paragraph: Sequence[str]) -> str | None:
    """The rule a whole one-line paragraph falls under, if any."""
    if is_lone_question(paragraph):
        return "lone_question"
    return "unfinished_line" if is_unfinished_line(paragraph) else None


def excluded_units(paragraphs: Sequence[Sequence[str]]) -> dict[int, str]:
    """Sentence index (over all paragraphs) → rule name, for every sentence never a summary."""
    in_list = list_lines(["".join(p) for p in paragraphs])
    excluded: dict[int, str] = {}
    index = 0
    for p, sentences in enumerate(paragraphs):
        for text in sentences:
            rule = (
                "list_line" if p in in_list else _paragraph_rule(sentences) or sentence_rule(text)
            )
            if rule is not None:
                excluded[index] = rule
            index += 1
    return excluded
