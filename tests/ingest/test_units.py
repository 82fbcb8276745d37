"""ingest/units.py: each rule of the units that are never a summary, and prose they leave alone."""

from __future__ import annotations

import pytest

from zhbrief.ingest.units import (
    UNIT_RULES,
    excluded_units,
    han_chars,
    is_lone_question,
    is_unfinished_line,
    list_lines,
    sentence_rule,
)

PROSE = "国家统计局今天发布数据，八月份全国居民消费价格同比上涨百分之二。"


RULE_CASES = [
    ("1、黑芝麻下锅用小火炒香后盛出，备用；", "list_item"),
    ("2.白萝卜取中段，洗净后去皮切成萝卜条。", "list_item"),
    ("３）把萝卜条放入锅中，小火慢慢煮熟即可。", "list_item"),
    ("（一）加强市场监管，严厉打击各类违法行为。", "list_item"),
    ("(2)对职业行乞者进行救助教育和异地分流安置。", "list_item"),
    ("一、将自身无力解决食宿的人员列为求助人员。", "list_item"),
    ("①提高城乡居民的基本养老金和医疗保险待遇。", "list_item"),
    ("第一，要坚持稳中求进工作总基调不动摇。", "list_item"),
    ("其二，要加快建设全国统一的大市场体系。", "list_item"),
    ("• 所有在售产品都已经通过了第三方检测。", "list_item"),
    ("做法：黑芝麻下锅用小火炒香后盛出备用。", "step"),
    ("红枣黑芝麻粥，原料：大米、红枣、黑芝麻。", "step"),
    ("步骤三：将煮好的粥盛出，撒上芝麻即可食用。", "step"),
    ("第二步把红枣洗净去核，切成小块备用即可。", "step"),
    ("品名|规格|价格|产地|保质期", "table_row"),
    ("大米  500克  红枣  10颗  黑芝麻  30克", "table_row"),
    ("（记者 张三 李四）", "byline"),
    ("文／记者肖欢欢　实习生陈玉洁　北京暴雨后，网上流传一个视频。", "byline"),
    ("本报记者 王五 通讯员 赵六", "byline"),
    ("图为北京一家超市的蔬菜柜台，市民正在选购蔬菜。", "caption"),
    ("新华社北京9月5日电", "dateline"),
    ("“确保此后生产的产品没有任何问题，请消费者放心。", "quote_fragment"),
    ("请大家放心购买和食用我们的产品。”他说。", "quote_fragment"),
    ("林若溪在声明中这样写道。", "quote_fragment"),
    ("物价总体保持稳定。", "short"),
    ("GDP增长6.5%。", "short"),
    ("【环球时报驻比利时特派记者 牛瑞飞】", "byline"),
    ("中新网北京3月5日电（记者 张三）", "dateline"),
    ("网友评论仅供其表达个人看法，并不表明网易立场。", "comment_prompt"),
    ("安装新浪财经客户端第一时间接收最全面的市场资讯", "app_prompt"),
    ("如果您喜歡這篇文章，邀請您到FB粉絲團按個讚！", "follow"),
    ("本文仅代表作者个人观点。", "disclaimer"),
    ("版权所有 © 2025 示例网", "copyright"),
]


@pytest.mark.parametrize(("text", "rule"), RULE_CASES)
def test_each_rule_takes_its_unit(text: str, rule: str) -> None:
    assert sentence_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        PROSE,
        "2012年以来，本市已经连续五年保持经济稳定增长的良好势头。",
        "5.5亿元的投资将用于建设新的地铁线路和公交站点。",
        "新华社北京9月5日电 国家统计局今天发布数据，八月份居民消费价格同比上涨。",
        "他说：“我们做了十几年了，不可能没事，哪有常胜将军？”",
        "记者昨日尝试用一个不太结实的逃生锤敲打车窗玻璃，非但不能敲碎。",
        "第一次来到这座城市的游客往往会被它的夜景所吸引。",
        "文化和旅游部今天公布了第一批国家级旅游休闲街区名单。",
        "他在声明中这样写道：技术应该服务于所有人，这是初衷。",
    ],
)
def test_prose_is_left_alone(text: str) -> None:
    assert sentence_rule(text) is None


def test_every_rule_name_is_tested() -> None:
    tested = {rule for _, rule in RULE_CASES}
    missing = {rule.name for rule in UNIT_RULES} - tested
    assert not missing, f"unit rules without a case in RULE_CASES: {sorted(missing)}"


def test_han_chars_ignore_datelines_and_brackets() -> None:
    assert han_chars("新华社北京9月5日电（记者 张三）物价总体稳定") == 6
    assert han_chars("物价总体保持稳定，市场供应充足。") == 14


def test_three_sibling_lines_of_one_shape_are_a_list() -> None:
    lines = [
        PROSE,
        "时间：2024年5月1日上午九点到下午五点",
        "地点：市中心广场东侧的展览馆一楼大厅",
        "费用：全程免费参观，无需提前预约门票",
        PROSE,
    ]
    assert list_lines(lines) == frozenset({1, 2, 3})


def test_short_unpunctuated_lines_in_a_row_are_a_list() -> None:
    lines = [PROSE, "大米100克", "红枣十颗", "黑芝麻三十克", PROSE]
    assert list_lines(lines) == frozenset({1, 2, 3})


def test_two_sibling_lines_or_prose_paragraphs_are_no_list() -> None:
    assert list_lines([PROSE, "时间：五月一日上午", "地点：市中心广场", PROSE]) == frozenset()
    assert list_lines([PROSE, PROSE, PROSE, PROSE]) == frozenset()


def test_a_lone_short_question_paragraph_is_never_a_summary() -> None:
    assert is_lone_question(["破窗最好的办法是什么？"])
    assert not is_lone_question(["破窗最好的办法是什么？", PROSE])
    assert not is_lone_question([PROSE])


def test_a_lone_short_line_without_closing_punctuation_is_never_a_summary() -> None:
    assert is_unfinished_line(["60年来全球破坏性最强的大地震"])
    assert not is_unfinished_line(["60年来全球破坏性最强的大地震。"])
    assert not is_unfinished_line(["他说：“这是六十年来全球破坏性最强的大地震”"])
    cut_short = PROSE.rstrip("。") + "，涨幅有所扩大"
    assert not is_unfinished_line([cut_short])  # over 30 Han characters: prose cut short
    assert not is_unfinished_line(["60年来全球破坏性最强的大地震", PROSE])


def test_excluded_units_index_sentences_across_paragraphs() -> None:
    paragraphs = [
        ["新华社北京9月5日电", PROSE],
        ["头枕真的能砸开车窗吗？"],
        ["时间：五月一日上午九点"],
        ["地点：市中心广场东侧展览馆"],
        ["电话：010-12345678，欢迎咨询"],
        [PROSE, "1、先把车窗玻璃擦拭干净；"],
    ]
    assert excluded_units(paragraphs) == {
        0: "dateline",
        2: "lone_question",
        3: "list_line",
        4: "list_line",
        5: "list_line",
        7: "list_item",
    }
