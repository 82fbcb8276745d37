"""glossary: CC-CEDICT senses and readings, tone marks, names."""

from __future__ import annotations

import pytest

from zhbrief.glossary import Gloss, lookup, name_parts, plain


@pytest.mark.parametrize(
    ("word", "syllables", "first_sense"),
    [
        ("人工智能", ("rén", "gōng", "zhì", "néng"), "artificial intelligence (AI)"),
        ("银行", ("yín", "háng"), "bank"),
        ("女儿", ("nǚ", "ér"), "daughter"),
        ("北京大学", ("Běi", "jīng", "Dà", "xué"), "Peking University"),
    ],
)
def test_known_words_have_their_reading_and_first_sense(
    word: str, syllables: tuple[str, ...], first_sense: str
) -> None:
    gloss = lookup(word)
    assert gloss is not None
    assert gloss.syllables == syllables and gloss.senses[0] == first_sense


def test_at_most_two_senses_and_no_measure_words_or_pointers() -> None:
    gloss = lookup("技术")
    assert gloss == Gloss(("jì", "shù"), ("technology", "technique"), proper=False)
    bank = lookup("银行")
    assert bank is not None and not any(s.startswith("CL:") for s in bank.senses)


def test_unknown_word_has_no_gloss() -> None:
    assert lookup("智算") is None


def test_proper_entry_preferred_for_names() -> None:
    gloss = lookup("谷歌", proper=True)
    assert gloss is not None and gloss.proper and gloss.senses[0].startswith("Google")


@pytest.mark.parametrize(
    ("word", "syllables", "parts"),
    [
        ("姚顺宇", ["yáo", "shùn", "yǔ"], ["Yáo", "Shùnyǔ"]),
        ("欧阳修", ["ōu", "yáng", "xiū"], ["Ōuyáng", "Xiū"]),
        ("李明", ["lǐ", "míng"], ["Lǐ", "Míng"]),
    ],
)
def test_name_parts(word: str, syllables: list[str], parts: list[str]) -> None:
    assert name_parts(word, syllables) == parts


def test_plain_drops_tone_marks() -> None:
    assert plain("Yáo Shùnyǔ") == "Yao Shunyu"
