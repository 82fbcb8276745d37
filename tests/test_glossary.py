"""glossary: CC-CEDICT senses and readings, chosen by context, never with markup."""

from __future__ import annotations

import re

import pytest

from zhbrief.glossary import Gloss, lookup, person
from zhbrief.terms import cedict
from zhbrief.terms.senses import SENSES, by_english, clean, readable


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
    assert lookup("技术") == Gloss(("jì", "shù"), ("technology", "technique"), proper=False)
    bank = lookup("银行")
    assert bank is not None and not any(s.startswith("CL:") for s in bank.senses)


def test_unknown_word_has_no_gloss() -> None:
    assert lookup("智算") is None


def test_proper_entry_preferred_for_names_general_sense_otherwise() -> None:
    google = lookup("谷歌", proper=True)
    assert google is not None and google.proper and google.senses[0].startswith("Google")
    summer = lookup("夏")
    assert summer is not None and not summer.proper and summer.senses[0] == "summer"


def test_a_place_sense_needs_its_city_in_the_context() -> None:
    assert lookup("台江", True, context="贵州省黔东南州台江县的苗族姊妹节") is None
    fuzhou = lookup("台江", True, context="福州市台江区的老街")
    assert fuzhou is not None and fuzhou.senses[0] == "Taijiang district of Fuzhou city, Fujian"
    assert lookup("台江", True) is not None  # no context given: no such check


def test_the_sentence_s_english_picks_the_sense() -> None:
    assert by_english(("gauze", "to collect", "to catch"), "They catch fish") == (
        "to catch",
        "gauze",
        "to collect",
    )
    gloss = lookup("工艺", english="The 7 nm industrial process")
    assert gloss is not None and gloss.senses[0] == "industrial arts"


def test_famous_people_have_their_english_name() -> None:
    assert person("冯德莱恩") == Gloss(("Féng", "dé", "lái", "ēn"), ("Ursula von der Leyen",), True)
    assert person("胡锦涛") is not None and person("胡锦涛").senses == ("Hu Jintao",)  # type: ignore[union-attr]
    assert person("银行") is None


def test_markup_is_removed_from_a_sense() -> None:
    raw = "Longhu District of Shantou city 汕頭市|汕头市[Shan4 tou2 Shi4], Guangdong"
    assert clean(raw) == "Longhu District of Shantou city, Guangdong"
    assert clean("see also 某[mou3]") == ""
    assert clean("variant of 台[tai2]") == ""
    assert (
        clean("Petrograd, variant spelling of 聖彼得堡|圣彼得堡, Saint Petersburg") == "Petrograd"
    )


MARKUP = re.compile(
    r"[|\[\]]|\bsee also\b|\bvariant (?:spelling )?of\b|^see\b|\(\s*\)|[\u3400-\u9fff]"
)


def test_no_gloss_of_any_entry_carries_markup() -> None:
    """The property over all of CC-CEDICT: whatever a key term could show is clean."""
    checked = 0
    for entry in cedict.read(cedict.source()):
        for sense in readable(entry.senses)[:SENSES]:
            assert not MARKUP.search(sense), (entry.simplified, sense)
            checked += 1
    assert checked > 150_000
