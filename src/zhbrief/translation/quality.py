"""Quality flags on a translation, how sure each is, and the note a reader sees for it.

A flag is "kind" or "kind:words of the source" (missing:4300, name:牛瑞飞). Its severity is
"high" (⚠: a likely meaning error) or "low" (worth a look), by kind, defined here only; the
precision and recall of each kind on human-rated machine translation are measured by
evaluation/flags.py and quoted in the README.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from zhbrief.translation.checks.added import added_names
from zhbrief.translation.checks.english import english_of
from zhbrief.translation.checks.names import country, date, missing_names, source_names
from zhbrief.translation.checks.negation import lost_negation
from zhbrief.translation.checks.numbers import missing_tokens
from zhbrief.translation.checks.shape import bad_length, has_loop, untranslated
from zhbrief.translation.checks.source import Name, segmented

Severity = Literal["high", "low"]
HIGH: Severity = "high"
LOW: Severity = "low"
# kind → (severity, the note; {} is the flag's words of the source)
KINDS: dict[str, tuple[Severity, str]] = {
    "empty": (HIGH, "no translation"),
    "untranslated": (HIGH, "Chinese left in the English"),
    "repetition": (HIGH, "a phrase repeats in a loop"),
    "length": (HIGH, "far too short or too long for the Chinese"),
    "missing": (HIGH, "{} is not in the English"),  # a number, date or Latin-script name
    "name": (HIGH, "the name {} is not in the English"),
    "added": (HIGH, "the English names {}, a name the Chinese does not have"),
    "country": (LOW, "{} is not named in the English"),
    "negation": (LOW, "the Chinese says {} (not) and the English has no negation"),
    # the engine's own score, far below the article's others (translation/scores.py)
    "unsure": (LOW, "the engine was far less sure of this sentence than of the rest"),
}


def quality_flags(source: str, english: str) -> tuple[str, ...]:
    """Short names of what looks wrong with a translation; () when nothing does."""
    source = unicodedata.normalize("NFKC", source)
    english = unicodedata.normalize("NFKC", english)
    if not source.strip():
        return ()
    if not english.strip():
        return ("empty",)
    flags = [
        kind
        for kind, failed in (
            ("untranslated", untranslated(english)),
            ("repetition", has_loop(english)),
            ("length", bad_length(source, english)),
        )
        if failed
    ]
    words = english_of(english)
    flags += [f"missing:{token}" for token in missing_tokens(source, english, words)]
    names = source_names(source)
    flags += [f"{_name_kind(n)}:{n.zh}" for n in missing_names(names, words)]
    flags += [f"added:{name}" for name in added_names(source, english, names)]
    negation = lost_negation(segmented(source), english)
    return (*flags, *([f"negation:{negation}"] if negation else []))


def _name_kind(name: Name) -> str:
    """The kind of flag for a missing name: a weekday or month is a missing date."""
    return "missing" if date(name) else "country" if country(name) else "name"


def kind_of(flag: str) -> str:
    """A flag's kind: its name up to the first ':'."""
    return flag.split(":", 1)[0]


def severity(flag: str) -> Severity:
    """How sure a flag is: "high" (⚠, a likely meaning error) or "low" (worth a look).

    A kind this version does not know (a flag stored by another) counts as high."""
    return KINDS.get(kind_of(flag), (HIGH, ""))[0]


def level(flags: tuple[str, ...]) -> Severity | None:
    """The mark a sentence gets: high if any flag is, low if it has only low ones, else None."""
    if not flags:
        return None
    return HIGH if any(severity(f) == HIGH for f in flags) else LOW


def note(flag: str) -> str:
    """What a flag says to a reader: "the name 牛瑞飞 is not in the English"."""
    kind, _, words = flag.partition(":")
    text = KINDS.get(kind, (HIGH, ""))[1]
    return text.format(words) if text else flag
