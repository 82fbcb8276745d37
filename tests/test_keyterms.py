"""keyterms: jieba TF-IDF nouns and names with pinyin; Latin names kept; quiet jieba."""

from __future__ import annotations

import logging

from builders import make_article

from zhbrief.documents import Article, KeyTerm
from zhbrief.keyterms import key_terms, pinyin
from zhbrief.zh import quiet_jieba

BODY = (
    "Anthropic 发布了新的语言模型，OpenAI 随后推出了 GPT-5。",
    "北京大学的研究人员评估了这些语言模型的数学能力。",
    "研究人员认为，GPT-5 在数学推理上表现更好，语言模型的竞争更加激烈。",
)


def article(body: tuple[str, ...] = BODY, title: str | None = "人工智能语言模型竞赛") -> Article:
    """One paragraph of these sentences."""
    return make_article([body], title)


def test_key_terms_are_deterministic() -> None:
    assert key_terms(article()) == key_terms(article())


def test_k_limits_the_number() -> None:
    assert len(key_terms(article(), k=3)) == 3
    assert key_terms(article(), k=0) == ()


def test_most_frequent_noun_comes_first_among_chinese_terms() -> None:
    chinese = [t for t in key_terms(article()) if t.pinyin]
    assert chinese[0] == KeyTerm("模型", "móxíng", "model; mold", "dictionary")


def test_chinese_terms_have_tone_marked_pinyin() -> None:
    chinese = [t for t in key_terms(article(), k=8) if not t.zh.isascii()]
    assert chinese
    for term in chinese:
        assert any(c in term.pinyin for c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"), term


def test_latin_names_are_kept_whole_as_their_own_english() -> None:
    terms = {t.zh: t for t in key_terms(article(), k=10)}
    for name in ("GPT-5", "Anthropic", "OpenAI"):
        assert terms[name] == KeyTerm(zh=name, pinyin="", en=name, gloss_source="latin")


GLOSSED = (
    "记者王建国报道，姚顺宇加入谷歌，人工智能人才争夺激烈。",
    "王建国说，智算是新话题，姚顺宇表示认可，北京大学也在研究智算。",
)


def test_dictionary_words_names_and_unknown_terms() -> None:
    terms = {t.zh: t for t in key_terms(article(GLOSSED, title="人工智能人才争夺"), k=12)}
    assert terms["人工智能"] == KeyTerm(
        "人工智能", "réngōng zhìnéng", "artificial intelligence (AI)", "dictionary"
    )
    assert terms["北京大学"] == KeyTerm(
        "北京大学", "Běijīng Dàxué", "Peking University", "dictionary"
    )
    assert terms["姚顺宇"] == KeyTerm("姚顺宇", "Yáo Shùnyǔ", "Yao Shunyu", "name")
    assert terms["王建国"] == KeyTerm("王建国", "Wáng Jiànguó", "Wang Jianguo", "name")
    # not in CC-CEDICT: left for the translation model, with pypinyin's reading
    assert terms["智算"] == KeyTerm("智算", "zhìsuàn", "", "engine")


def test_single_characters_and_verbs_are_not_terms() -> None:
    zh = {t.zh for t in key_terms(article(), k=20)}
    assert not any(len(w) == 1 for w in zh)
    assert "发布" not in zh and "认为" not in zh


def test_empty_article_has_no_terms() -> None:
    assert key_terms(article((), title=None)) == ()


def test_pinyin_style() -> None:
    assert pinyin("北京") == "běijīng"
    assert pinyin("北京大学", proper=True) == "Běijīng Dàxué"
    assert pinyin("西安", proper=True) == "Xī'ān"
    assert pinyin("天安门") == "tiān'ānmén"


def test_quiet_jieba_is_idempotent_and_silences_the_logger() -> None:
    first = quiet_jieba()
    assert quiet_jieba() is first
    assert logging.getLogger("jieba").level == logging.WARNING
    assert first.dt.tmp_dir
