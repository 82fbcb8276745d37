"""Provenance: a page's address, site, author and date, from HTML meta and from scraped text."""

from __future__ import annotations

import pytest

from zhbrief.documents import PageMeta, Provenance
from zhbrief.ingest import prepare_article
from zhbrief.ingest.provenance import provenance_of

BODY = (
    "<article><h1>城市图书馆推出夜间开放服务</h1>"
    "<p>本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点，读者可以在夜间借还图书。</p>"
    "<p>馆长李明表示，延长开放时间是读者呼声最高的建议，图书馆将增加两名值班馆员。</p>"
    "</article>"
)
JSON_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "城市图书馆推出夜间开放服务", '
    '"datePublished": "2025-10-05T08:30:00+08:00", "dateModified": "2025-10-07T10:00:00+08:00", '
    '"author": {"@type": "Person", "name": "李明"}, '
    '"publisher": {"@type": "Organization", "name": "示例新闻网"}}</script>'
)
CANONICAL = '<link rel="canonical" href="https://news.example.cn/2025/10/05/library.html">'
OG_URL = '<meta property="og:url" content="https://m.example.cn/library">'


def page(*head: str) -> bytes:
    """An HTML page with these head elements and the article body."""
    return (
        f"<html><head><meta charset='utf-8'><title>城市图书馆推出夜间开放服务_示例新闻网</title>"
        f"{''.join(head)}</head><body>{BODY}</body></html>"
    ).encode()


def test_canonical_link_wins_over_og_url_and_json_ld_gives_date_author_site() -> None:
    article = prepare_article(page(OG_URL, CANONICAL, JSON_LD), "library.html")
    assert article.provenance == Provenance(
        url="https://news.example.cn/2025/10/05/library.html",
        site="示例新闻网",
        author="李明",
        published="2025-10-05",
    )


def test_og_url_when_there_is_no_canonical_link() -> None:
    article = prepare_article(page(OG_URL, JSON_LD), "library.html")
    assert article.provenance.url == "https://m.example.cn/library"


def test_relative_canonical_falls_back_to_og_url() -> None:
    relative = '<link rel="canonical" href="/2025/10/05/library.html">'
    article = prepare_article(page(relative, OG_URL), "library.html")
    assert article.provenance.url == "https://m.example.cn/library"


def test_page_without_address_or_date_has_empty_provenance_fields() -> None:
    article = prepare_article(page(), "library.html")
    assert article.provenance.url == "" and article.provenance.published == ""


SCRAPED = """\
城市图书馆推出夜间开放服务
2025年10月05日 14:20 来源：示例日报
原文链接：https://daily.example.cn/a/123.html
本报讯 本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。
馆长李明表示，延长开放时间是读者呼声最高的建议。
"""


def test_text_source_date_and_link_lines_are_kept_as_provenance_not_body() -> None:
    article = prepare_article(SCRAPED.encode("gb18030"), "library.txt")
    assert article.provenance == Provenance(
        url="https://daily.example.cn/a/123.html", site="示例日报", published="2025-10-05"
    )
    body = "".join(p.zh for p in article.paragraphs)
    assert "来源" not in body and "https" not in body and "2025" not in body


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"date": "2025-10-05T08:30:00+08:00"}, Provenance(published="2025-10-05")),
        ({"date": "2025年3月9日"}, Provenance(published="2025-03-09")),
        ({"date": "last week"}, Provenance()),
        ({"source": "新华网"}, Provenance(site="新华网")),
        ({"site": "凤凰网", "source": "新华网"}, Provenance(site="凤凰网")),
        ({"url": "javascript:void(0)"}, Provenance()),
    ],
)
def test_provenance_of_meta(meta: dict[str, str], expected: Provenance) -> None:
    assert provenance_of(PageMeta(**meta)) == expected
