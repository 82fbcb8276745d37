"""keyterms: terms worth attention, people whole or not at all, Latin names as written."""

from __future__ import annotations

import pytest
from builders import make_article

from zhbrief.documents import Article, KeyTerm, Paragraph, Sentence
from zhbrief.keyterms import in_english, key_terms
from zhbrief.terms.reading import pinyin

BODY = (
    "Anthropic 发布了新的语言模型，OpenAI 随后推出了 GPT-5。",
    "北京大学的研究人员评估了这些语言模型的数学能力。",
    "研究人员认为，GPT-5 在数学推理上表现更好，语言模型的竞争更加激烈。",
)


def article(body: tuple[str, ...] = BODY, title: str | None = "人工智能语言模型竞赛") -> Article:
    """One paragraph of these sentences."""
    return make_article([body], title)


def terms_of(*sentences: str, k: int = 20) -> dict[str, KeyTerm]:
    """The key terms of an article of these sentences, by their Chinese."""
    return {t.zh: t for t in key_terms(make_article([sentences]), k)}


def people_of(*sentences: str) -> set[str]:
    """The terms shown as a person's name."""
    return {zh for zh, t in terms_of(*sentences).items() if t.kind == "person"}


def test_key_terms_are_deterministic() -> None:
    assert key_terms(article()) == key_terms(article())


def test_k_limits_the_number() -> None:
    assert len(key_terms(article(), k=3)) == 3
    assert key_terms(article(), k=0) == ()


def test_the_story_s_terms_come_first_and_nested_pieces_collapse() -> None:
    terms = [t.zh for t in key_terms(article())]
    assert terms[0] == "语言模型"  # a compound seen four times, glossed by no dictionary
    assert "模型" not in terms  # every 模型 of the article is inside 语言模型


def test_chinese_terms_have_tone_marked_pinyin() -> None:
    chinese = [t for t in key_terms(article(), k=8) if t.kind != "latin"]
    assert chinese
    for term in chinese:
        assert any(c in term.pinyin for c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"), term


def test_latin_names_are_listed_as_written_never_glossed() -> None:
    terms = terms_of(*BODY)
    for name in ("GPT-5", "Anthropic", "OpenAI"):
        assert terms[name] == KeyTerm(name, "", name, "latin", "latin")


GLOSSED = (
    "记者王建国报道，姚顺宇加入谷歌，人工智能人才争夺激烈。",
    "王建国说，智算是新话题，姚顺宇表示认可，北京大学也在研究智算。",
)


def test_dictionary_words_names_and_unknown_terms() -> None:
    terms = terms_of(*GLOSSED)
    assert terms["人工智能"] == KeyTerm(
        "人工智能", "réngōng zhìnéng", "artificial intelligence (AI)", "dictionary"
    )
    assert terms["北京大学"] == KeyTerm(
        "北京大学", "Běijīng Dàxué", "Peking University", "dictionary"
    )
    assert terms["姚顺宇"] == KeyTerm("姚顺宇", "Yáo Shùnyǔ", "Yao Shunyu", "name", "person")
    assert terms["王建国"] == KeyTerm("王建国", "Wáng Jiànguó", "Wang Jianguo", "name", "person")
    # not in CC-CEDICT: left for the translation model, read character by character
    assert terms["智算"] == KeyTerm("智算", "zhìsuàn", "", "engine")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("记者李明报道，会议今天开幕。", "李明"),  # surname and one character, after 记者
        ("张伟说，这项研究很重要。", "张伟"),  # surname and one character, before 说
        ("陈思远出席了开幕式并致辞。", "陈思远"),  # surname and two characters
        ("欧阳明辉在会上介绍了情况。", "欧阳明辉"),  # a compound surname
        ("司马南随后发表了评论。", "司马南"),
        ("经济学家林建国表示，市场需要时间。", "林建国"),  # 林|建国, a word, with a cue
    ],
)
def test_chinese_names_whole(sentence: str, name: str) -> None:
    assert name in people_of(sentence)


def test_an_uncued_two_character_name_counts_only_when_the_article_repeats_it() -> None:
    once = terms_of("张伟在会上发言。")
    assert "张伟" not in once  # whole or not at all: no name, and no term made of it
    assert people_of("张伟在会上发言。", "会后，张伟接受了采访。") == {"张伟"}


def test_compound_surname_reads_as_one() -> None:
    term = terms_of("欧阳明辉在会上介绍了情况。")["欧阳明辉"]
    assert (term.pinyin, term.en) == ("Ōuyáng Mínghuī", "Ouyang Minghui")


def test_foreign_name_in_pieces_is_made_whole_with_its_english() -> None:
    terms = terms_of("冯德莱恩表示，欧盟将继续支持乌克兰。")
    assert "冯德" not in terms and "莱恩" not in terms
    assert terms["冯德莱恩"].kind == "person"
    assert terms["冯德莱恩"].en == "Ursula von der Leyen"


def test_dotted_foreign_name_is_one_name() -> None:
    assert people_of("前商务部长芭芭拉·弗兰克林出席了会议。") == {"芭芭拉·弗兰克林"}


def test_famous_people_take_their_dictionary_english() -> None:
    term = terms_of("金大中总统会见了代表团。")["金大中"]
    assert (term.kind, term.en) == ("person", "Kim Dae-jung")


