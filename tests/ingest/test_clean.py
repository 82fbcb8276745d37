"""Furniture removal, metadata found in the text, and site suffixes of titles."""

from __future__ import annotations

import pytest

from zhbrief.documents import PageMeta
from zhbrief.ingest.clean import clean_text
from zhbrief.ingest.title import split_site_suffix

TITLE = "国产大模型密集发布"

SCRAPED = """\
当前位置：首页 > 科技 > 正文
国产大模型密集发布
2025年9月5日 10:30 来源：凤凰网科技
分享到： 微信 微博 QQ空间
【字号 大 中 小】 【打印】
　　新华社北京9月5日电 多家公司本周发布新模型，其中GPT-5与Kimi K2-0905备受关注。
（图片来源：视觉中国）
图为9月4日，参观者在AI+ DC Summit展台前体验。
发布会现场 第2张
资料图

　　一位从业者说：“我是一名编辑，每天都用这些工具。”他认为效率提升了3.5倍。
国产大模型密集发布
原标题：大模型扎堆上新
本文来自微信公众号“科技观察”，作者：李四
责任编辑：张三
扫描二维码，关注公众号
版权所有 © 2025 凤凰网 未经授权禁止转载
"""

EXPECTED_REMOVED = (
    "breadcrumb: 当前位置：首页 > 科技 > 正文",
    "date_line: 2025年9月5日 10:30 来源：凤凰网科技",
    "share: 分享到： 微信 微博 QQ空间",
    "font_size: 【字号 大 中 小】 【打印】",
    "credit: （图片来源：视觉中国）",
    "caption: 发布会现场 第2张",
    "caption: 资料图",
    "repeated_title: 国产大模型密集发布",
    "original_title: 原标题：大模型扎堆上新",
    "repost: 本文来自微信公众号“科技观察”，作者：李四",
    "editor: 责任编辑：张三",
    "qr_code: 扫描二维码，关注公众号",
    "copyright: 版权所有 © 2025 凤凰网 未经授权禁止转载",
)


def test_scraped_article_loses_every_kind_of_furniture() -> None:
    cleaned = clean_text(SCRAPED, TITLE)
    assert cleaned.removed == EXPECTED_REMOVED


def test_scraped_article_keeps_prose_and_line_structure() -> None:
    cleaned = clean_text(SCRAPED, TITLE)
    assert cleaned.text == (
        "国产大模型密集发布\n"
        "　　新华社北京9月5日电 多家公司本周发布新模型，其中GPT-5与Kimi K2-0905备受关注。\n"
        "图为9月4日，参观者在AI+ DC Summit展台前体验。\n"
        "\n"
        "　　一位从业者说：“我是一名编辑，每天都用这些工具。”他认为效率提升了3.5倍。\n"
    )


def test_scraped_article_metadata() -> None:
    meta = clean_text(SCRAPED, TITLE).meta
    assert meta == PageMeta(date="2025-09-05", source="凤凰网科技", dateline="新华社北京9月5日电")


def test_without_title_the_first_line_repeated_later_is_removed() -> None:
    cleaned = clean_text("标题\n正文。\n标题\n")
    assert cleaned.text == "标题\n正文。\n"
    assert cleaned.removed == ("repeated_title: 标题",)


def test_dateline_only_at_start_of_first_paragraphs() -> None:
    text = "标题\n正文。\n第三段。\n中新社上海9月5日电 不在开头。\n"
    assert clean_text(text).meta.dateline == ""
    assert clean_text("本报北京9月5日讯 正文。\n").meta == PageMeta(dateline="本报北京9月5日讯")


