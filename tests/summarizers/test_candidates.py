"""Long articles: the candidate pool, the lead kept, sections covered, headings and lists never."""

from __future__ import annotations

import pytest
from builders import make_article

from zhbrief.documents import Article, Paragraph
from zhbrief.summarizers import NAMES as METHODS
from zhbrief.summarizers import summarize, summary_length
from zhbrief.summarizers.candidates import (
    LONG_CHARS,
    LONG_SENTENCES,
    MAX_CANDIDATES,
    candidate_pool,
    is_long,
)

LEAD = "市消费者协会昨天发布报告，今年冬季养生类食品的投诉数量比去年同期明显增加。"
# sentences on one topic, more central than the lead: without the long-article rule they win
CENTRAL = [
    f"{name}表示，冬季养生食品的价格和质量问题是消费者投诉养生食品的主要原因之一。"
    for name in ("协会负责人", "一位市民", "超市经理", "营养专家", "工商部门", "行业人士")
]
OTHER = [
    "另一方面，今年冬季羽绒服的质量抽检合格率明显提高，消费者的满意度也随之上升。",
    "羽绒服生产企业表示，今年的原材料价格比去年上涨了大约两成左右。",
]
RECIPE = [
    "红枣黑芝麻粥，原料：大米、红枣、黑芝麻。",
    "做法：1、黑芝麻下锅用小火炒香后盛出，冬季养生食品的价格和质量都要注意；",
    "2、白萝卜取中段，洗净后去皮切成1cm左右的萝卜条，备用；",
    "3、大米和红枣一起下锅，冬季养生食品的价格和质量问题也要考虑，煮成粥即可。",
]


def feature(paragraphs: list[list[str]], headings: set[int] = frozenset()) -> Article:  # type: ignore[assignment]
    """An article of these paragraphs; those in `headings` are subheadings."""
    built = make_article(paragraphs)
    return Article(
        rel="a.txt",
        sha256="0" * 64,
        title=None,
        paragraphs=tuple(
            Paragraph(p.sentences, "heading" if i in headings else "text")
            for i, p in enumerate(built.paragraphs)
        ),
    )


def chosen_texts(article: Article, n: int | None = None, method: str = "news") -> list[str]:
    """The summary sentences' texts."""
    return [article.sentences[i].norm for i in summarize(article, method, n=n)]


def test_long_article_keeps_its_lead_sentence() -> None:
    article = feature([[LEAD], CENTRAL, CENTRAL])
    assert is_long([s.norm for s in article.sentences])
    assert LEAD in chosen_texts(article, n=3)


def test_short_article_may_drop_its_lead() -> None:
    article = feature([[LEAD], CENTRAL[:3]])
    assert not is_long([s.norm for s in article.sentences])
    assert LEAD not in chosen_texts(article, n=1)


def test_lead_is_the_first_real_sentence_after_dateline_and_byline() -> None:
    pool = candidate_pool([["新华社北京9月5日电", "（记者 张三）"], [LEAD], CENTRAL, CENTRAL])
    assert pool.lead == 2
    assert candidate_pool([["新华社北京9月5日电"], [LEAD]]).lead is None  # short: no rule


def test_recipe_steps_are_never_the_summary() -> None:
    article = feature([[LEAD], RECIPE, CENTRAL[:2], RECIPE, CENTRAL[2:]])
    for method in METHODS:
        texts = chosen_texts(article, n=3, method="news") if method == "news" else []
        assert not set(texts) & set(RECIPE)
    assert not set(chosen_texts(article, n=6)) & set(RECIPE)


def test_headings_are_never_chosen_but_keep_their_index() -> None:
    heading = "冬季养生食品的价格和质量问题的主要原因"
    article = feature([[LEAD], [heading], CENTRAL, [heading], CENTRAL], headings={1, 3})
    for method in METHODS:
        chosen = summarize(article, method, n=4)
        assert 1 not in chosen and 8 not in chosen, method
    assert article.sentences[1].norm == heading  # indices still count the headings


