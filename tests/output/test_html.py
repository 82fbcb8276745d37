"""HTML rendering without a browser: escaping, safe links, key-term marks, page structure."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from builders import make_brief
from hypothesis import given, settings
from hypothesis import strategies as st

from zhbrief.documents import Brief, KeyTerm, Provenance, Translation
from zhbrief.output.html import mark_terms, relative, render_page, root_of, safe_url
from zhbrief.output.markdown import render_brief

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


def test_relative_roots_and_links() -> None:
    assert root_of("a.html") == "" and root_of("news/2026/b.html") == "../../"
    assert relative("site/a/b.html", "site/index.html") == "a/b.html"
    assert relative("site/a.html", "digest/2026-03-12.html") == "../site/a.html"
    assert relative("feed.xml", "site/index.html") == "../feed.xml"
    assert relative("site/index.html", "feed.xml") == "site/index.html"


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
        ("https://example.cn/\u202egnp.exe", False),
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
    assert "https://example.cn/a" in links and "../index.html" in links and "#note-2-2" in links
    assert "../../news/a.md" in links  # the Markdown brief beside the site
    assert ("link", {"rel": "stylesheet", "href": "../style.css"}) in parsed.tags
    pairs = re.findall(r'<div class="pair" id="s-([\d-]+)">', html)
    assert pairs == ["1-1", "2-1", "2-2"]
    assert 'class="para heading"' in html and 'id="note-2-2"' in html
    assert 'data-gloss="túshūguǎn — library"' in html
    assert "示例网" in html and "张三" in html and 'datetime="2026-03-10"' in html


def test_marks_say_how_sure_a_flag_is_and_notes_say_what_is_missing() -> None:
    brief = make_brief(
        [["图书馆延长开放。", "读者很高兴。"]],
        flags={0: ("name:李明", "country:美国"), 1: ("country:美国",)},
    )
    html = render_page(brief, "a.html")
    marks = re.findall(r'<a class="flag (\w+)" href="#note-([\d-]+)" title="([^"]*)">(.)</a>', html)
    assert sorted(set(marks)) == [  # in the summary and in the translation
        (
            "high",
            "1-1",
            "the name 李明 is not in the English; 美国 is not named in the English",
            "⚠",
        ),
        ("low", "1-2", "美国 is not named in the English", "△"),
    ]
    notes = html.split('<section class="notes">', 1)[1]
    note = '<li id="note-1-2"><span class="n">1.2</span> <span class="flag low">△</span> '
    assert note + '<a href="#s-1-2" lang="zh">' in notes
    assert "</a>: 美国 is not named in the English</li>" in notes


class Numbers(HTMLParser):
    """Per section of a page, each row's sentence number, ★ and ⚠/△, as a parser reads them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.section = ""
        self.rows: dict[str, list[list[str]]] = {}
        self.capture = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = (dict(attrs).get("class") or "").split()
        if tag == "section":
            self.section = cls[0] if cls else ""
        elif self.section and (tag == "li" or "pair" in cls):
            self.rows.setdefault(self.section, []).append([])
        self.capture = self.section != "" and bool({"n", "star", "flag"} & set(cls))

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.rows[self.section][-1].append(data.strip())
            self.capture = False


_MD_ROW = re.compile(r"^(?:- (?:<a id=\"[^\"]+\"></a>)?)?\*\*([\d.]+|title)\*\* (★ )?(.*)$")
_MD_MARK = re.compile(r"\[(⚠|△)\]\(#note-[\w-]+\)|\*\*(?:[\d.]+|title)\*\* (⚠|△) “")


def markdown_numbers(markdown: str) -> dict[str, list[list[str]]]:
    """Per section of a Markdown brief, each numbered line's number, ★ and ⚠/△."""
    rows: dict[str, list[list[str]]] = {}
    section = ""
    for line in markdown.splitlines():
        if line.startswith("## "):
            section = {"Summary": "summary", "Translation": "translation"}.get(line[3:], "notes")
            continue
        found = _MD_ROW.match(line)
        if found:
            mark = _MD_MARK.search(line)
            row = [found.group(1), *(["★"] if found.group(2) else [])]
            rows.setdefault(section, []).append(
                row + [m for m in (mark.groups() if mark else ()) if m]
            )
    return rows


FLAGS = st.sampled_from([(), (), ("name:李明",), ("country:美国",), ("empty",)])


@st.composite
def briefs(draw: st.DrawFn) -> Brief:
    """Briefs of any shape: paragraphs, subheadings, a title or none, flags, a summary."""
    sizes = draw(st.lists(st.integers(1, 4), min_size=1, max_size=5))
    paragraphs = [[f"第{p}段第{i}句。" for i in range(n)] for p, n in enumerate(sizes)]
    headings = draw(
        st.sets(st.sampled_from(range(len(sizes)))).filter(lambda h: len(h) < len(sizes))
    )
    body = [i for i in range(sum(sizes)) if not _in_heading(i, sizes, headings)]
    summary = sorted(draw(st.sets(st.sampled_from(body), max_size=4)))
    flags = {i: draw(FLAGS) for i in range(sum(sizes))}
    brief = make_brief(
        paragraphs,
        title=draw(st.sampled_from([None, "标题"])),
        flags={i: f for i, f in flags.items() if f},
        summary=summary,
        headings=sorted(headings),
    )
    title_flags = draw(FLAGS)
    if brief.title_en is not None and title_flags:
        brief = replace(brief, title_en=Translation(brief.title_en.en, title_flags))
    return brief


def _in_heading(i: int, sizes: list[int], headings: set[int]) -> bool:
    start = 0
    for p, n in enumerate(sizes):
        if start <= i < start + n:
            return p in headings
        start += n
    return False


@settings(max_examples=60, deadline=None)
@given(briefs())
def test_every_sentence_number_star_and_mark_of_the_markdown_is_on_the_page(brief: Brief) -> None:
    markdown = markdown_numbers(render_brief(brief))
    page = Numbers(render_page(brief, "a.html")).rows
    # the summary: the same numbers in the same order (with their marks)
    assert [r for r in markdown.get("summary", [])] == page.get("summary", [])
    # the translation: every numbered line of the Markdown is a row of the page, ★ and mark alike
    rows = {r[0]: r for r in page.get("translation", []) if r and r[0] != "★"}
    for row in markdown.get("translation", []):
        assert rows[row[0]] == row
    stars = {r[0] for r in page.get("translation", []) if "★" in r}
    assert stars == {r[0] for r in markdown.get("translation", []) if "★" in r}
    assert page.get("notes", []) == markdown.get("notes", [])
