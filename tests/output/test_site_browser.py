"""The reading site in a real headless Chromium (Debian's, driven by Playwright) from file://."""

from __future__ import annotations

import os
import random
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from builders import make_brief

from zhbrief.documents import Brief, Entry, KeyTerm, Provenance, Translation
from zhbrief.layout import SEARCH_DATA, SITE_INDEX, STYLESHEET, page_name
from zhbrief.output.entry import entry_of
from zhbrief.output.feed import feed_list
from zhbrief.output.files import write_if_changed
from zhbrief.output.html import render_page, stylesheet
from zhbrief.output.site import (
    RECENT_DAYS,
    months_of,
    newest_days,
    render_index,
    search_data,
)
from zhbrief.run.publish import Reading, page_path, publish

CHROMIUM = os.environ.get("ZHBRIEF_CHROMIUM", "/usr/bin/chromium")
HOSTILE = '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
LONG_GLOSS = "reader; a person who reads books, newspapers and magazines, often borrowing them"
pytestmark = pytest.mark.timeout(120)


def library() -> Brief:
    """Sentences of very different lengths, so rows only align if the layout aligns them."""
    long_en = "The central library will stay open until ten at night on Fridays and Saturdays. " * 4
    return make_brief(
        [
            ["夜间开放"],
            [
                "本市中心图书馆宣布延长开放时间。",
                "馆长姚顺雨表示：读者呼声最高。",
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
        key_terms=[
            KeyTerm("图书馆", "túshūguǎn", "library"),
            KeyTerm("读者", "dúzhě", LONG_GLOSS),
            KeyTerm("馆长", "guǎnzhǎng", "curator", "dictionary"),
            KeyTerm("姚顺雨", "Yáo Shùnyǔ", "", "name", "person"),
        ],
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
    assert page.evaluate("location.hash") == "#note-2-2"
    assert "repeated words" in page.locator("#note-2-2").inner_text()


def shown(page: Any) -> list[str]:
    """The titles the search box shows, after it has read the search index."""
    # polled from here: wait_for_function evaluates a string in the page, which its CSP forbids
    deadline = time.monotonic() + 30
    while "Reading" in page.locator("#result-count").inner_text():
        assert time.monotonic() < deadline, "the search index was never read"
        time.sleep(0.02)
    return page.locator("#result-list h3").all_inner_texts()  # type: ignore[no-any-return]


def test_the_search_box_finds_titles_summaries_key_terms_pinyin_and_glosses(
    site: Path, visit: Any, tmp_path: Path
) -> None:
    page = visit(site / "index.html", 1280).page
    assert page.locator("#briefs li.entry").count() == 3 and page.locator("#results").is_hidden()
    library, rocket = "Title of news/library.txt", "Title of rocket.txt"
    for query, titles in (
        ("launched rocket", [rocket]),  # words of the rocket brief's summary only
        ("图书馆", [library]),  # the Chinese title
        ("Yao Shunyu", [library]),  # a name's pinyin without tones, any case
        ("Yáo Shùnyǔ", [library]),  # and with them
        ("guanzhang", [library]),  # a key term's pinyin
        ("curator", [library]),  # a gloss found nowhere else
        ("姚顺雨", [library]),  # the key term itself
        ("no such words", []),
    ):
        page.fill("#search", query)
        assert shown(page) == titles, query
        assert page.locator("#briefs").is_hidden()
    assert page.locator("#result-count").inner_text() == "No brief matches."
    page.fill("#search", "library")
    page.locator("#result-list a").first.click()
    assert page.url.endswith("/site/news/library.html")
    page.go_back()
    page.fill("#search", "")
    assert page.locator("#briefs li.entry:visible").count() == 3
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
    page = visit(site / "index.html", 1280).page
    page.fill("#search", "pwned")
    assert shown(page) == [f"Title {HOSTILE}"]
    assert page.locator("#results img, #results script").count() == 0
    page = visit(site / "hostile.html", 1280).page
    assert page.title() == f"Title {HOSTILE}"
    assert HOSTILE in page.locator("h1").inner_text()
    assert HOSTILE in page.locator(".zh-title").inner_text()
    assert HOSTILE in page.locator(".provenance").inner_text()


def test_digests_link_the_next_and_previous_day_and_back_into_the_site(
    site: Path, visit: Any
) -> None:
    page = visit(site.parent / "digest/2026-03-10.html", 1280).page
    assert page.locator("a[rel=prev]").count() == 0
    page.locator("a[rel=next]").click()
    assert page.url.endswith("/digest/2026-03-11.html")
    page.locator("a[rel=prev]").click()
    assert page.url.endswith("/digest/2026-03-10.html")
    page.get_by_role("link", name="Title of news/library.txt").click()
    assert page.url.endswith("/site/news/library.html")


def tooltip_box(page: Any) -> dict[str, float]:
    """The rendered box of the one gloss shown (a ::after box: only the DevTools protocol sees it)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]

    def nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        yield node
        for child in node.get("children", []) + node.get("pseudoElements", []):
            yield from nodes(child)

    after = [n for n in nodes(root) if n.get("pseudoType") == "after"]
    assert len(after) == 1, "exactly one gloss is shown"
    quad = cdp.send("DOM.getBoxModel", {"nodeId": after[0]["nodeId"]})["model"]["border"]
    cdp.detach()
    xs, ys = quad[0::2], quad[1::2]
    return {"left": min(xs), "right": max(xs), "top": min(ys), "bottom": max(ys)}


@pytest.mark.parametrize("width", [390, 1280])
def test_every_gloss_stays_inside_the_window(
    site: Path, visit: Any, tmp_path: Path, width: int
) -> None:
    page = visit(site / "news/library.html", width).page
    terms = page.locator(".term")
    assert terms.count() >= 8
    for i in range(terms.count()):
        terms.nth(i).focus()
        term = terms.nth(i).bounding_box()
        tip = tooltip_box(page)
        assert tip["left"] >= 0 and tip["right"] <= width, (i, tip)
        assert tip["top"] >= term["y"] + term["height"] - 1  # under the term, not over it
        assert tip["right"] - tip["left"] > 20 and tip["bottom"] - tip["top"] > 10
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=tmp_path / f"gloss-{width}.png")


def test_key_terms_are_reached_with_the_keyboard(site: Path, visit: Any) -> None:
    page = visit(site / "news/library.html", 1280, javascript=False).page  # no script needed
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('term')"):
            break
    else:
        pytest.fail("no key term is reachable with Tab")
    assert tooltip_box(page)["right"] <= 1280
    focused = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert focused.strip('"') in {
        "túshūguǎn — library",
        f"dúzhě — {LONG_GLOSS}",
        "guǎnzhǎng — curator",
        "Yáo Shùnyǔ",
    }


def cjk_fonts_installed() -> bool:
    """Whether fontconfig knows a font covering Chinese (fonts-noto-cjk, say)."""
    try:
        found = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


def platform_fonts(page: Any, selector: str) -> list[str]:
    """The fonts the browser really drew a node's text with (the DevTools protocol tells)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [f["familyName"] for f in fonts]


def test_chinese_is_drawn_with_a_real_cjk_font_of_the_stylesheet(site: Path, browser: Any) -> None:
    if not cjk_fonts_installed():
        message = "no CJK font installed: apt-get install fonts-noto-cjk (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    stylesheet = (site / "style.css").read_text(encoding="utf-8")
    stack = re.search(r'\[lang="zh"\] \{\s*font-family:([^;]+);', stylesheet)
    assert stack is not None
    families = set(re.findall(r'"([^"]+)"', stack.group(1)))
    # not `visit`: CSS.enable makes DevTools itself log a file:// warning in the page
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / "news/library.html").as_uri())
    # five Han characters in the page's stack, and five code points no font has in a font
    # without Chinese: what the Han would look like as boxes (tofu)
    page.evaluate(
        """() => {
        const zh = document.createElement('span'); zh.id = 'han'; zh.lang = 'zh';
        zh.textContent = '图书馆读者';
        const tofu = document.createElement('span'); tofu.id = 'tofu';
        tofu.style.fontFamily = 'monospace';
        tofu.textContent = '\\u{2FFFF}'.repeat(5);
        for (const s of [zh, tofu]) {
            s.style.whiteSpace = 'pre'; s.style.fontSize = '20px'; document.body.append(s);
        }
        }"""
    )
    han = page.locator("#han").bounding_box()["width"]
    tofu = page.locator("#tofu").bounding_box()["width"]
    assert abs(han - 100) < 1  # a CJK font's full-width advance: one em a character
    assert abs(han - tofu) > 20, (han, tofu)  # not boxes drawn by a font without Chinese
    assert platform_fonts(page, "#tofu") != platform_fonts(page, "#han")
    drawn = platform_fonts(page, ".translation .pair .zh")
    assert drawn and set(drawn) <= families, drawn  # a font the stack names, nothing else
    page.close()


BRIEFS = 10_000
WORDS = [
    "city",
    "government",
    "market",
    "energy",
    "vehicle",
    "sales",
    "growth",
    "percent",
    "report",
    "official",
    "said",
    "year",
    "company",
    "price",
    "policy",
    "school",
    "hospital",
    "river",
    "rail",
    "bank",
    "export",
    "trade",
    "court",
    "police",
    "water",
    "province",
    "reform",
    "data",
    "science",
    "launch",
    "rocket",
    "satellite",
    "library",
    "reader",
    "museum",
    "festival",
]
HAN_TEXT = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
    "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
    "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
    "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
    "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
    "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器"
    "压志世金增争济阶油思术极交受联什认六共权收证改清美再采转更单风切打白教速花带安场"
    "身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温"
    "传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断"
    "深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值"
    "号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆"
    "包火住调满县局照参红细引听该铁价严"
)