def test_one_sentence_per_section_before_two_from_one() -> None:
    article = feature([["冬季食品"], [LEAD, *CENTRAL], ["冬季服装"], OTHER], headings={0, 2})
    pool = candidate_pool(
        [[s.norm for s in p.sentences] for p in article.paragraphs], headings={0, 2}
    )
    assert pool.sections[1] == 1 and pool.sections[9] == 2
    chosen = summarize(article, "news", n=2)
    assert {pool.sections[i] for i in chosen} == {1, 2}


def test_a_lone_question_is_never_chosen_and_starts_a_section_only_as_a_heading() -> None:
    paragraphs = [[LEAD], ["养生食品为何投诉多？"], CENTRAL]
    pool = candidate_pool(paragraphs)
    assert 1 not in pool.candidates
    assert set(pool.sections) == {0}  # not marked a heading: no section of its own
    marked = candidate_pool(paragraphs, headings={1})
    assert marked.sections[0] == 0 and marked.sections[2] == 1


def test_sections_and_headings_agree_on_a_byline() -> None:
    from zhbrief.ingest import prepare_article

    text = f"标题\n{LEAD}\n中新财经记者 夏宾\n{''.join(CENTRAL)}\n为何投诉多\n{''.join(OTHER)}\n"
    article = prepare_article(text.encode("utf-8"), "a.txt")
    kinds = [p.kind for p in article.paragraphs]
    assert kinds == ["text", "text", "text", "heading", "text"]  # the byline is no heading
    headings = {i for i, k in enumerate(kinds) if k == "heading"}
    pool = candidate_pool([[s.norm for s in p.sentences] for p in article.paragraphs], headings)
    byline = len(article.paragraphs[0].sentences)
    assert byline not in pool.candidates
    assert pool.sections[byline] == pool.sections[0] == 0  # the byline starts no section


def test_long_is_twelve_sentences_or_1200_characters() -> None:
    assert is_long(["句子"] * LONG_SENTENCES)
    assert not is_long(["句子"] * (LONG_SENTENCES - 1))
    assert is_long(["字" * LONG_CHARS])
    assert not is_long(["字" * (LONG_CHARS - 1)])


def test_candidates_are_bounded_on_huge_articles() -> None:
    paragraphs = [[f"第{i}段说的是这座城市在过去一年里的发展变化和居民生活。"] for i in range(900)]
    pool = candidate_pool(paragraphs)
    assert len(pool.candidates) == MAX_CANDIDATES
    assert pool.candidates[0] == pool.lead == 0
    assert len(pool.sections) == 900


def test_a_2000_character_article_gets_three_or_four_sentences() -> None:
    for sentences in (40, 60, 100):  # however finely it is split
        assert summary_length(sentences, chars=2000) in (3, 4)
    assert summary_length(3, chars=120) == 1


@pytest.mark.parametrize("method", ["news", "lexrank"])
def test_adaptive_summary_stays_within_a_fifth_of_the_article(method: str) -> None:
    long_ones = [c + "而且" * 40 + "。" for c in CENTRAL]
    article = feature([[LEAD], long_ones, CENTRAL[:2], long_ones])
    chars = sum(len(s.norm) for s in article.sentences)
    chosen = summarize(article, method)
    assert 1 <= len(chosen) <= summary_length(len(article.sentences), chars=chars)
    assert sum(len(article.sentences[i].norm) for i in chosen) <= 0.2 * chars


def test_fixed_count_is_not_cut_by_the_share() -> None:
    article = feature([[LEAD], [CENTRAL[0], *OTHER]])
    chars = sum(len(s.norm) for s in article.sentences)
    chosen = summarize(article, "news", n=2)
    assert len(chosen) == 2
    assert sum(len(article.sentences[i].norm) for i in chosen) > 0.2 * chars


def test_an_article_of_headings_and_short_lines_never_gets_a_heading() -> None:
    article = feature([["冬季养生"], ["好的。"], ["冬季服装"]], headings={0, 2})
    assert summarize(article, "news", n=1) == (1,)
    assert candidate_pool([["冬季养生"], ["好的。"]], headings={0}).headings == frozenset({0})


