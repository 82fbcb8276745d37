"""A brief's Entry: what it carries, and its round trip through the store's JSON."""

from __future__ import annotations

from builders import make_article

from zhbrief.documents import Brief, KeyTerm, Provenance, Translation
from zhbrief.output.entry import entry_of


def brief() -> Brief:
    article = make_article(
        [["第一句话很重要。", "第二句。"], ["第三句有数字3。"]],
        title="标题在这里",
        rel="news/a.txt",
    )
    article = article.__class__(
        **{
            **{f: getattr(article, f) for f in article.__slots__},
            "provenance": Provenance("https://example.cn/a", "示例网", "张三", "2026-03-01"),
        }
    )
    return Brief(
        article=article,
        title_en=Translation("The title"),
        body=((Translation("First."), Translation("Second.")), (Translation("Third 3.", ("x",)),)),
        summary=(0, 2),
        key_terms=(KeyTerm("数字", "shùzì", "number"),),
        model="m 1",
        summarizer="news",
        decoding={},
        created="2026-03-12T08:00:00Z",
    )


def test_entry_carries_summary_provenance_and_counts() -> None:
    entry = entry_of(brief(), "news/a.md")
    assert entry.title == "The title" and entry.title_zh == "标题在这里"
    assert entry.summary == ("First.", "Third 3.") and entry.summary_zh == (
        "第一句话很重要。",
        "第三句有数字3。",
    )
    assert (entry.url, entry.site, entry.author, entry.published) == (
        "https://example.cn/a",
        "示例网",
        "张三",
        "2026-03-01",
    )
    assert entry.key_terms == ("数字",) and entry.flagged == 1
    assert entry.chars == len("第一句话很重要。第二句。第三句有数字3。")
    assert entry.day == "2026-03-01"


def test_day_falls_back_to_processing_date() -> None:
    entry = entry_of(brief(), "a.md")
    undated = entry.__class__(
        **{**{f: getattr(entry, f) for f in entry.__slots__}, "published": ""}
    )
    assert undated.day == "2026-03-12"