@pytest.mark.parametrize(
    ("sentence", "title", "english"),
    [
        ("林先生今天上午到了公司。", "林先生", "Mr. Lin"),
        ("罗总和同事们一起吃饭。", "罗总", "Luo, the boss"),
        ("王女士表示满意。", "王女士", "Ms. Wang"),
    ],
)
def test_titles_are_glossed_as_forms_of_address_not_names(
    sentence: str, title: str, english: str
) -> None:
    term = terms_of(sentence)[title]
    assert (term.kind, term.en) == ("title", english)
    assert not people_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "昨晚举行了一场盛大宴会，来宾很多。",  # 盛大宴会: tagged nr by jieba's dictionary
        "他今天上午喜欢喝咖啡。",  # 今天上午, 喝咖啡: likewise
        "这座城市的发展成就，振兴中华，努力奋斗。",
        "我们的呼声最高，高素质人才很多。",
    ],
)
def test_common_words_jieba_tags_as_names_are_never_names(sentence: str) -> None:
    assert people_of(sentence) == set()


def test_a_name_cut_by_a_dictionary_word_is_not_glossed_as_that_word() -> None:
    terms = terms_of("夏立言表示，两岸交流应当继续。")
    assert "立言" not in terms  # whole or not at all: never "to distinguish oneself..."


def test_place_sense_only_when_the_article_names_its_city() -> None:
    longfor = terms_of("龙湖集团今年的销售额增长，龙湖的新项目开工。")
    assert "Shantou" not in longfor["龙湖"].en
    shantou = terms_of("汕头市的龙湖区今年发展很快，龙湖的新项目开工。")
    assert shantou["龙湖"].en.startswith("Longhu District of Shantou")


def test_dictionary_words_the_segmenter_guessed_in_pieces_are_whole() -> None:
    terms = terms_of("台积电宣布停止向客户供应晶片。")
    assert "台积电" in terms and "台积" not in terms
    assert terms["台积电"].en.startswith("Taiwan Semiconductor Manufacturing Company")


def test_rare_verbs_and_repaired_words_carry_the_story() -> None:
    terms = terms_of(
        "美国对华为断供芯片，国产替代加速。",
        "DeepSeek用蒸馏技术训练大模型，被指反华。",
        "多家企业遭断供，国产替代和大模型成为选择。",
    )
    for word in ("断供", "国产替代", "大模型", "蒸馏", "反华"):
        assert word in terms, word
    assert "表示" not in terms


def test_the_translation_of_the_sentence_picks_the_sense() -> None:
    text = "公司的7纳米工艺进展顺利，工艺水平领先。"
    art = make_article([[text]])
    terms = key_terms(art)
    craft = next(t for t in terms if t.zh == "工艺")
    assert craft.en == "arts and crafts; industrial arts"
    english = {text: "The company's 7 nm industrial process went well."}
    chosen = next(t for t in in_english(terms, art, english) if t.zh == "工艺")
    assert chosen.en == "industrial arts; arts and crafts"
    assert in_english(terms, art, {}) == terms  # no English: dictionary order


def test_glosses_carry_no_dictionary_markup() -> None:
    terms = terms_of("汕头市的龙湖区今年发展很快，三不朽的说法流传很广。")
    for term in terms.values():
        assert not any(mark in term.en for mark in "|[]"), term


def test_traditional_article_shows_traditional_terms() -> None:
    zh, norm = "經濟學家認為，經濟發展很快。", "经济学家认为，经济发展很快。"
    traditional = Article("a.txt", "0" * 64, None, (Paragraph((Sentence(zh, norm),)),))
    terms = {t.zh: t for t in key_terms(traditional)}
    assert terms["经济学家"].shown == "經濟學家"
    assert terms["经济学家"].written == "經濟學家"


def test_single_characters_and_common_verbs_are_not_terms() -> None:
    zh = {t.zh for t in key_terms(article(), k=20)}
    assert not any(len(w) == 1 for w in zh)
    assert "发布" not in zh and "认为" not in zh


def test_empty_article_has_no_terms() -> None:
    assert key_terms(article((), title=None)) == ()


def test_readings_come_from_the_dictionary_surnames_read_as_surnames() -> None:
    assert pinyin("银行业") == "yínhángyè"  # 银行 yínháng, not yínxíng
    term = terms_of("曾国强说，他们明天出发。")["曾国强"]
    assert (term.pinyin, term.en) == ("Zēng Guóqiáng", "Zeng Guoqiang")  # not Céng


def test_pinyin_style() -> None:
    assert pinyin("北京") == "běijīng"
    assert pinyin("北京大学", proper=True) == "Běijīng Dàxué"
    assert pinyin("西安", proper=True) == "Xī'ān"
    assert pinyin("天安门") == "tiān'ānmén"


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("建筑师田申申：林达海渔广场（论坛相册户型样板间）副总裁叶璇", "林达海"),  # 林达海|渔|广场
        ("13日在北京东方君悦大酒店大宴会厅举行，为期两天。", "东方君"),  # 东方君|悦|大酒店
        ("北京大观园“顾恩思义殿-省亲别墅”侧殿科普知识展示区", "顾恩思"),  # 顾恩思|义殿
    ],
)
def test_a_name_a_place_is_named_after_is_not_a_person(sentence: str, place: str) -> None:
    assert place not in people_of(sentence)