def realistic_entries(count: int) -> list[Entry]:
    """Briefs of news size: a title, a three-sentence summary, eight glossed key terms."""
    rng = random.Random(26)

    def english(n: int) -> str:
        return " ".join(rng.choices(WORDS, k=n)).capitalize() + "."

    def han(n: int) -> str:
        return "".join(rng.choices(HAN_TEXT, k=n))

    start = date(2025, 1, 1)
    entries = []
    for n in range(count):
        day = (start + timedelta(days=n * 365 // count)).isoformat()
        terms = [han(rng.choice((2, 2, 3, 4))) for _ in range(8)]
        entries.append(
            Entry(
                output=f"news/{day}/article-{n:05d}.md",
                rel=f"news/{day}/article-{n:05d}.html",
                title=english(10),
                title_zh=han(18),
                summary=(english(18), english(15), english(16)),
                summary_zh=(han(40), han(35), han(38)),
                created=f"{day}T{n % 24:02d}:00:00Z",
                site=rng.choice(("新华网", "人民网", "澎湃新闻", "财新网", "BBC 中文")),
                key_terms=tuple(terms),
                key_pinyin=tuple(
                    " ".join(rng.choices(("zhōng", "guó", "shì", "chǎng", "jīng", "jì"), k=len(t)))
                    for t in terms
                ),
                key_glosses=tuple(english(4).rstrip(".") for _ in terms),
            )
        )
    # the one brief that names him
    entries[1234] = replace(
        entries[1234], key_terms=("姚顺雨",), key_pinyin=("Yáo Shùnyǔ",), key_glosses=("",)
    )
    return entries


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """The index and search index of 10,000 briefs (a year of cron), and the seconds to render
    them (the month pages are left out: the search needs none)."""
    entries = realistic_entries(BRIEFS)
    pages = {e.output: "site/" + page_name(e.output) for e in entries}
    began = time.perf_counter()
    days = newest_days(entries)
    recent = days[:RECENT_DAYS]
    links = {
        e.output: page_name(e.output)
        for _, group in recent
        for s in group
        for e in (s.entry, *s.also)
    }
    files = {
        STYLESHEET: stylesheet(),
        SEARCH_DATA: search_data(days, pages),
        SITE_INDEX: render_index(recent, links, feed_list(entries), months_of(days)),
    }
    seconds = time.perf_counter() - began
    output = tmp_path_factory.mktemp("big")
    for name, text in files.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(text, encoding="utf-8")
    return output, seconds


def test_search_stays_fast_with_ten_thousand_briefs(
    big_site: tuple[Path, float], visit: Any
) -> None:
    output, render_seconds = big_site
    data = (output / SEARCH_DATA).stat().st_size
    index = (output / SITE_INDEX).stat().st_size
    page = visit(output / SITE_INDEX, 1280).page
    began = time.perf_counter()
    page.fill("#search", "Yao Shunyu")
    assert len(shown(page)) == 1
    loaded = time.perf_counter() - began
    timings = page.evaluate(
        """(queries) => queries.map((q) => {
        const box = document.getElementById('search');
        box.value = q;
        const t0 = performance.now();
        box.dispatchEvent(new Event('input'));
        return [q, performance.now() - t0, document.querySelectorAll('#result-list li').length];
        })""",
        ["Yao Shunyu", "姚顺雨", "zhong guo", "library museum", "新华网 rocket", "x", "river"],
    )
    print(
        f"\n{BRIEFS} briefs: search-index.js {data / 1e6:.2f} MB, index.html {index / 1e3:.0f} kB,"
        f" both rendered in {render_seconds:.2f} s; first search (reading the index)"
        f" {loaded * 1000:.0f} ms; then "
        + ", ".join(f"{q!r} {ms:.1f} ms ({n} shown)" for q, ms, n in timings)
    )
    by_query = {q: (ms, n) for q, ms, n in timings}
    assert by_query["Yao Shunyu"][1] == by_query["姚顺雨"][1] == 1
    assert by_query["x"][1] == 100  # a match in every brief: the newest hundred are shown
    assert max(ms for _, ms, _ in timings) < 300  # as you type, on a busy machine
    assert loaded < 10 and data < 20e6 and index < 1e6
