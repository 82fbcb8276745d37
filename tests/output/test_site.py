"""The site's lists without a browser: index.html (newest days), month pages, the search index."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

from builders import make_brief

from zhbrief.documents import Entry, KeyTerm, Provenance, Translation
from zhbrief.layout import SEARCH_DATA, SITE_INDEX, page_name
from zhbrief.output.entry import entry_of
from zhbrief.output.files import write_if_changed
from zhbrief.output.html import render_page, script_hash
from zhbrief.output.site import RECENT_DAYS, SEARCH_GLOBAL, index_script, site_files
from zhbrief.run.publish import Reading, page_path, publish


class Links(HTMLParser):
    """Every <a href> and every <link rel=alternate> of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.anchors: list[str] = []
        self.alternates: list[dict[str, str | None]] = []
        self.policy = ""
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a":
            self.anchors.append(a.get("href") or "")
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)
        elif tag == "meta" and a.get("http-equiv"):
            self.policy = a.get("content") or ""


def entry(n: int, day: str, **changes: object) -> Entry:
    values: dict[str, object] = {
        "output": f"news/{n}.md",
        "rel": f"news/{n}.txt",
        "title": f"Brief {n}",
        "title_zh": f"简报{n}",
        "summary": (f"Summary {n}.",),
        "summary_zh": (f"摘要{n}。",),
        "created": f"{day}T08:00:00Z",
    }
    values.update(changes)
    return Entry(**values)  # type: ignore[arg-type]


def a_year(count: int = 400) -> list[Entry]:
    start = date(2025, 3, 1)
    return [entry(n, (start + timedelta(days=n)).isoformat()) for n in range(count)]


def pages_of(entries: list[Entry]) -> dict[str, str]:
    return {e.output: "site/" + page_name(e.output) for e in entries}


def test_the_index_shows_the_newest_days_and_links_every_month() -> None:
    entries = a_year()
    files = site_files(entries, pages_of(entries))
    index = files[SITE_INDEX]
    days = re.findall(r'<section class="day" data-day="([\d-]+)">', index)
    newest = sorted({e.day for e in entries}, reverse=True)
    assert days == newest[:RECENT_DAYS]
    links = Links(index).anchors
    months = sorted({d[:7] for d in newest}, reverse=True)
    assert [f"../digest/{m}.html" for m in months] == [
        a for a in links if re.search(r"\d{4}-\d\d\.html$", a)
    ]
    assert f"../digest/{newest[0]}.html" in links and "news/399.html" in links
    assert "news/0.html" not in links  # an old day: on its month page only
    assert len(index.encode()) < 40_000  # stays small however long cron runs


def test_every_day_is_on_exactly_one_month_page_linking_its_briefs_and_digests() -> None:
    entries = a_year(70)
    files = site_files(entries, pages_of(entries))
    months = {
        name: text for name, text in files.items() if re.fullmatch(r"digest/\d{4}-\d\d\.html", name)
    }
    assert sorted(months) == ["digest/2025-03.html", "digest/2025-04.html", "digest/2025-05.html"]
    seen = []
    for name, text in months.items():
        links = Links(text).anchors
        seen += [a for a in links if a.startswith("../site/news/")]
        days = re.findall(r'data-day="([\d-]+)"', text)
        assert all(day.startswith(name[7:14]) for day in days)
        assert all(f"{day}.html" in links for day in days)  # each day's digest, beside it
    assert sorted(seen) == sorted(f"../site/news/{n}.html" for n in range(70))
    april = Links(months["digest/2025-04.html"]).anchors
    assert "2025-03.html" in april and "2025-05.html" in april and "../site/index.html" in april


