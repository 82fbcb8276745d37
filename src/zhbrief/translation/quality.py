"""Quality flags on a translation: untranslated, looping, odd length, missing numbers or names."""

from __future__ import annotations

import re
import unicodedata

from zhbrief.translation.checks.added import added_names
from zhbrief.translation.checks.english import english_of
from zhbrief.translation.checks.numbers import missing_tokens
from zhbrief.translation.checks.names import missing_names, source_names
from zhbrief.zh import HAN as CJK

LOOP = re.compile(r"(\w{2,20}?)\1{3,}")


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
    words = english_of(english)
    flags += [f"missing:{token}" for token in missing_tokens(source, english, words)]
    names = source_names(source)
    flags += [f"name:{n}" for n in missing_names(names, words)]
    flags += [f"added:{n}" for n in added_names(source, english, names)]
    return tuple(flags)


def severity(flag: str) -> str:
    """How sure a flag is: "high" (⚠, a likely meaning error) or "low" (worth a look)."""
    return "high"
