"""The entries table's JSON: a round trip, and tolerance of keys added or dropped later."""

from __future__ import annotations

from zhbrief.documents import Entry
from zhbrief.store.entries import entry_from_json, entry_to_json

ENTRY = Entry(
    "news/a.md",
    "news/a.txt",
    "Title",
    "标题",
    ("One.", "Two."),
    ("一。", "二。"),
    "2026-03-12T08:00:00Z",
    url="https://e.cn/a",
    key_terms=("新闻",),
    chars=40,
    flagged=1,
)


def test_json_round_trip_and_tolerance() -> None:
    entry = ENTRY
    assert entry_from_json(entry_to_json(entry)) == entry
    assert entry_from_json(
        '{"output": "a.md", "rel": "a.txt", "title": "T", "title_zh": "",'
        ' "summary": ["S"], "summary_zh": [], "created": "c", "later": 1}'
    ).summary == ("S",)
