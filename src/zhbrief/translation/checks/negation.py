"""Negation: the source says "not" (不, 没有, 未, 无法…) and the English says nothing like it."""

from __future__ import annotations

import re

from zhbrief.translation.checks.source import Words

# Words that negate what follows, as the segmenter cuts them (无 and 非 alone: 非法 is one word).
NEGATIONS = frozenset((
    "不", "没", "没有", "未", "无", "非", "别", "勿", "不能", "不会", "无法", "不是", "未能",
    "并非", "从未", "不再", "不要", "不得", "不可", "毫无", "无需", "不必", "没能", "未曾",
    "尚未", "不足", "决不", "绝不", "切勿",
))  # fmt: skip
# English ways of saying "not": words, n't, and the few negating words translations use most.
ENGLISH_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nothing|nobody|neither|nor|without|cannot|unable|fail(?:s|ed|ure)?|"
    r"lack(?:s|ed|ing)?|refus\w*|den(?:y|ied|ies)|instead|rather|absen\w+|free|few|little|"
    r"unlikely|impossible|insufficient|inadequate|non-\w+)\b|n't|\bless than\b",
    re.IGNORECASE,
)


def lost_negation(words: Words, english: str) -> str | None:
    """The first negation word of the source when the English has no negation at all."""
    found = next((p.word for p in words if p.word in NEGATIONS), None)
    if found is None or ENGLISH_NEGATION.search(english):
        return None
    return found
