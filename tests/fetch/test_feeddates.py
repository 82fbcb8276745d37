"""Dates of feed entries: RSS pubDate, Atom published/updated, JSON Feed date_published."""

from __future__ import annotations

import json

import pytest

from zhbrief.fetch.feeddates import entry_dates, parse_date

FEED = "https://e.cn/rss.xml"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 12 Mar 2026 08:00:00 +0800", "2026-03-12"),
        ("2026-03-10T10:00:00Z", "2026-03-10"),
        ("2026-02-30", ""),
        ("yesterday", ""),
        ("", ""),
    ],
)
def test_parse_date(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_rss_and_atom_entries() -> None:
    rss = (
        '<?xml version="1.0"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<item><link>/a.html?utm_source=rss</link><pubDate>Thu, 12 Mar 2026 08:00:00 +0800</pubDate></item>"
        "<item><link>https://e.cn/b.html</link><dc:date>2026-03-11</dc:date></item>"
        "<item><link>https://e.cn/c.html</link></item></channel></rss>"
    )
    assert entry_dates(rss, FEED) == {
        "https://e.cn/a.html": "2026-03-12",
        "https://e.cn/b.html": "2026-03-11",
    }
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="https://e.cn/d"/>'
        '<link rel="enclosure" href="https://e.cn/d.jpg"/><updated>2026-01-02T00:00:00Z</updated>'
        "<published>2026-01-01T00:00:00Z</published></entry></feed>"
    )
    assert entry_dates(atom, FEED) == {"https://e.cn/d": "2026-01-01"}


def test_json_feed_and_garbage() -> None:
    items = [{"url": "/x", "date_published": "2026-03-01T00:00:00+08:00"}, {"id": "nourl"}, "junk"]
    assert entry_dates(json.dumps({"items": items}), FEED) == {"https://e.cn/x": "2026-03-01"}
    assert entry_dates("{not json", FEED) == {}
    assert entry_dates("<rss><channel><item><link>/a</link", FEED) == {}
