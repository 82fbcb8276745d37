"""Tests for zhbrief.translation.quality: names, dates, negation, severity and notes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhbrief.translation.quality import KINDS, kind_of, level, note, quality_flags, severity

SUMMIT = "欧盟委员会主席冯德莱恩表示，欧盟领导人同意出台更严格的政策。"


@pytest.mark.parametrize(
    ("source", "english", "flags"),
    [
        # CC-CEDICT's English for a name, as written, glued or as an adjective
        (SUMMIT, "Commission President Ursula von der Leyen said EU leaders agreed.", ()),
        (
            SUMMIT,
            "Commission President Jean-Claude Juncker said EU leaders agreed.",
            ("name:冯德莱恩",),
        ),
        ("德国之声报道了地震。", "German broadcaster Deutsche Welle reported the quake.", ()),
        ("河南省规范种植牙价格-中新网", "Henan regulates implant prices - Chinanews.com", ()),
        ("河南省规范种植牙价格-中新网", "Henan regulates implant prices", ("name:中新网",)),
        # a person CC-CEDICT lacks: surname and given name in pinyin, both
        ("【特派记者牛瑞飞】据法新社报道", "[Special correspondent Niu Ruifei] AFP reported", ()),
        (
            "【特派记者牛瑞飞】据法新社报道",
            "[Special correspondent Liu Ruifei] AFP reported",
            ("name:牛瑞飞", "added:Liu Ruifei"),
        ),
        ("打算买房的郑女士说", "Ms. Zheng, who plans to buy a flat, said", ()),
        ("打算买房的郑女士说", "Ms. Liu, who plans to buy a flat, said", ("name:郑女士",)),
        ("吕玲是位单亲妈妈。", "Lu Ling is a single mother.", ()),
    ],
)
def test_names_of_the_source_must_be_in_the_english(
    source: str, english: str, flags: tuple[str, ...]
) -> None:
    assert quality_flags(source, english) == flags


@pytest.mark.parametrize(
    ("source", "english"),
    [
        # a piece of a foreign name that CC-CEDICT also knows as a place (赫拉, 莱西)
        ("一位卡赫拉曼马拉什的男子抱着他的猫", "A man from Kahramanmaras holds his cat"),
        ("莱西的强硬派政府面临挑战", "Raisi's hardline government faces a challenge"),
        # a Japanese name cut after its first half is not a Chinese name
        ("日本经济产业大臣西村康稔出席论坛。", "Japan's minister Yasutoshi Nishimura attended."),
        # 日电 after a date is the dateline, not NEC
        ("新华社北京2月11日电", "BEIJING, Feb. 11 (Xinhua)"),
        # jieba glues 语 to an unknown name: 宋涛语 is Song Tao's words
        ("夏立言访中传达宋涛语", "Xia Liyan conveys Song Tao's message"),
        # 香港 is spelt "Hong Kong", which reads like a pinyin name
        ("香港经济再受打击", "Hong Kong's economy is hit again"),
    ],
)
def test_what_only_looks_like_a_name_is_not_flagged(source: str, english: str) -> None:
    assert quality_flags(source, english) == ()


def test_a_name_the_english_adds_is_flagged() -> None:
    source = "记者从郑州大学第一附属医院了解到，价格大概要一万多元。"
    good = "The reporter learned from the First Affiliated Hospital of Zhengzhou University"
    assert quality_flags(source, good + " that it costs over 10,000 yuan.") == ()
    wrong = "The reporter learned from the University of Yangzhou First Affiliated Hospital"
    assert "added:Yangzhou" in quality_flags(source, wrong + " that it costs over 10,000 yuan.")
    person = quality_flags("国民党副主席会见宋涛。", "The KMT vice chairman met Liu Bei.")
    assert person == ("name:宋涛", "added:Liu Bei")


@pytest.mark.parametrize(
    ("source", "english", "flags"),
    [
        ("目前尚有500余万的供给缺口。", "There is still a gap of more than 5 million.", ()),
        (
            "目前尚有500余万的供给缺口。",
            "There is still a gap of more than 50 million.",
            ("missing:500",),
        ),
        ("2023-02-11 13:07 来源：新华社", "February 11, 2023 13:07 Source: Xinhua", ()),
        ("“90后”女生芳芳", 'Fangfang, a "post-90s" girl', ()),
        ("图书馆自下月起周六开放", "The library opens on Saturdays from next month", ()),
        ("图书馆自下月起周六开放", "The library opens from next month", ("missing:周六",)),
        ("黑客的名字是EdalatAli", 'The hackers are called "Edalat Ali"', ()),
    ],
)
def test_numbers_dates_and_latin_names(source: str, english: str, flags: tuple[str, ...]) -> None:
    assert quality_flags(source, english) == flags


def test_soft_flags_are_worth_a_look_and_a_hard_one_wins() -> None:
    country = quality_flags("美国居民的储蓄很多。", "Residents have large savings.")
    assert country == ("country:美国",) and level(country) == "low"
    negation = quality_flags(
        "冯德莱恩表示，欧盟资金不会支付这些费用。", "Von der Leyen said EU funds will pay."
    )
    assert negation == ("negation:不会",) and level(negation) == "low"
    said = "Von der Leyen said EU funds will not pay these costs."
    assert quality_flags("冯德莱恩表示，欧盟资金不会支付这些费用。", said) == ()
    assert level(("country:美国", "missing:4300")) == "high"
    assert level(()) is None


def test_every_flag_has_a_severity_and_a_note_naming_its_words() -> None:
    assert {severity(kind) for kind in KINDS} == {"high", "low"}
    assert note("name:牛瑞飞") == "the name 牛瑞飞 is not in the English"
    assert note("missing:4300") == "4300 is not in the English"
    assert note("added:Liu Bei") == "the English names Liu Bei, a name the Chinese does not have"
    assert note("length") == "far too short or too long for the Chinese"
    # a flag written by another version: shown as it is, and counted as a ⚠
    assert note("unheard:of") == "unheard:of" and severity("unheard:of") == "high"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.text(max_size=60))
def test_any_text_gets_flags_of_known_kinds(source: str, english: str) -> None:
    flags = quality_flags(source, english)
    assert all(kind_of(f) in KINDS for f in flags)
    assert len(set(flags)) == len(flags)


NAMES = {
    "冯德莱恩": "Von der Leyen",
    "中新网": "Chinanews",
    "郑州": "Zhengzhou",
    "牛瑞飞": "Niu Ruifei",
}
NAMES |= {"美国": "US", "香港": "Hong Kong", "法新社": "AFP", "国民党": "KMT"}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(sorted(NAMES)), max_size=6), st.sampled_from("，。、和与"))
def test_an_english_that_spells_every_name_lacks_none(names: list[str], glue: str) -> None:
    source = glue.join(names) + "。"
    english = ", ".join(NAMES[n] for n in reversed(names)) + "."
    assert not [f for f in quality_flags(source, english) if kind_of(f) in ("name", "country")]
