"""HTML rendering without a browser: escaping, safe links, key-term marks, page structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from builders import make_brief

from zhbrief.documents import Entry, KeyTerm, Provenance
from zhbrief.output.html import (
    index_script,
    mark_terms,
    render_index,
    render_page,
    root_of,
    safe_url,
    script_hash,
)

HOSTILE = '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text, as a browser's parser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_relative_roots() -> None:
    assert root_of("a.html") == "" and root_of("news/2026/b.html") == "../../"


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.cn/a?x=1#y", True),
        ("http://news.example.com/2026/03/12.html", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ('https://example.cn/"onmouseover="alert(1)', False),
        ("https://exa mple.cn/", False),
        ("//example.cn/a", False),
        ("https:///nohost", False),
        ("ftp://example.cn/a", False),
        ("", False),
    ],
)
def test_only_plain_http_urls_become_links(url: str, kept: bool) -> None:
    assert safe_url(url) == (url.strip() if kept else "")


def test_key_terms_are_cut_out_longest_first_and_lose_no_character() -> None:
    terms = [KeyTerm("图书", "túshū", "book"), KeyTerm("图书馆", "túshūguǎn", "library")]
    runs = mark_terms("市图书馆的图书很多", terms)
    assert "".join(text for text, _ in runs) == "市图书馆的图书很多"
    assert [(text, t.en if t else None) for text, t in runs] == [
        ("市", None),
        ("图书馆", "library"),
        ("的", None),
        ("图书", "book"),
        ("很多", None),
    ]
    assert mark_terms("没有", []) == (("没有", None),)


def test_traditional_terms_are_marked_as_written_and_latin_names_never_glossed() -> None:
    terms = [
        KeyTerm("图书馆", "túshūguǎn", "library", "dictionary", written="圖書館"),
        KeyTerm("App", "", "App", "latin", "latin"),
    ]
    runs = mark_terms("市圖書館的App", terms)
    assert [(text, t.zh if t else None) for text, t in runs] == [
        ("市", None),
        ("圖書館", "图书馆"),
        ("的App", None),
    ]
    brief = make_brief([["圖書館的App。"]], key_terms=terms)
    html = render_page(brief, "a.html")
    assert ">圖書館</span></dt>" in html and "<em>as written</em>" in html
    assert 'data-gloss="App"' not in html


def page_of_hostile_article() -> str:
    brief = make_brief(
        [[f"第一句{HOSTILE}。", "第二句。"]],
        title=f"标题{HOSTILE}",
        english=[[f"English {HOSTILE}", "javascript:alert(1)"]],
        flags={0: (f"flag {HOSTILE}",)},
        provenance=Provenance("javascript:window.__pwned=1", f"网站{HOSTILE}", HOSTILE, "2026"),
        key_terms=[KeyTerm("第一句", HOSTILE, HOSTILE)],
    )
    return render_page(brief, "a.html")


def test_article_text_never_becomes_markup() -> None:
    html = page_of_hostile_article()
    parsed = Tags(html)
    names = [tag for tag, _ in parsed.tags]
    assert "script" not in names and "img" not in names
    for _, attrs in parsed.tags:
        assert not any(k.startswith("on") for k in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript")
    # The hostile text is still there, as text, for the reader to see.
    assert any(HOSTILE in chunk for chunk in parsed.text)
    assert "original article" not in html  # no link when the URL is not http(s)


def test_page_shows_provenance_terms_pairs_and_quality_notes() -> None:
    brief = make_brief(
        [["小标题"], ["图书馆延长开放。", "读者很高兴。"]],
        headings=[0],
        flags={2: ("repeated words",)},
        provenance=Provenance("https://example.cn/a", "示例网", "张三", "2026-03-10"),
        key_terms=[KeyTerm("图书馆", "túshūguǎn", "library")],
        summary=[1],
    )
    html = render_page(brief, "news/a.html")
    parsed = Tags(html)
    links = [a.get("href") for tag, a in parsed.tags if tag == "a"]
    assert "https://example.cn/a" in links and "../index.html" in links and "#q-3" in links
    assert ("link", {"rel": "stylesheet", "href": "../style.css"}) in parsed.tags
    pairs = re.findall(r'<div class="pair" id="s-(\d+)">', html)
    assert pairs == ["1", "2", "3"]
    assert 'class="para heading"' in html and 'id="q-3"' in html
    assert 'data-gloss="túshūguǎn — library"' in html
    assert "示例网" in html and "张三" in html and 'datetime="2026-03-10"' in html


def test_marks_say_how_sure_a_flag_is_and_notes_say_what_is_missing() -> None:
    brief = make_brief(
        [["图书馆延长开放。", "读者很高兴。"]],
        flags={0: ("name:李明", "country:美国"), 1: ("country:美国",)},
    )
    html = render_page(brief, "a.html")
    marks = re.findall(r'<a class="flag (\w+)" href="#q-(\d)" title="([^"]*)">(.)</a>', html)
    assert sorted(set(marks)) == [  # in the summary and in the translation
        ("high", "1", "the name 李明 is not in the English; 美国 is not named in the English", "⚠"),
        ("low", "2", "美国 is not named in the English", "△"),
    ]
    notes = html.split('<section class="notes">', 1)[1]
    assert '<li id="q-2"><span class="flag low">△</span> <a href="#s-2" lang="zh">' in notes
    assert "</a>: 美国 is not named in the English</li>" in notes


def test_index_groups_by_day_and_allows_only_its_own_script() -> None:
    entries = [
        Entry("a.md", "a.txt", "Old <b>", "旧", ("S1.",), (), "2026-03-01T08:00:00Z"),
        Entry(
            "b.md",
            "b.txt",
            "New",
            "新",
            ("S2.",),
            (),
            "2026-03-12T08:00:00Z",
            published="2026-03-11",
        ),
    ]
    html = render_index(entries, {"a.md": "a.html", "b.md": "../b.md"})
    days = re.findall(r'data-day="([\d-]+)"', html)
    assert days == ["2026-03-11", "2026-03-01"]
    assert "Old &lt;b&gt;" in html and 'href="../b.md"' in html
    policy = next(a["content"] for t, a in Tags(html).tags if a.get("http-equiv"))
    assert f"script-src {script_hash(index_script())};" in (policy or "")
    assert html.count("<script>") == 1
