"""CC-CEDICT senses made fit for a reader: markup and pointers removed, the one the context supports."""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhbrief.zh import HAN_RANGES

SENSES = 2  # a key term shows at most two senses
# Senses that point elsewhere or classify instead of saying what the word means.
_POINTER = re.compile(
    r"^(?:CL:|(?:old |archaic |Japanese |erhua |\(old\) |\(archaic\) )?variant of|see |see also|"
    r"also written|also pr\.|used in|abbr\. for|surname |\(name\)$|pr\. )",
    re.IGNORECASE,
)
# "汕頭市|汕头市[Shan4 tou2 Shi4]", "龍岩|龙岩", "三不朽[san1 bu4 xiu3]", "立德" inside a sense
_REFERENCE = re.compile(rf"(?:[{HAN_RANGES}·]+\|)?[{HAN_RANGES}·]+(?:\[[^\]]*\])?|\[[^\]]*\]")
_NOTE = re.compile(r"\((?:[^()]*\b(?:variant|also written|also pr\.|see|CL:)[^()]*)\)", re.I)
_TAIL = re.compile(
    r"[,;]?\s*\b(?:see also|see|also written|also pr\.|variant (?:spelling )?of)\b.*$|[,;]?\s*\babbr\. (?:for|to)\W*$",
    re.I,
)
_SPACES = re.compile(r"\s+")
_EMPTY = re.compile(r"\(\s*[,;]?\s*\)")
_PLACE_REF = re.compile(rf"([{HAN_RANGES}]+)(?:\|([{HAN_RANGES}]+))?")
_ADMIN = re.compile(r"(?:市|县|区|省|镇|乡|州)$")


def clean(sense: str) -> str:
    """A sense without cross-references, pinyin brackets, Chinese words or variant notes."""
    if _POINTER.match(sense.strip()):
        return ""
    text = _REFERENCE.sub("", sense)
    text = _NOTE.sub("", text)
    text = _TAIL.sub("", text.replace("|", " "))
    text = _EMPTY.sub("", text)
    text = _SPACES.sub(" ", text).replace(" ,", ",").replace(" )", ")").replace("( ", "(")
    return text.strip(" ,;:")


def readable(senses: Sequence[str]) -> tuple[str, ...]:
    """The senses worth showing, cleaned, in dictionary order; "a; b" counts as two."""
    kept = [part.strip() for s in senses for part in _split(clean(s))]
    return tuple(dict.fromkeys(s for s in kept if s))


def _split(sense: str) -> list[str]:
    """A sense's near-synonyms ("trade; profession"), not splitting inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(sense):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(sense[start:i])
            start = i + 1
    return [*parts, sense[start:]]


def places(sense: str) -> tuple[str, ...]:
    """The Chinese places a sense locates its word in ("汕头", from "汕頭市|汕头市[...]")."""
    found = []
    for trad, simp in _PLACE_REF.findall(sense):
        word = simp or trad
        found.append(_ADMIN.sub("", word) if len(word) > 2 else word)
    return tuple(found)


def supported(sense: str, context: str) -> bool:
    """Whether `context` names the places a sense locates its word in (no places: yes)."""
    refs = places(sense)
    return not refs or any(ref in context for ref in refs)


def by_english(senses: Sequence[str], english: str) -> tuple[str, ...]:
    """Senses whose words occur in `english` first (most shared words first), others after."""
    if not english:
        return tuple(senses)
    said = set(re.findall(r"[a-z]+", english.lower()))

    def shared(sense: str) -> int:
        return len({w for w in re.findall(r"[a-z]+", sense.lower()) if len(w) > 2} & said)

    return tuple(sorted(senses, key=lambda s: -shared(s)))  # sorted is stable: ties keep order
