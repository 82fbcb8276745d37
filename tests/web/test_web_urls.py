"""URL spelling: normalisation, tracking parameters, relative links, hosts."""

from __future__ import annotations

import pytest

from zhbrief.web.urls import normalize_url, same_host


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
