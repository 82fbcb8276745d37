"""The reading site in a real headless Chromium (Debian's, driven by Playwright) from file://."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from builders import make_brief

from zhbrief.documents import Brief, KeyTerm, Provenance, Translation
from zhbrief.layout import page_name
from zhbrief.output.entry import entry_of
from zhbrief.output.files import write_if_changed
from zhbrief.output.html import render_page
from zhbrief.run.publish import Reading, page_path, publish

CHROMIUM = os.environ.get("ZHBRIEF_CHROMIUM", "/usr/bin/chromium")
HOSTILE = '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
pytestmark = pytest.mark.timeout(120)


def library() -> Brief:
    """Sentences of very different lengths, so rows only align if the layout aligns them."""
    long_en = "The central library will stay open until ten at night on Fridays and Saturdays. " * 4
    return make_brief(
        [
            ["夜间开放"],
            [
                "本市中心图书馆宣布延长开放时间。",
                "馆长表示：读者呼声最高。",
                "去年接待读者约120万人次。",
            ],
            ["自助借还机将全部开放。", "图书馆还将增加座位。"],
        ],
        title="城市图书馆推出夜间开放服务",
        rel="news/library.txt",
        english=[
            ["Night opening"],
            [long_en, "Readers asked for it most.", "About 1.2 million visits last year."],
            ["All self-service machines will open.", long_en],
        ],
        headings=[0],
        flags={2: ("repeated words",)},
        provenance=Provenance("https://example.cn/library", "示例日报", "李明", "2026-03-10"),
        key_terms=[KeyTerm("图书馆", "túshūguǎn", "library"), KeyTerm("读者", "dúzhě", "reader")],
        summary=[1, 3],
    )


def rocket() -> Brief:
    return make_brief(
        [["火箭今天发射成功。", "卫星进入轨道。"]],
        title="火箭发射",
        rel="rocket.txt",
        english=[["The rocket launched today.", "The satellite reached orbit."]],
        summary=[0],
        created="2026-03-11T08:00:00Z",
    )


def hostile() -> Brief:
    brief = make_brief(
        [[f"第一句{HOSTILE}。", "第二句。"]],
        title=f"标题{HOSTILE}",
        rel="hostile.txt",
        english=[[f"English {HOSTILE}", "javascript:window.__pwned=1"]],
        flags={0: (f"flag {HOSTILE}",)},
        provenance=Provenance("javascript:window.__pwned=1", f"网站{HOSTILE}", HOSTILE, ""),
        key_terms=[KeyTerm("第一句", HOSTILE, HOSTILE)],
        summary=[0],
    )
    return replace(brief, title_en=Translation(f"Title {HOSTILE}"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with three briefs' pages, index.html, the stylesheet and digests."""
    output = tmp_path_factory.mktemp("out")
    entries = []
    for brief in (library(), rocket(), hostile()):
        name = brief.article.rel.rsplit(".", 1)[0] + ".md"
        write_if_changed(page_path(output, name), render_page(brief, page_name(name)))
        entries.append(entry_of(brief, name))
    publish(Reading(output), entries)
    return output / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium; on CI a missing browser fails the suite instead of skipping."""
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} not found: apt-get install chromium (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@dataclass
class Visit:
    """A loaded page and what it tried: requests off file://, console errors, page errors."""

    page: Any
    remote: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.remote == [], f"requests left the page: {self.remote}"
        assert self.errors == [], f"errors in the page: {self.errors}"
        assert self.page.evaluate("typeof window.__pwned") == "undefined"


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """Open a site file at a width; every visit must stay offline and error-free."""
    contexts, visits = [], []

    def open_page(path: Path, width: int, javascript: bool = True) -> Visit:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(r: Any) -> None:
            if r.request.url.startswith("file://"):
                r.continue_()
            else:
                seen.remote.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        page.goto(path.as_uri())
        visits.append(seen)
        return seen

    yield open_page
    for seen in visits:
        seen.assert_clean()
    for context in contexts:
        context.close()


def boxes(page: Any, selector: str) -> list[dict[str, float]]:
    return [e.bounding_box() for e in page.query_selector_all(selector)]


def test_columns_align_sentence_by_sentence_on_a_wide_screen(
    site: Path, visit: Any, tmp_path: Path
) -> None:
    page = visit(site / "news/library.html", 1280).page
    en, zh = boxes(page, ".translation .pair .en"), boxes(page, ".translation .pair .zh")
    assert len(en) == len(zh) == 7  # the title and six body sentences
    for e, z in zip(en, zh, strict=True):
        assert abs(e["y"] - z["y"]) < 1  # each English shares its row with its Chinese
        assert z["x"] >= e["x"] + e["width"]  # Chinese to the right
    tops = [max(e["y"] + e["height"], z["y"] + z["height"]) for e, z in zip(en, zh, strict=True)]
    assert all(bottom <= nxt["y"] + 1 for bottom, nxt in zip(tops, en[1:], strict=False))
    assert en[2]["height"] > 2 * zh[2]["height"]  # the long English really is longer
    page.screenshot(path=tmp_path / "brief-1280.png", full_page=True)


