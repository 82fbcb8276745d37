"""The daily digest: grouping by day with the processing-day fallback, ranking, both formats."""

from __future__ import annotations

from zhbrief.documents import Entry
from zhbrief.output.digest import (
    by_day,
    digest_files,
    ranked,
    render_digest_html,
    render_digest_md,
)


def entry(name: str, created: str, published: str = "", chars: int = 100, terms: str = "") -> Entry:
    return Entry(
        output=f"{name}.md",
        rel=f"{name}.txt",
        title=f"Title {name}",
        title_zh=f"标题{name}",
        summary=(f"Summary of {name}.",),
        summary_zh=(),
        created=created,
        published=published,
        key_terms=tuple(terms.split()),
        chars=chars,
    )


def test_days_are_publication_days_else_processing_days() -> None:
    entries = [
        entry("a", "2026-03-12T08:00:00Z", published="2026-03-10"),
        entry("b", "2026-03-12T23:59:59Z"),
        entry("c", "2026-03-13T00:00:01Z", published="2026-03-10T22:00:00+08:00"),
        entry("d", "2026-03-13T00:00:01Z"),
    ]
    days = by_day(entries)
    assert {day: [e.output for e in group] for day, group in days.items()} == {
        "2026-03-10": ["a.md", "c.md"],
        "2026-03-12": ["b.md"],
        "2026-03-13": ["d.md"],
    }


def test_longer_articles_and_shared_key_terms_come_first() -> None:
    day = "2026-03-12T08:00:00Z"
    short_shared = entry("shared", day, chars=300, terms="图书馆 读者")
    partner = entry("partner", day, chars=300, terms="图书馆")
    other = entry("other", day, chars=300, terms="读者")
    long_alone = entry("long", day, chars=1000, terms="火箭")
    tiny_alone = entry("tiny", day, chars=50, terms="卫星")
    order = ranked([tiny_alone, partner, long_alone, other, short_shared])
    # shared: 0.3 + 2/4; long: 1.0 + 0; partner and other: 0.3 + 1/4; tiny: 0.05
    assert [e.output for e in order] == [
        "long.md",
        "shared.md",
        "other.md",
        "partner.md",
        "tiny.md",
    ]
    assert ranked([]) == []


def test_markdown_digest_lists_titles_and_summaries_in_rank_order() -> None:
    day = "2026-03-12T08:00:00Z"
    entries = [entry("small", day, chars=10), entry("big [x]", day, chars=900)]
    text = render_digest_md(
        "2026-03-12", entries, {"small.md": "../small.md", "big [x].md": "../big [x].md"}
    )
    assert text.startswith("# zhbrief digest 2026-03-12\n")
    assert "## [Title big \\[x\\]](../big%20%5Bx%5D.md)" in text
    assert text.index("Title big") < text.index("Title small")
    assert "Summary of small." in text and "_标题small_" in text


def test_html_digest_links_pages_and_escapes_text() -> None:
    e = entry("<script>x</script>", "2026-03-12T08:00:00Z")
    html = render_digest_html("2026-03-12", [e], {e.output: "../site/a.html"})
    assert "<script>x" not in html and "Title &lt;script&gt;x&lt;/script&gt;" in html
    assert 'href="../site/a.html"' in html and 'href="../site/style.css"' in html


def test_each_digest_links_the_days_before_and_after_it() -> None:
    entries = [
        entry("a", "2026-03-10T08:00:00Z"),
        entry("b", "2026-03-12T08:00:00Z"),
        entry("c", "2026-04-02T08:00:00Z"),
    ]
    pages = {e.output: "site/" + e.output.replace(".md", ".html") for e in entries}
    files = digest_files(entries, pages, html=True)
    assert sorted(files) == [
        f"digest/{d}.{x}"
        for d in ("2026-03-10", "2026-03-12", "2026-04-02")
        for x in ("html", "md")
    ]
    middle = files["digest/2026-03-12.md"]
    assert "[← 2026-03-10](2026-03-10.md) · [2026-04-02 →](2026-04-02.md)" in middle
    assert "](../b.md)" in middle
    first = files["digest/2026-03-10.md"]
    assert "[2026-03-12 →](2026-03-12.md)" in first and "←" not in first
    page = files["digest/2026-03-12.html"]
    assert (
        'rel="prev" href="2026-03-10.html"' in page and 'rel="next" href="2026-04-02.html"' in page
    )
    assert 'href="2026-03.html"' in page and 'href="../site/b.html"' in page
    assert 'href="../site/index.html"' in page
    assert "digest/2026-03-12.html" not in digest_files(entries, pages, html=False)
