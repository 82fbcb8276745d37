"""Sentence and paragraph splitting, title detection, and article assembly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhbrief.documents import Cleaned, Document, PageMeta
from zhbrief.ingest.clean import clean_text
from zhbrief.ingest.segment import segment_article, split_paragraphs, split_sentences
from zhbrief.ingest.title import display_length

PIECES = list("中文新闻发展經濟說AZaz09. \u3000\t") + list(
    "。！？；…!?;”’」』）)】》\"'“‘「（(【《,，："
)
ALPHABET = st.sampled_from(PIECES)


@settings(max_examples=400)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_split_loses_no_character_and_has_no_empty_piece(paragraph: str) -> None:
    pieces = split_sentences(paragraph)
    assert "".join(pieces) == paragraph
    assert all(pieces)


@given(st.text(max_size=60))
def test_split_is_lossless_on_any_unicode(paragraph: str) -> None:
    assert "".join(split_sentences(paragraph)) == paragraph


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("他来了。她走了。", ("他来了。", "她走了。")),
        ("好吗？好！不行；再说", ("好吗？", "好！", "不行；", "再说")),
        ("真的吗？！是的。", ("真的吗？！", "是的。")),
        ("他说……然后走了。", ("他说……", "然后走了。")),
        ("等等…好。", ("等等…", "好。")),
        ("他说：“我很好。”她笑了。", ("他说：“我很好。”", "她笑了。")),
        ("「走吧！」他說。", ("「走吧！」他說。",)),  # a short attribution stays (issue 17)
        ("（完成了。）然后", ("（完成了。）", "然后")),
        ("《标题？》结束", ("《标题？》结束",)),  # a title's ？ is the title's
        ("“好！”，他说。", ("“好！”，他说。",)),
        ('他说"好。"然后。"下一句"', ('他说"好。"', "然后。", '"下一句"')),
        ("第一句。 第二句", ("第一句。 ", "第二句")),
        ("没有结尾的句子", ("没有结尾的句子",)),
        ("增长3.5个百分点。", ("增长3.5个百分点。",)),
        ("OpenAI发布GPT-5。Kimi K2-0905上线", ("OpenAI发布GPT-5。", "Kimi K2-0905上线")),
        ("在AI+ DC Summit上发言。", ("在AI+ DC Summit上发言。",)),
        (
            "U.S. officials, e.g. Mr. Smith, 表示同意。",
            ("U.S. officials, e.g. Mr. Smith, 表示同意。",),
        ),
        ("官网为www.example.com。下一句", ("官网为www.example.com。", "下一句")),
        ("他问?她答!好", ("他问?", "她答!", "好")),
        ("Wow! Great", ("Wow! ", "Great")),
        ("a;b 中文;c", ("a;b 中文;", "c")),
    ],
)
def test_split_sentences_examples(paragraph: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(paragraph) == expected


def test_split_sentences_of_empty_text_is_empty() -> None:
    assert split_sentences("") == ()


def test_split_paragraphs_uses_non_blank_lines_stripped() -> None:
    text = "\n　　第一段。\n\n  第二段。  \r\n \n第三段"
    assert split_paragraphs(text) == ("第一段。", "第二段。", "第三段")


def _article(text: str, **meta: str) -> Document:
    return Document(
        rel="a.txt", sha256="0" * 64, text=text, encoding="gb18030", meta=PageMeta(**meta)
    )


def _segment(text: str, **meta: str):  # type: ignore[no-untyped-def]
    doc = _article(text, **meta)
    return segment_article(doc, clean_text(doc.text, meta.get("title")))


def test_title_from_markdown_heading() -> None:
    article = _segment("# 央行宣布降准\n\n央行今天宣布降准。市场反应积极。\n")
    assert article.title is not None and article.title.zh == "央行宣布降准"
    assert [p.zh for p in article.paragraphs] == ["央行今天宣布降准。市场反应积极。"]
    assert len(article.sentences) == 2


def test_title_from_short_first_line() -> None:
    article = _segment("央行宣布降准\n央行今天宣布降准。\n")
    assert article.title is not None and article.title.zh == "央行宣布降准"
    assert len(article.paragraphs) == 1


def test_first_line_ending_with_full_stop_is_body() -> None:
    article = _segment("央行今天宣布降准。\n市场反应积极。\n")
    assert article.title is None
    assert [p.zh for p in article.paragraphs] == ["央行今天宣布降准。", "市场反应积极。"]


def test_single_line_is_body_not_title() -> None:
    article = _segment("只有一行没有标点")
    assert article.title is None
    assert article.paragraphs[0].zh == "只有一行没有标点"


def test_title_from_meta_is_removed_from_body() -> None:
    article = _segment("央行宣布降准\n央行今天宣布降准。\n", title="央行宣布降准 - 新浪财经")
    assert article.title is not None and article.title.zh == "央行宣布降准"
    assert article.meta.site == "新浪财经"
    assert [p.zh for p in article.paragraphs] == ["央行今天宣布降准。"]


def test_site_suffix_goes_to_meta_without_overriding() -> None:
    article = _segment("欧盟峰会为难民政策争论-中新网\n正文第一句。\n")
    assert article.title is not None and article.title.zh == "欧盟峰会为难民政策争论"
    assert article.meta.site == "中新网"
    kept = _segment("欧盟峰会为难民政策争论-中新网\n正文。\n", site="中国新闻网")
    assert kept.meta.site == "中国新闻网"


def test_long_title_with_site_suffix_is_a_title() -> None:
    title = "新华社评论员：推进中国式现代化是一个系统工程——四论深刻领会重要讲话精神的系列评论文章"
    article = _segment(f"{title}-中新网\n正文。\n")
    assert article.title is not None and article.title.zh == title


def test_site_suffix_alone_on_second_line() -> None:
    article = _segment("带货如何做到“内容为王”？\n-中新网\n中新网2月11日电 正文。\n")
    assert article.title is not None and article.title.zh == "带货如何做到“内容为王”？"
    assert article.meta.site == "中新网"
    assert [p.zh for p in article.paragraphs] == ["中新网2月11日电 正文。"]


def test_headline_broken_over_two_lines() -> None:
    article = _segment("买贵退差价！\n南京楼市再现“差价赔付”-中新网\n正文。\n")
    assert article.title is not None and article.title.zh == "买贵退差价！南京楼市再现“差价赔付”"


def test_traditional_article_sets_script_and_norm() -> None:
    article = _segment("臺灣經濟發展\n這個國家的經濟發展很快。關於這個問題，專家說會繼續。\n")
    assert article.script == "traditional"
    assert article.title is not None and article.title.norm == "台湾经济发展"
    first = article.sentences[0]
    assert first.zh == "這個國家的經濟發展很快。"
    assert first.norm == "这个国家的经济发展很快。"


def test_simplified_article_keeps_norm_equal() -> None:
    article = _segment("经济发展\n这个国家的经济发展很快。\n")
    assert article.script == "simplified"
    assert all(s.norm == s.zh for s in article.sentences)


def test_article_carries_document_and_cleaning_fields() -> None:
    doc = _article("标题\n正文。\n", author="张三")
    cleaned = Cleaned(text=doc.text, removed=("share: 分享到",), meta=PageMeta(date="2025-09-05"))
    article = segment_article(doc, cleaned)
    assert article.encoding == "gb18030"
    assert article.removed == ("share: 分享到",)
    assert article.meta == PageMeta(author="张三", date="2025-09-05")
    assert (article.rel, article.sha256) == ("a.txt", "0" * 64)


def test_headline_may_end_with_question_mark_or_ellipsis() -> None:
    article = _segment("他放弃百万年薪来到这里 唯一的要求竟是……\n杭州市学军中学校长要退休了。\n")
    assert article.title is not None and article.title.zh.endswith("……")
    question = _segment("费用省一半甚至更多？\n正文。\n")
    assert question.title is not None and question.title.zh == "费用省一半甚至更多？"


def test_page_headline_fuller_than_cut_meta_title_is_the_title_once() -> None:
    # og:title cut at an unescaped quote; the <h1> comes first in the extracted text
    text = '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？\n\n2019年，龙湖集团即将迎来上市10周年。\n'
    article = _segment(text, title="多地项目连环爆雷 狂奔的龙湖集团")
    assert (
        article.title is not None
        and article.title.zh == '多地项目连环爆雷 狂奔的龙湖集团"暗伤"曝露？'
    )
    assert [p.zh for p in article.paragraphs] == ["2019年，龙湖集团即将迎来上市10周年。"]


def test_shorter_headline_repeated_under_the_title_leaves_the_body() -> None:
    text = (
        "首批个人养老金理财产品开售 最短可只持有360天-中新网\n首批个人养老金理财产品开售\n正文。\n"
    )
    article = _segment(text)
    assert (
        article.title is not None
        and article.title.zh == "首批个人养老金理财产品开售 最短可只持有360天"
    )
    assert [p.zh for p in article.paragraphs] == ["正文。"]


@pytest.mark.parametrize(
    "first",
    [
        "出国前后关注点大不同",  # the end of the title, used again as a section heading
        "欧盟峰会为难民政策争吵不休",  # a reworded headline is text of its own
        "海外留学生看两会：出国前后关注点大不同。",  # a sentence, not a headline
        "海外留学",  # too short to be the headline again
    ],
)
def test_body_lines_that_do_not_repeat_the_headline_stay(first: str) -> None:
    article = _segment(
        f"{first}\n正文。\n", title="海外留学生看两会：出国前后关注点大不同_中国青年网"
    )
    assert (
        article.title is not None and article.title.zh == "海外留学生看两会：出国前后关注点大不同"
    )
    assert [p.zh for p in article.paragraphs] == [first, "正文。"]


def test_title_cut_at_the_pages_own_site_name() -> None:
    title = "新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"
    article = _segment("一波波低溫寒流報到。\n", title=title, site="史蒂文的家_藍天")
    assert article.title is not None and article.title.zh == "新竹尖石_美樹營地賞楓 (2)"
    named = _segment("正文。\n", title="习近平接受新华社专访", site="新华社")
    assert named.title is not None and named.title.zh == "习近平接受新华社专访"


@pytest.mark.parametrize(
    ("text", "units"),
    [("技术暗战", 4), ("加入Google DeepMind", 5), ("GPT-5发布", 3), ("", 0)],
)
def test_display_length_counts_a_latin_run_as_one(text: str, units: int) -> None:
    assert display_length(text) == units


def test_long_headline_with_latin_names_is_the_title() -> None:
    headline = "姚明因反对Anthropic反华政策离职,加入Google DeepMind引发技术暗战"
    text = f"{headline}\n据报道，他已于本月离职。\n"
    article = _segment(text)
    assert article.title is not None and article.title.zh == headline
    assert [p.zh for p in article.paragraphs] == ["据报道，他已于本月离职。"]


def test_first_line_with_a_full_stop_inside_is_not_a_title() -> None:
    text = "他说。这很好\n第二行也是正文。\n"
    assert _segment(text).title is None


def test_subheadings_become_heading_paragraphs() -> None:
    text = "标题\n第一段正文说了一件事情，内容比较长。\n悄然打响的技术暗战\n第二段正文又说了一件事情。\n"
    article = _segment(text)
    assert [p.kind for p in article.paragraphs] == ["text", "heading", "text"]
