"""ingest/shape.py: each named pattern of Chinese text shape, and the one date parser."""

from __future__ import annotations

import re

import pytest

from zhbrief.ingest.shape import (
    AGENCY_DATELINE,
    ATTRIBUTION,
    BYLINE_START,
    BYLINE_WORD,
    CAPTION_START,
    DATELINE,
    FURNITURE,
    OPENER,
    SECTION_HEADING,
    Rule,
    display_length,
    ends_sentence,
    furniture_rule,
    has_clause,
    heading_shaped,
    looks_like_title,
    opener_end,
    parse_date,
    reads_as_prose,
    without_openers,
)

# One case (at least) for every furniture rule: a line it takes, and the rule's name.
FURNITURE_CASES = [
    ("您的位置：首页 > 新闻", "breadcrumb"),
    ("首页 > 财经 > 滚动", "breadcrumb"),
    ("科技频道 > 人工智能 > 正文", "breadcrumb"),
    (
        "参观者在展台前体验最新发布的人形机器人和各类智能终端产品以及多款国产大模型应用【组图】",
        "caption",
    ),
    ("发布会现场 第2张", "caption"),
    ("资料图", "caption"),
    ("（图片来源：视觉中国）", "credit"),
    ("图自越通社", "credit"),
    ("新华社记者 李贺 摄", "credit"),
    ("拿出10万元来做房产投资，一来以钱生钱 蔡雪婧/摄", "credit"),
    ("编辑：王五", "editor"),
    ("（责编：李絮枫）", "editor"),
    ("本报记者 葛灵丹", "byline"),
    ("新京报记者彭冲山东冠县报道", "byline"),
    ("原标题：大模型扎堆上新", "original_title"),
    ("本文来自微信公众号“科技观察”，作者：李四", "repost"),
    ("来源：人民日报", "source"),
    ("作者： 茉莉 来源： 看中国 发布日期： 7/5/2005", "info_line"),
    ("发布时间：2025-09-05 08:00", "date_line"),
    ("http://house.sina.com.cn 2005年03月31日03:18 北京娱乐信报", "date_line"),
    ("分享到： 微信 微博 QQ空间", "share"),
    ("打印本页", "print"),
    ("字号：大 中 小", "font_size"),
    ("自动播放开关自动播放", "widget"),
    ("扫码下载客户端", "qr_code"),
    ("“2018十大经济年度人物评选”火热进行中！【点击投票】Pick你心目中的商业领袖", "call_to_action"),
    ("精彩视频推荐", "related"),
    ("网友评论仅供其表达个人看法，并不表明网易立场。", "comment_prompt"),
    ("安装新浪财经客户端第一时间接收最全面的市场资讯【下载地址】", "app_prompt"),
    ("欢迎关注微信公众号", "follow"),
    ("如果您喜歡這篇文章，邀請您到 FB 粉絲團按個讚！", "follow"),
    ("Copyright © 2025 Example. All Rights Reserved.", "copyright"),
    ("未经授权禁止转载", "copyright"),
    ("本文仅代表作者个人观点。", "disclaimer"),
    ("云南日报网滇ICP备11000491号-1", "disclaimer"),
    ("关键字 : 中国芯芯片", "keywords"),
    ("原文链接：https://example.cn/a?id=1", "url"),
    ("（完）", "end_mark"),
]


@pytest.mark.parametrize(("line", "rule"), FURNITURE_CASES)
def test_each_furniture_rule_takes_its_line(line: str, rule: str) -> None:
    found = furniture_rule(line)
    assert found is not None and found.name == rule


def test_every_furniture_rule_has_a_case() -> None:
    missing = {rule.name for rule in FURNITURE} - {name for _, name in FURNITURE_CASES}
    assert not missing, f"furniture rules without a case: {sorted(missing)}"


@pytest.mark.parametrize(
    "line",
    [
        "他说：“我是一名编辑，也是一名记者，这份工作让我看到了很多。”",
        "编辑部认为这件事值得关注。",
        "2025年9月5日，国务院常务会议研究部署进一步扩大消费的措施，会议指出要着力稳就业。",
        "记者了解到，不少消费者已经习惯扫码点餐，但也有老年人反映操作不便，希望保留人工服务，相关部门表示将研究改进。",
        "这家公司的图片来源于公开资料，并不涉及版权问题，但其在未经授权的情况下使用他人商标，已被法院判决赔偿五十万元人民币，并在官网首页公开致歉。",
        "；这样，作为该派中一员，他就能分享到一份胜利者的光荣。事过境迁，今天的人",
        "会议于2025年9月5日 10:30在北京开幕。",
        "2002年10月9日 杨恭如在铜锣湾餐厅遭辱打。",
        "图为9月4日，参观者在展台前体验。",  # a caption says what the story shows: it stays
        "数据显示，今年的销量 > 去年的销量，增长明显。",
        "<name>隨機客</name>",
        "记者调查发现，问题仍然存在。",
    ],
)
def test_prose_is_never_taken(line: str) -> None:
    assert furniture_rule(line) is None


