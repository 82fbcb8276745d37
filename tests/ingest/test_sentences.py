"""Sentence splitting that keeps titles, brackets and quoted speech whole (ingest/sentences.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhbrief.ingest.sentences import PAIRS, paired_spans, split_sentences

# pySBD's Chinese golden rules (from the Pragmatic Segmenter), nipunsadvilkar/pySBD,
# tests/lang/test_chinese.py, GOLDEN_ZH_RULES_TEST_CASES.
PYSBD_GOLDEN = [
    (
        "安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，"
        "他們步入入境大廳時神情落寞、不發一語。周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。",
        (
            "安永已聯繫周怡安親屬，協助辦理簽證相關事宜，周怡安家屬1月1日晚間搭乘東方航空班機抵達上海，"
            "他們步入入境大廳時神情落寞、不發一語。",
            "周怡安來自台中，去年剛從元智大學畢業，同年9月加入安永。",
        ),
    ),
    (
        "我们明天一起去看《摔跤吧！爸爸》好吗？好！",
        ("我们明天一起去看《摔跤吧！爸爸》好吗？", "好！"),
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), PYSBD_GOLDEN)
def test_pysbd_chinese_golden_rules(paragraph: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        # titles: ！？。 inside 《》〈〉 never end the sentence
        ("新片《你好，李焕英！》票房破50亿。", ("新片《你好，李焕英！》票房破50亿。",)),
        ("他读了〈为什么？〉一文。下一句。", ("他读了〈为什么？〉一文。", "下一句。")),
        ("《摔跤吧！爸爸》上映了。", ("《摔跤吧！爸爸》上映了。",)),
        # bracketed asides
        ("他（指张三！）已经离开。", ("他（指张三！）已经离开。",)),
        ("价格(约合100美元!)不高。", ("价格(约合100美元!)不高。",)),
        ("会议【据悉，共有三方参加。】今天召开。", ("会议【据悉，共有三方参加。】今天召开。",)),
        ("数据[注：初步统计。]显示增长。", ("数据[注：初步统计。]显示增长。",)),
        ("（完成了。）然后", ("（完成了。）", "然后")),  # a bracketed sentence of its own
        # short quotations, and their attribution
        ("“你去哪儿？”他问。", ("“你去哪儿？”他问。",)),
        ("“你好，我是小王！”他说。下一句。", ("“你好，我是小王！”他说。", "下一句。")),
        # two sentences quoted are two sentences; the attribution stays with the last
        ("“你好！我是小王。”他说。", ("“你好！", "我是小王。”他说。")),
        ("「真的嗎？」記者追問。", ("「真的嗎？」記者追問。",)),
        ("『走吧！』她说道。", ("『走吧！』她说道。",)),
        ("“好！”大家齐声说。", ("“好！”大家齐声说。",)),
        ("他说：“我很好。”她笑了。", ("他说：“我很好。”", "她笑了。")),  # 笑 is no speech verb
        ("‘行吗？’我问。", ("‘行吗？’我问。",)),
        # a long quotation still splits at its sentences; its last one keeps the attribution
        (
            "他说：“今天很好。明天也好。后天更好。”记者追问。然后呢？",
            ("他说：“今天很好。", "明天也好。", "后天更好。”记者追问。", "然后呢？"),
        ),
        # unbalanced marks fall back to the plain rules, never swallowing the paragraph
        ("他说：“你好！我们走。然后。", ("他说：“你好！", "我们走。", "然后。")),
        ("《未完的标题！继续。下一句。", ("《未完的标题！", "继续。", "下一句。")),
        ("1) 第一项。2) 第二项。", ("1) 第一项。", "2) 第二项。")),
        ("It’s fine！好。", ("It’s fine！", "好。")),
    ],
)
def test_marks_keep_their_text_whole(paragraph: str, expected: tuple[str, ...]) -> None:
    assert split_sentences(paragraph) == expected
    assert "".join(split_sentences(paragraph)) == paragraph


def test_paired_spans_match_nested_and_ignore_strays() -> None:
    text = "a（b《c》d）e）f“g"
    spans = {(s.open, s.close, s.kind) for s in paired_spans(text)}
    assert spans == {(1, 7, "bracket"), (3, 5, "title")}


PLAIN = st.text(alphabet=list("新闻发展经济说好AZ09 ，、。！？；"), max_size=12)
INNER = st.text(alphabet=list("新闻发展经济AZ09 。！？；…"), min_size=1, max_size=12)
CLAUSE = st.text(alphabet=list("新闻发展经济AZ09 "), min_size=1, max_size=6)
# one utterance: one or two clauses, a terminator only at its end
SHORT_QUOTE = st.builds(
    lambda a, comma, b, end: a + (comma + b if comma else "") + end,
    CLAUSE,
    st.sampled_from(["", "，"]),
    CLAUSE,
    st.sampled_from(["", "。", "！", "？", "！？"]),
)
PROTECTED = [o for o, (_, kind) in PAIRS.items() if kind in ("title", "bracket")]


def boundaries(pieces: tuple[str, ...]) -> set[int]:
    """Offsets where one sentence ends and the next begins."""
    ends, pos = set(), 0
    for piece in pieces[:-1]:
        pos += len(piece)
        ends.add(pos)
    return ends


@settings(max_examples=300)
@given(PLAIN, st.sampled_from(PROTECTED), INNER, PLAIN)
def test_no_split_inside_a_balanced_title_or_bracket(
    before: str, opener: str, inner: str, after: str
) -> None:
    closer = PAIRS[opener][0]
    paragraph = before + opener + inner + closer + after
    pieces = split_sentences(paragraph)
    assert "".join(pieces) == paragraph
    open_at = len(before)
    close_at = open_at + len(inner) + 1
    assert not [b for b in boundaries(pieces) if open_at < b <= close_at]


@settings(max_examples=300)
@given(PLAIN, st.sampled_from(["“", "「", "『"]), SHORT_QUOTE, PLAIN)
def test_no_split_inside_a_short_quotation(
    before: str, opener: str, inner: str, after: str
) -> None:
    closer = PAIRS[opener][0]
    paragraph = before + opener + inner + closer + after
    pieces = split_sentences(paragraph)
    assert "".join(pieces) == paragraph
    open_at = len(before)
    close_at = open_at + len(inner) + 1
    assert not [b for b in boundaries(pieces) if open_at < b <= close_at]
