"""The Atom feed: required elements, unique stable ids, RFC 3339 dates, parsed by feedparser."""

from __future__ import annotations

import random
import re
from urllib.parse import quote
from xml.etree import ElementTree as ET

import feedparser
import pytest

from zhbrief.documents import Entry
from zhbrief.layout import site_feed_name
from zhbrief.output.feed import FEED_ENTRIES, entry_id, feed_files, render_feed, rfc3339

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def entry(n: int, **changes: str) -> Entry:
    values: dict[str, object] = {
        "output": f"news/{n}.md",
        "rel": f"news/{n}.txt",
        "title": f"Brief {n}",
        "title_zh": f"简报{n}",
        "summary": (f"First {n}.", f"Second {n}."),
        "summary_zh": (),
        "created": f"2026-03-{1 + n % 28:02d}T08:{n % 60:02d}:00Z",
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def pages(entries: list[Entry]) -> dict[str, str]:
    return {e.output: "site/" + e.output.replace(".md", ".html") for e in entries}


def test_feedparser_reads_every_entry_with_its_links_and_summary() -> None:
    entries = [
        entry(1, url="https://example.cn/1", author="张三", published="2026-02-28"),
        entry(2, url="javascript:alert(1)"),
        entry(3),
    ]
    parsed = feedparser.parse(render_feed(entries, pages(entries)))
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == 3
    first = next(e for e in parsed.entries if e.title == "Brief 1")
    assert first.content[0].value == "First 1. Second 1."
    assert first.content[0].type == "text/plain"
    links = {link.rel: link.href for link in first.links}
    assert links == {"alternate": "site/news/1.html", "via": "https://example.cn/1"}
    assert first.published == "2026-02-28T00:00:00Z" and first.author == "张三"
    second = next(e for e in parsed.entries if e.title == "Brief 2")
    assert [link.rel for link in second.links] == ["alternate"]  # no javascript: link


def test_required_elements_unique_ids_and_rfc3339_dates() -> None:
    entries = [entry(n) for n in range(12)]
    root = ET.fromstring(render_feed(entries, pages(entries)))
    assert root.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author/" + A + "name"):
        assert root.find(A + tag) is not None, tag
    items = root.findall(f"{A}entry")
    ids = [item.findtext(f"{A}id") for item in items]
    assert len(set(ids)) == len(ids) == 12
    for item in items:
        assert item.findtext(f"{A}title") and item.find(f"{A}link[@rel='alternate']") is not None
    dates = [d.text for d in root.iter() if d.tag in (f"{A}updated", f"{A}published")]
    assert dates and all(RFC3339.match(d or "") for d in dates)
    assert root.findtext(f"{A}updated") == max(e.created for e in entries)


def test_ids_are_stable_per_source_and_the_feed_is_deterministic() -> None:
    entries = [entry(n) for n in range(30)]
    shuffled = entries[:]
    random.Random(4).shuffle(shuffled)
    assert render_feed(entries, pages(entries)) == render_feed(shuffled, pages(entries))
    assert entry_id("news/1.txt") == entry_id("news/1.txt") != entry_id("news/2.txt")
    assert entry_id("news/1.txt").startswith("urn:uuid:")
    updated = entry(1, created="2026-04-01T00:00:00Z", title="Brief 1, again")
    again = feedparser.parse(render_feed([updated, *entries[2:]], pages(entries)))
    assert (
        again.entries[0].id == entry_id("news/1.txt") and again.entries[0].title == "Brief 1, again"
    )


def test_only_the_newest_hundred_newest_first() -> None:
    entries = [entry(n, created=f"2026-03-12T{n // 60:02d}:{n % 60:02d}:00Z") for n in range(130)]
    parsed = feedparser.parse(render_feed(entries, pages(entries)))
    assert len(parsed.entries) == FEED_ENTRIES
    assert [e.title for e in parsed.entries[:2]] == ["Brief 129", "Brief 128"]
    assert parsed.entries[-1].title == "Brief 30"


def test_base_url_makes_links_absolute() -> None:
    entries = [entry(1, output="新闻/a b.md")]
    xml = render_feed(
        entries, {"新闻/a b.md": "site/新闻/a b.html"}, "https://news.example.org/briefs"
    )
    parsed = feedparser.parse(xml)
    assert parsed.feed.link == "https://news.example.org/briefs/site/index.html"
    assert (
        parsed.entries[0].link
        == "https://news.example.org/briefs/site/%E6%96%B0%E9%97%BB/a%20b.html"
    )
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert self_link == "https://news.example.org/briefs/feed.xml"


def test_characters_xml_cannot_hold_are_dropped_not_fatal() -> None:
    entries = [entry(1, title="bad\x00\x0b title <&>", summary=("x\x1f y",))]
    parsed = feedparser.parse(render_feed(entries, pages(entries)))
    assert not parsed.bozo
    assert parsed.entries[0].title == "bad title <&>"
    assert parsed.entries[0].content[0].value == "x y"


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-03-12", "2026-03-12T00:00:00Z"),
        ("2026-03-12T08:00:00Z", "2026-03-12T08:00:00Z"),
        ("2026-03-12T08:00:00+00:00", "2026-03-12T08:00:00Z"),
        ("2026-03-12 16:30:00+08:00", "2026-03-12T16:30:00+08:00"),
        ("2026-03-12T16:30", "2026-03-12T16:30:00Z"),
        ("March 2026", None),
        ("", None),
    ],
)
def test_rfc3339(stamp: str, expected: str | None) -> None:
    assert rfc3339(stamp) == expected


