"""Quality flags on a translation: untranslated, looping, odd length, missing numbers or names."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from zhbrief.zh import HAN as CJK

LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.'][A-Za-z0-9]+)*")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
SOURCE_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万|月)?")
LOOP = re.compile(r"(\w{2,20}?)\1{3,}")
WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MULTIPLIERS = {"万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
SCALES = (Decimal(1), Decimal(10**3), Decimal(10**6), Decimal(10**9), Decimal(10**12))


def _number(text: str) -> Decimal | None:
    """A number written with optional thousands separators, normalised."""
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _has_loop(english: str) -> bool:
    """A word n-gram (n ≤ 4) repeated back to back, or a glued character unit repeated 4×."""
    words = re.findall(r"\w+", english.casefold())
    for n in range(1, 5):
        runs = 4 if n == 1 else 3
        for i in range(len(words) - runs * n + 1):
            if all(words[i : i + n] == words[i + k * n : i + (k + 1) * n] for k in range(runs)):
                return True
    return any(len(set(m.group(1))) > 1 for m in LOOP.finditer(english))


def _bad_length(source: str, english: str) -> bool:
    """English far too short or long: about 3 English characters per Chinese one is normal."""
    cjk = len(CJK.findall(source))
    expected = 3 * cjk + len("".join(CJK.sub("", source).split()))
    if cjk < 6:
        return False
    ratio = len("".join(english.split())) / expected
    return ratio < 0.3 or ratio > 3.0


def _rounds_to(total: Decimal, shown: Decimal) -> bool:
    """Whether `shown` is `total` at some scale, rounded to the decimals `shown` has."""
    places = Decimal(1).scaleb(min(0, shown.as_tuple().exponent))  # type: ignore[arg-type]
    return any((total / s).quantize(places) == shown for s in SCALES[1:])


def _number_said(value: Decimal, suffix: str, english: str, numbers: set[Decimal]) -> bool:
    """Whether the English carries a source number: digits, 亿/万 rescaled, a word or a month."""
    total = value * MULTIPLIERS.get(suffix, Decimal(1))
    if ({value} | {(total / s).normalize() for s in SCALES}) & numbers:
        return True
    if suffix in ("万", "亿", "万亿") and any(_rounds_to(total, n) for n in numbers):
        return True  # 1993.03万 → "19.93 million"
    words = set(re.findall(r"[a-z]+", english.casefold()))
    if suffix == "月" and value in range(1, 13):
        month = MONTHS[int(value) - 1]
        return any(w.startswith(month) for w in words)
    return value in range(len(WORDS)) and WORDS[int(value)] in words


def _missing(source: str, english: str) -> list[str]:
    """Numbers and Latin tokens of the source that the English does not carry."""
    missing: list[str] = []
    latin_en = english.casefold()
    for m in LATIN.finditer(source):
        if m.group(0).casefold() not in latin_en:
            missing.append(m.group(0))
    en_numbers = {n for n in map(_number, NUMBER.findall(LATIN.sub(" ", english))) if n is not None}
    for m in SOURCE_NUMBER.finditer(LATIN.sub(" ", source)):
        value = _number(m.group(1))
        if value is not None and not _number_said(value, m.group(2) or "", english, en_numbers):
            missing.append(m.group(1))
    return list(dict.fromkeys(missing))


def quality_flags(source: str, english: str) -> tuple[str, ...]:
    """Short names of what looks wrong with a translation; () when nothing does."""
    source = unicodedata.normalize("NFKC", source)
    english = unicodedata.normalize("NFKC", english)
    if not source.strip():
        return ()
    if not english.strip():
        return ("empty",)
    flags = []
    if CJK.search(english):
        flags.append("untranslated")
    if _has_loop(english):
        flags.append("repetition")
    if _bad_length(source, english):
        flags.append("length")
    flags += [f"missing:{token}" for token in _missing(source, english)]
    return tuple(flags)