def test_the_index_offers_every_feed_for_a_feed_reader() -> None:
    entries = [
        entry(1, "2026-03-12", site="新华网"),
        entry(2, "2026-03-12", site="BBC News"),
        entry(3, "2026-03-12"),
    ]
    index = site_files(entries, pages_of(entries))[SITE_INDEX]
    alternates = Links(index).alternates
    assert all(a["type"] == "application/atom+xml" for a in alternates)
    hrefs = [a["href"] for a in alternates]
    assert hrefs[:2] == ["../feed.xml", "../feeds/digests.xml"]
    assert "../feeds/%E6%96%B0%E5%8D%8E%E7%BD%91.xml" in hrefs and len(hrefs) == 4


def test_the_index_allows_its_own_script_and_the_search_index_beside_it() -> None:
    entries = [entry(1, "2026-03-12")]
    index = site_files(entries, pages_of(entries))[SITE_INDEX]
    parsed = Links(index)
    assert f"script-src {script_hash(index_script())} 'self';" in parsed.policy
    assert index.count("<script>") == 1 and "<script src" not in index


def test_the_search_index_holds_key_terms_pinyin_and_glosses_of_every_brief() -> None:
    entries = a_year(50)
    entries[3] = entry(
        3,
        entries[3].day,
        output="新闻/a b#1.md",
        site="示例网",
        key_terms=("姚顺雨", "图书馆"),
        key_pinyin=("Yáo Shùnyǔ", "túshūguǎn"),
        key_glosses=("", "library"),
    )
    pages = pages_of(entries)
    pages["新闻/a b#1.md"] = "新闻/a b#1.md"  # no page yet: the Markdown
    text = site_files(entries, pages)[SEARCH_DATA]
    assert text.startswith(f"window.{SEARCH_GLOBAL}=") and text.endswith(";\n")
    records = json.loads(text[len(f"window.{SEARCH_GLOBAL}=") : -2])
    assert len(records) == 50 and records[0][3] == entries[-1].day  # newest first
    record = next(r for r in records if r[1] == "Brief 3")
    assert record[:5] == [
        "../%E6%96%B0%E9%97%BB/a%20b%231.md",
        "Brief 3",
        "示例网",
        entries[3].day,
        "Summary 3.",
    ]
    assert record[5] == "简报3 摘要3。 姚顺雨 图书馆 Yáo Shùnyǔ túshūguǎn library"


# C0 and C1 controls (tab and line feed aside), bidi embeddings, overrides, isolates and marks
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NASTY = "\x00\x01\x08\x0b\x0c\r\x1b\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_no_control_or_bidi_character_of_an_article_reaches_a_site_file(tmp_path: Path) -> None:
    def n(text: str) -> str:  # the text with every forbidden character inside it
        return text[:1] + NASTY + text[1:]

    brief = make_brief(
        [[n("第一句。"), n("第二句。")], [n("小标题")]],
        title=n("标题"),
        rel="news/a.txt",
        english=[[n("First."), n("Second.")], [n("Heading")]],
        flags={0: (n("name:李明"),)},
        provenance=Provenance(n("https://example.cn/a"), n("新华网"), n("李明"), "2026-03-12"),
        key_terms=[KeyTerm("第一", n("dì yī"), n("first"), written="第一")],
        summary=[0, 1],
        headings=[1],
    )
    brief = replace(brief, title_en=Translation(n("Title"), (n("country:美国"),)))
    output = tmp_path / "out"
    write_if_changed(page_path(output, "news/a.md"), render_page(brief, page_name("news/a.md")))
    entry = entry_of(brief, "news/a.md")
    publish(Reading(output, base_url="https://news.example.org/"), [entry])
    written = [p for p in output.rglob("*") if p.is_file()]
    assert len(written) >= 10 and any(
        p.parent.name == "feeds" and p.name != "digests.xml" for p in written
    )
    for path in written:
        text = path.read_text(encoding="utf-8")
        found = FORBIDDEN.findall(text)
        assert not found, f"{path.relative_to(output)}: {found}"
    page = (output / "site/news/a.html").read_text(encoding="utf-8")
    assert "第一句。" in page and "Title" in page and "新华网" in page  # the text itself stays