def test_a_feed_per_site_and_one_of_the_digests_each_valid_atom() -> None:
    entries = [
        entry(1, site="新华网", created="2026-03-11T08:00:00Z"),
        entry(2, site="新华网", created="2026-03-12T08:00:00Z"),
        entry(3, site="BBC News/中文", created="2026-03-12T09:00:00Z"),
        entry(4, created="2026-03-12T10:00:00Z"),
    ]
    files = feed_files(entries, pages(entries), "")
    assert sorted(files) == [
        "feed.xml",
        site_feed_name("BBC News/中文"),
        "feeds/digests.xml",
        "feeds/新华网.xml",
    ]
    assert re.fullmatch(r"feeds/bbc-news-中文-[0-9a-f]{6}\.xml", site_feed_name("BBC News/中文"))
    ids = set()
    for name, text in files.items():
        parsed = feedparser.parse(text)
        assert not parsed.bozo and parsed.version == "atom10", name
        ids.add(parsed.feed.id)
        assert not [link for link in parsed.feed.links if link.rel == "self"]  # no base_url
    assert len(ids) == 4  # every feed its own id
    xinhua = feedparser.parse(files["feeds/新华网.xml"])
    assert xinhua.feed.title == "zhbrief — 新华网"
    assert [e.title for e in xinhua.entries] == ["Brief 2", "Brief 1"]
    # relative links from feeds/ reach the site one folder up
    assert (
        xinhua.entries[0].link == "../site/news/2.html" and xinhua.feed.link == "../site/index.html"
    )
    digests = feedparser.parse(files["feeds/digests.xml"])
    assert [e.title for e in digests.entries] == [
        "Digest of 2026-03-12: 3 stories",
        "Digest of 2026-03-11: 1 story",
    ]
    assert digests.entries[0].link == "../digest/2026-03-12.html"
    assert digests.entries[0].updated == "2026-03-12T10:00:00Z"
    assert "• Brief 2 — First 2." in digests.entries[0].content[0].value


def test_every_feed_links_itself_when_base_url_is_set() -> None:
    entries = [entry(1, site="新华网"), entry(2)]
    base = "https://news.example.org/briefs/"
    for name, text in feed_files(entries, pages(entries), base).items():
        parsed = feedparser.parse(text)
        assert not parsed.bozo, name
        self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
        assert self_link == base + quote(name) and parsed.feed.id == self_link
        assert parsed.feed.link == base + "site/index.html"
        assert all(e.link.startswith(base) for e in parsed.entries)


def test_control_and_bidi_characters_never_reach_a_feed() -> None:
    hostile = "a\x01b\u202ec\u2066d\x85e\u200f"
    entries = [entry(1, title=hostile, site=hostile, summary=(hostile,), author=hostile)]
    for text in feed_files(entries, pages(entries), "").values():
        assert not re.search(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]", text
        )
        assert "abcde" in text