def test_columns_stack_on_a_phone(site: Path, visit: Any, tmp_path: Path) -> None:
    page = visit(site / "news/library.html", 390).page
    for e, z in zip(boxes(page, ".translation .en"), boxes(page, ".translation .zh"), strict=True):
        assert z["y"] >= e["y"] + e["height"] - 1 and abs(z["x"] - e["x"]) < 8
        assert e["x"] + e["width"] <= 390 and z["x"] + z["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=tmp_path / "brief-390.png", full_page=True)


def test_the_toggle_hides_and_shows_the_chinese(site: Path, visit: Any) -> None:
    page = visit(site / "news/library.html", 1280).page
    chinese = page.locator(".translation .zh")
    assert chinese.first.is_visible()
    page.get_by_text("Hide Chinese").click()
    assert all(not chinese.nth(i).is_visible() for i in range(chinese.count()))
    assert page.locator(".translation .en").first.is_visible()
    page.get_by_text("Show Chinese").click()
    assert chinese.nth(3).is_visible()


def test_the_page_reads_and_toggles_without_javascript(site: Path, visit: Any) -> None:
    page = visit(site / "news/library.html", 1280, javascript=False).page
    assert page.locator(".translation .pair").count() == 7
    page.get_by_text("Hide Chinese").click()
    assert not page.locator(".translation .zh").first.is_visible()


def test_focusing_a_key_term_shows_its_gloss(site: Path, visit: Any) -> None:
    page = visit(site / "news/library.html", 1280).page
    term = page.locator(".translation .term").first
    assert term.inner_text() == "图书馆"
    after = "e => getComputedStyle(e, '::after').content"
    assert term.evaluate(after) == "none"
    term.focus()
    assert term.evaluate(after) == '"túshūguǎn — library"'


def test_a_warning_mark_leads_to_its_quality_note(site: Path, visit: Any) -> None:
    page = visit(site / "news/library.html", 1280).page
    mark = page.locator(".translation .flag")
    assert mark.count() == 1
    mark.click()
    assert page.evaluate("location.hash") == "#q-3"
    assert "repeated words" in page.locator("#q-3").inner_text()


def test_the_search_box_filters_titles_and_summaries(
    site: Path, visit: Any, tmp_path: Path
) -> None:
    page = visit(site / "index.html", 1280).page
    entries = page.locator("li.entry")
    assert entries.count() == 3
    page.fill("#search", "launched rocket")  # words of the rocket brief's summary only
    visible = [entries.nth(i).is_visible() for i in range(3)]
    assert visible.count(True) == 1
    assert page.locator("li.entry:visible h3").inner_text() == "Title of rocket.txt"
    page.fill("#search", "图书馆")  # the Chinese title counts too
    assert page.locator("li.entry:visible h3").inner_text() == "Title of news/library.txt"
    page.fill("#search", "no such words")
    assert page.locator("li.entry:visible").count() == 0 and page.locator("#no-match").is_visible()
    page.fill("#search", "")
    assert page.locator("li.entry:visible").count() == 3
    page.screenshot(path=tmp_path / "index-1280.png", full_page=True)


def test_the_index_groups_by_day_newest_first(site: Path, visit: Any) -> None:
    page = visit(site / "index.html", 390).page
    days = page.locator("section.day").evaluate_all("s => s.map(d => d.dataset.day)")
    assert days == ["2026-03-12", "2026-03-11", "2026-03-10"]
    page.get_by_role("link", name="Title of news/library.txt").click()
    assert page.url.endswith("/site/news/library.html")


def test_a_hostile_article_runs_no_script(site: Path, visit: Any) -> None:
    for path in (
        site / "hostile.html",
        site / "index.html",
        site.parent / "digest/2026-03-12.html",
    ):
        seen = visit(path, 1280)
        page = seen.page
        assert page.locator("script").count() == (1 if path.name == "index.html" else 0)
        assert page.locator("img, a[href^='javascript'], [onerror]").count() == 0
        for i in range(page.locator(".term").count()):
            page.locator(".term").nth(i).focus()
        seen.assert_clean()
    page = visit(site / "hostile.html", 1280).page
    assert page.title() == f"Title {HOSTILE}"
    assert HOSTILE in page.locator("h1").inner_text()
    assert HOSTILE in page.locator(".zh-title").inner_text()
    assert HOSTILE in page.locator(".provenance").inner_text()


def test_the_digest_page_links_back_into_the_site(site: Path, visit: Any) -> None:
    page = visit(site.parent / "digest/2026-03-10.html", 1280).page
    page.get_by_role("link", name="Title of news/library.txt").click()
    assert page.url.endswith("/site/news/library.html")
