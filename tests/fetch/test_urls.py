"""URL normalisation, tracking parameters, hosts, file-name slugs."""

from __future__ import annotations

import pytest

from zhbrief.fetch.urls import (
    host_folder,
    is_home_page,
    normalize_url,
    same_host,
    slug_of,
    url_hash,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Example.CN:80/a/b.html#top", "http://www.example.cn/a/b.html"),
        ("https://e.cn:443/a?utm_source=rss&utm_medium=feed&id=3", "https://e.cn/a?id=3"),
        ("https://e.cn/a?spm=a1.b2&from=timeline&isappinstalled=0&fbclid=x", "https://e.cn/a"),
        ("https://e.cn/a?b=2&a=1", "https://e.cn/a?a=1&b=2"),
        ("https://e.cn", "https://e.cn/"),
        ("https://e.cn:8080/a", "https://e.cn:8080/a"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_relative_links_resolve_against_the_base() -> None:
    assert normalize_url("../b.html", "https://e.cn/news/x/rss.xml") == "https://e.cn/news/b.html"
    assert normalize_url("//cdn.e.cn/p", "https://e.cn/") == "https://cdn.e.cn/p"


@pytest.mark.parametrize(
    "raw", ["mailto:a@e.cn", "ftp://e.cn/a", "javascript:void(0)", "http://[::1"]
)
def test_non_web_urls_are_refused(raw: str) -> None:
    assert normalize_url(raw) is None


def test_hosts() -> None:
    assert same_host("https://www.e.cn/a", "http://e.cn/b")
    assert not same_host("https://news.e.cn/a", "https://e.cn/b")
    assert not same_host("http://127.0.0.1:8000/a", "http://localhost:8000/a")
    assert host_folder("http://127.0.0.1:8000/a") == "127.0.0.1_8000"
    assert host_folder("https://www.e.cn/a") == "www.e.cn"


def test_home_pages_are_not_articles() -> None:
    assert is_home_page("https://e.cn/") and not is_home_page("https://e.cn/?p=3")
    assert not is_home_page("https://e.cn/a.html")


def test_slugs() -> None:
    assert slug_of("https://e.cn/news/2026/03/Article_123.shtml") == "article-123"
    assert slug_of("https://e.cn/news/story/") == "story"
    assert slug_of("https://e.cn/新闻/") == url_hash("https://e.cn/新闻/")
    assert len(slug_of("https://e.cn/" + "a" * 200)) == 60