def test_rules_are_data_and_extendable() -> None:
    assert all(isinstance(rule, Rule) for rule in FURNITURE)
    extra = (*FURNITURE, Rule("ad", re.compile(r"广告"), "line"))
    found = furniture_rule("广告", extra)
    assert found is not None and found.name == "ad"


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("他走了。", True),
        ("“好吗？”", True),
        ("等等……", True),
        ("没有结束", False),
        ("他说，", False),
    ],
)
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


def test_has_clause() -> None:
    assert has_clause("一，二") and has_clause("完。") and not has_clause("没有标点的一行")


@pytest.mark.parametrize(
    ("line", "shaped"),
    [
        ("悄然打响的技术暗战", True),
        ("为何频频与华开战？", True),
        ("他说，这是最后一次。", False),  # a sentence
        ("记者：周文", False),  # a label
        ("中新财经记者 夏宾", False),  # a byline
        ("“技术没有国界”", False),  # a quote fragment
        ("图为参观者在体验", False),  # a caption
        ("双方的分歧集中在数据使用政策以及研究成果的开放程度上面", False),  # too long
        ("2025", False),  # no words
    ],
)
def test_heading_shape(line: str, shaped: bool) -> None:
    assert heading_shaped(line) is shaped


def test_prose_after_a_heading_and_display_length() -> None:
    assert reads_as_prose("据了解，这家公司今年开出的薪酬方案最高可达数亿美元。")
    assert not reads_as_prose("完。")
    assert display_length("加入Google DeepMind") == len("加入A A")


def test_headline_shape() -> None:
    assert looks_like_title("他放弃百万年薪来到这里 唯一的要求竟是……")
    assert not looks_like_title("央行今天宣布降准。市场反应积极")
    assert not looks_like_title("这是一句话，")


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (BYLINE_START, "文/记者肖欢欢 实习生陈玉洁"),
        (CAPTION_START, "图为北京一家超市的蔬菜柜台"),
        (AGENCY_DATELINE, "新华社北京9月5日电"),
        (DATELINE, "新华社北京9月5日电 国务院今天发布通知。"),
        (OPENER, "【环球时报驻比利时特派记者 牛瑞飞】"),
        (ATTRIBUTION, "据多家媒体报道，"),
        (SECTION_HEADING, "相关阅读"),
        (SECTION_HEADING, "网友评论（42）"),
        (SECTION_HEADING, "版权与免责声明："),
    ],
)
def test_named_patterns_match_their_text(pattern: re.Pattern[str], text: str) -> None:
    assert pattern.match(text)


def test_a_byline_word_marks_a_short_credit() -> None:
    assert BYLINE_WORD.search("新华社评论员") and BYLINE_WORD.search("张三 摄")
    assert not BYLINE_WORD.search("悄然打响的技术暗战")


@pytest.mark.parametrize(
    ("sentence", "opener"),
    [
        ("新华社北京3月5日电 国务院总理今天作政府工作报告。", "新华社北京3月5日电 "),
        (
            "【环球时报驻比利时特派记者 牛瑞飞】据报道，欧盟今天开会。",
            "【环球时报驻比利时特派记者 牛瑞飞】",
        ),
        ("（记者 张三）物价总体稳定。", "（记者 张三）"),
        (
            "中新网北京3月5日电（记者 张三 李四）国务院总理今天作报告。",
            "中新网北京3月5日电（记者 张三 李四）",
        ),
        ("央广网北京2月13日消息 主席签署命令。", "央广网北京2月13日消息 "),
        ("本报讯 本市中心图书馆宣布开放时间。", "本报讯 "),
        ("新华网消息，今天下雨。", ""),  # the sentence goes on after the source: no opener
        ("上海电视台消息说今天下雨。", ""),
        ("新华社北京3月5日电", ""),  # nothing after it: the whole sentence is the dateline
    ],
)
def test_opener_end(sentence: str, opener: str) -> None:
    assert sentence[: opener_end(sentence)] == opener


def test_without_openers_drops_an_attribution_for_scoring_only() -> None:
    assert (
        without_openers("据多家媒体报道，前研究员林若溪日前宣布离职。")
        == "前研究员林若溪日前宣布离职。"
    )
    assert without_openers("新华社北京3月5日电 据介绍，物价稳定。") == "物价稳定。"
    assert without_openers("他据理力争。") == "他据理力争。"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025-10-05T08:30:00+08:00", "2025-10-05"),  # ISO 8601: Atom, JSON Feed, meta tags
        ("Tue, 10 Jun 2025 04:00:00 GMT", "2025-06-10"),  # RFC 822: RSS
        ("2025年3月9日 10:30 来源：新华网", "2025-03-09"),  # a text line
        ("发布时间：2025/3/9", "2025-03-09"),
        ("2025.03.09", "2025-03-09"),
        ("2025-02-30", ""),  # no such day
        ("last week", ""),
        ("", ""),
    ],
)
def test_one_date_parser_for_feeds_pages_and_lines(text: str, date: str) -> None:
    assert parse_date(text) == date
