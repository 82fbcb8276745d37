"""Numbers, dates and Latin-script names of the source, and whether the English carries them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from zhbrief.translation.checks.english import English

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.'][A-Za-z0-9]+)*")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# a number, "more than" (余, 多) and a scale or a month: 500余万 is "more than 5 million"
SOURCE_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*[余多]?\s*(万亿|亿|万|月)?")
_SEPARATORS = re.compile(r"[\W_]+")
# 2023-02-11: the middle number is a month
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
)  # fmt: skip
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MULTIPLIERS = {"万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
SCALES = (Decimal(1), Decimal(10**3), Decimal(10**6), Decimal(10**9), Decimal(10**12))


def missing_tokens(source: str, english: str, words: English) -> list[str]:
    """Numbers and Latin tokens of the source that the English does not carry, each once."""
    missing = [m.group(0) for m in LATIN.finditer(source) if not _latin_said(m.group(0), english)]
    numbers = {n for n in map(_number, NUMBER.findall(english)) if n is not None}
    source = ISO_DATE.sub(r"\1年\2月\3日", LATIN.sub(" ", source))
    for m in SOURCE_NUMBER.finditer(source):
        value = _number(m.group(1))
        if value is not None and not _number_said(value, m.group(2) or "", words, numbers):
            missing.append(m.group(1))
    return list(dict.fromkeys(missing))


def _latin_said(token: str, english: str) -> bool:
    """Whether a Latin token is in the English, as written or with its spaces or hyphens lost
    ("EdalatAli" is "Edalat Ali": the MQM source has no spaces)."""
    if token.casefold() in english.casefold():
        return True
    return _SEPARATORS.sub("", token.casefold()) in _SEPARATORS.sub("", english.casefold())


def _number(text: str) -> Decimal | None:
    """A number written with optional thousands separators, normalised."""
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _rounds_to(total: Decimal, shown: Decimal) -> bool:
    """Whether `shown` is `total` at some scale, rounded to the decimals `shown` has."""
    places = Decimal(1).scaleb(min(0, shown.as_tuple().exponent))  # type: ignore[arg-type]
    return any((total / s).quantize(places) == shown for s in SCALES[1:])


def _number_said(value: Decimal, suffix: str, words: English, numbers: set[Decimal]) -> bool:
    """Whether the English carries a source number: digits, 亿/万 rescaled, a word or a month."""
    total = value * MULTIPLIERS.get(suffix, Decimal(1))
    if ({value} | {(total / s).normalize() for s in SCALES}) & numbers:
        return True
    if suffix in MULTIPLIERS and any(_rounds_to(total, n) for n in numbers):
        return True  # 1993.03万 → "19.93 million"
    if suffix == "月" and value in range(1, 13):
        month = MONTHS[int(value) - 1]
        return any(w.startswith(month) for w in words.words)
    return value in range(len(WORDS)) and WORDS[int(value)] in words.words
