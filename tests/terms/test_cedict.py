"""terms.cedict: which entries name a person, and how English writes them."""

from __future__ import annotations

import pytest

from zhbrief.terms.cedict import Entry, english_name, foreign, person


def entry(pinyin: str, *senses: str, simplified: str = "某某") -> Entry:
    """An entry with these pinyin and senses."""
    return Entry(simplified, simplified, pinyin, senses)


@pytest.mark.parametrize(
    ("e", "kind", "english"),
    [
        (entry("Hu2 Jin3 tao1", "Hu Jintao (1942-), General Secretary"), "chinese", "Hu Jintao"),
        (entry("Jin1 Da4 zhong1", "Kim Dae-jung (1926-2009), president"), "foreign", "Kim Dae-jung"),
        (entry("Feng2 de2 lai2 en1", "Ursula von der Leyen (1958-), German politician"),
         "foreign", "Ursula von der Leyen"),
        (entry("Qiong2 si1", "Jones (name)"), "name", "Jones"),
        (entry("Bei3 Chao2", "Northern Dynasties (386-581)"), "", ""),
        (entry("Wei4 Jin4", "Wei (220-265) and Jin (265-420) dynasties"), "", ""),
        (entry("Hong2 jun1", "Red Army (1928-1937), predecessor of the PLA"), "", ""),
        (entry("yin2 hang2", "bank"), "", ""),
    ],
)  # fmt: skip
def test_person(e: Entry, kind: str, english: str) -> None:
    assert person(e) == kind
    assert (english_name(e) if kind else "") == english


def test_foreign_proper_nouns_are_those_whose_english_is_not_their_pinyin() -> None:
    assert foreign(entry("Lun2 dun1", "London, capital of United Kingdom"))
    assert not foreign(entry("Zhang1 zhou1", "Zhangzhou prefecture-level city in Fujian"))
    assert not foreign(entry("yin2 hang2", "bank"))