FEATURE = """冬季养生喝粥正当时，营养专家推荐三款家常粥

入冬以来，气温持续走低，不少市民开始关注冬季养生，营养专家建议多喝粥来调理脾胃。
专家介绍，粥容易消化吸收，搭配不同食材还能起到不同的滋补作用，尤其适合老人和孩子。
不过专家也提醒，喝粥并非越多越好，糖尿病患者和胃酸过多的人群应当适量食用。

红枣黑芝麻粥，原料：大米、红枣、黑芝麻。
做法：1、黑芝麻下锅用小火炒香后盛出，冬季养生喝粥的人都喜欢这一款；
2、白萝卜取中段，洗净后去皮切成1cm左右的萝卜条，备用；
3、大米和红枣一起下锅，煮到粥变得浓稠后撒上黑芝麻，冬季养生喝粥正当时。

萝卜排骨粥，原料：大米、排骨、白萝卜。
做法：1、排骨焯水后和大米一起下锅，冬季养生喝粥可以多放些排骨；
2、粥煮开后加入萝卜条，小火慢慢熬煮四十分钟即可出锅；

专家表示，冬季养生除了合理饮食，还要注意保暖和适量运动，保证充足的睡眠时间。
市民王女士说，她家每天早上都会煮一锅粥，孩子和老人都很喜欢，身体也比以前好了不少。
营养专家最后提醒，喝粥时最好搭配蔬菜和鸡蛋等食物，这样营养才能更加均衡全面。
"""


def test_a_long_recipe_feature_gets_its_lead_and_no_step() -> None:
    from zhbrief.ingest import prepare_article

    article = prepare_article(FEATURE.encode(), "feature.txt")
    assert is_long([s.norm for s in article.sentences])
    texts = [article.sentences[i].norm for i in summarize(article, "news", n=3)]
    assert texts[0].startswith("入冬以来")
    assert not [t for t in texts if "原料" in t or "做法" in t or t[:2] in ("1、", "2、", "3、")]
    assert len(texts) == 3


FURNITURE_SENTENCES = [
    "网友评论仅供其表达个人看法，并不表明本站立场。",  # a comment prompt
    "安装示例新闻客户端，第一时间接收最新最全面的资讯。",  # an app prompt
    "欢迎关注我们的微信公众号，获取更多冬季养生资讯。",  # a follow prompt
    "本文仅代表作者个人观点，与本网立场无关，请读者参考。",  # a disclaimer
    "版权所有，未经授权不得转载冬季养生食品的相关内容。",  # a copyright line
    "1、冬季养生食品的价格和质量问题是消费者投诉的主要原因。",  # a list item
]


@pytest.mark.parametrize("method", METHODS)
def test_furniture_sentences_are_never_chosen_by_any_method(method: str) -> None:
    article = feature([[LEAD, *FURNITURE_SENTENCES], OTHER])
    picked = set(chosen_texts(article, n=3, method=method))
    assert picked and not picked & set(FURNITURE_SENTENCES)


@pytest.mark.parametrize(
    ("opener", "rule"),
    [
        ("新华社北京3月5日电 ", "dateline"),
        ("【环球时报驻比利时特派记者 牛瑞飞】", "byline"),
        ("（记者 张三）", "byline"),
    ],
)
def test_a_lead_keeps_its_sentence_but_loses_its_opener(opener: str, rule: str) -> None:
    from zhbrief.ingest import prepare_article

    text = f"冬季养生食品投诉增加\n{opener}{LEAD}\n{OTHER[0]}\n"
    article = prepare_article(text.encode("utf-8"), "a.txt")
    first = [s.zh for s in article.paragraphs[0].sentences]
    assert first == [opener, LEAD]
    pool = candidate_pool([[s.norm for s in p.sentences] for p in article.paragraphs])
    assert 0 not in pool.candidates and 1 in pool.candidates
    for n in (1, 2):
        assert opener not in chosen_texts(article, n=n)
    assert LEAD in chosen_texts(article, n=2)


def test_an_attribution_opener_stays_with_its_sentence() -> None:
    from zhbrief.ingest import prepare_article

    sentence = "据多家媒体报道，" + LEAD
    article = prepare_article(f"标题\n{sentence}\n{OTHER[0]}\n".encode(), "a.txt")
    assert [s.zh for s in article.paragraphs[0].sentences] == [sentence]
    assert sentence in chosen_texts(article, n=1)