def test_first_date_and_source_win() -> None:
    cleaned = clean_text("来源：新华网 2025-09-05\n正文。\n来源：人民网\n")
    assert cleaned.meta == PageMeta(date="2025-09-05", source="新华网")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("标题-中新网", ("标题", "中新网")),
        ("标题_凤凰网", ("标题", "凤凰网")),
        ("标题 | 新华网", ("标题", "新华网")),
        ("标题 - 新浪财经", ("标题", "新浪财经")),
        ("标题—人民网", ("标题", "人民网")),
        ("标题_科技频道_凤凰网", ("标题", "凤凰网")),
        ("研讨班结业 - 滚动新闻 - 湖南日报网 - 华声在线", ("研讨班结业", "湖南日报网")),
        ("OpenAI发布GPT-5", ("OpenAI发布GPT-5", None)),
        ("GPT-5发布-中新网", ("GPT-5发布", "中新网")),
        ("京津冀-长三角", ("京津冀-长三角", None)),
        ("没有后缀的标题", ("没有后缀的标题", None)),
    ],
)
def test_split_site_suffix(title: str, expected: tuple[str, str | None]) -> None:
    assert split_site_suffix(title) == expected


def test_byline_with_date_and_time_is_a_date_line() -> None:
    cleaned = clean_text("TNW中文站2016年10月14日07:17\n转播到腾讯微博\n谷歌开发出一款新产品。\n")
    assert cleaned.removed == (
        "date_line: TNW中文站2016年10月14日07:17",
        "share: 转播到腾讯微博",
    )
    assert cleaned.meta == PageMeta(date="2016-10-14")


LONG_HEADLINE = "姚明因反对某公司政策离职,加入Google DeepMind引发技术暗战"


@pytest.mark.parametrize(
    "line",
    [
        f"{LONG_HEADLINE} 姚明 Anthropic 技术暗战 中国AI 第1张",
        "参观者在上海世界人工智能大会的展台前体验最新发布的人形机器人和各类智能终端产品 第12页",
        "上海世界人工智能大会现场，参观者在展台前体验最新发布的人形机器人（图2）",
        "参观者在展台前体验最新发布的人形机器人和各类智能终端产品以及多款国产大模型应用【组图】",
    ],
)
def test_a_line_ending_in_a_picture_counter_is_a_caption_at_any_length(line: str) -> None:
    cleaned = clean_text(f"{LONG_HEADLINE}\n正文第一句。\n{line}\n正文第二句。\n")
    assert cleaned.removed == (f"caption: {line}",)


def test_prose_with_a_sentence_end_inside_keeps_its_picture_counter() -> None:
    prose = "记者在现场看到，参观者排起了长队。展台前的说明牌写着“第3张”"
    cleaned = clean_text(f"标题\n{prose}\n")
    assert cleaned.removed == () and prose in cleaned.text


def test_headline_repeated_with_keywords_is_a_caption() -> None:
    line = f"{LONG_HEADLINE} 姚明 技术暗战 中国AI"
    cleaned = clean_text(f"{LONG_HEADLINE}\n正文第一句。\n{line}\n")
    assert cleaned.removed == (f"title_keywords: {line}",)


def test_headline_with_its_site_name_stays_for_the_title_rules() -> None:
    cleaned = clean_text("城市图书馆推出夜间开放服务 - 示例网\n正文第一句。\n")
    assert cleaned.removed == ()


def test_title_of_a_text_is_its_first_line_after_the_furniture() -> None:
    text = f"科技频道 > 人工智能 > 正文\n{LONG_HEADLINE}\n正文第一句。\n{LONG_HEADLINE}\n"
    assert clean_text(text).removed == (
        "breadcrumb: 科技频道 > 人工智能 > 正文",
        f"repeated_title: {LONG_HEADLINE}",
    )


def test_link_line_is_furniture_and_its_address_is_kept() -> None:
    cleaned = clean_text("标题\n原文链接：https://example.cn/a?id=1\n正文。\n")
    assert cleaned.meta.url == "https://example.cn/a?id=1"
    assert cleaned.removed == ("url: 原文链接：https://example.cn/a?id=1",)


def test_traditional_furniture_is_removed_by_the_same_rules() -> None:
    text = "當前位置：首頁 > 財經\n台積電擴建晶圓廠\n2025-11-03 09:15 來源：示例財經網\n台積電週一宣布擴建計畫。\n責任編輯：陳怡\n"
    cleaned = clean_text(text)
    assert cleaned.text == "台積電擴建晶圓廠\n台積電週一宣布擴建計畫。\n"
    assert [r.split(":")[0] for r in cleaned.removed] == ["breadcrumb", "date_line", "editor"]
    assert cleaned.meta.date == "2025-11-03"
