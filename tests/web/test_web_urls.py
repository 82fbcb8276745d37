"""URL spelling: normalisation, tracking parameters, relative links, hosts."""

from __future__ import annotations

import pytest

from zhbrief.web.urls import host_of, normalize_url, same_host, to_uri


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://WWW.Example.CN:80/a/b.html#top", "http://www.example.cn/a/b.html"),
        ("https://e.cn:443/a?utm_source=rss&utm_medium=feed&id=3", "https://e.cn/a?id=3"),
        ("https://e.cn/a?spm=a1.b2&from=timeline&isappinstalled=0&fbclid=x", "https://e.cn/a"),
        ("https://e.cn/a?b=2&a=1", "https://e.cn/a?a=1&b=2"),
        ("https://e.cn", "https://e.cn/"),
        ("https://e.cn:8080/a", "https://e.cn:8080/a"),
        ("http://e.cn/新闻/文章.html", "http://e.cn/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"),
        ("http://e.cn/%E6%96%B0/a%20b c", "http://e.cn/%E6%96%B0/a%20b%20c"),  # escapes kept
        (
            "http://e.cn/s?q=新闻&p=%D0%C2",
            "http://e.cn/s?p=%D0%C2&q=%E6%96%B0%E9%97%BB",
        ),  # GBK kept
        ("http://e.cn/100%/x", "http://e.cn/100%25/x"),
        ("http://e.cn/a\x1b[31m\u202e", "http://e.cn/a%1B%5B31m%E2%80%AE"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("http://[2001:DB8::1]/x", "http://[2001:db8::1]/x"),
        ("http://新闻.cn/a", "http://xn--efvy88h.cn/a"),
        ("http://LOCALHOST:8080/feed.xml", "http://localhost:8080/feed.xml"),
        ("http://e.cn./a", "http://e.cn/a"),
    ],
)
def test_normalize_url(raw: str, expected: str) -> None:
    assert normalize_url(raw) == expected


def test_relative_links_resolve_against_the_base() -> None:
    assert normalize_url("../b.html", "https://e.cn/news/x/rss.xml") == "https://e.cn/news/b.html"
    assert normalize_url("//cdn.e.cn/p", "https://e.cn/") == "https://cdn.e.cn/p"


@pytest.mark.parametrize(
    "raw",
    [
        "mailto:a@e.cn", "ftp://e.cn/a", "javascript:void(0)", "http://[::1", "file:///etc/passwd",
        "http://[not:an:ip]/", "http://e.cn:99999/", "http://e.cn:port/", "http://a..b/",
        "http://exa mple.cn/", "http:///path", "http://e.cn/\udcff",
    ],
)  # fmt: skip
def test_non_web_urls_are_refused(raw: str) -> None:
    assert normalize_url(raw) is None and to_uri(raw) is None


def test_a_uri_as_sent_keeps_its_query_as_it_is() -> None:
    assert to_uri("http://E.cn/译?b=2&utm_source=x&a=新#f") == (
        "http://e.cn/%E8%AF%91?b=2&utm_source=x&a=%E6%96%B0"
    )


def test_hosts() -> None:
    assert same_host("https://www.e.cn/a", "http://e.cn/b")
    assert not same_host("https://news.e.cn/a", "https://e.cn/b")
    assert not same_host("http://127.0.0.1:8000/a", "http://localhost:8000/a")
    assert same_host("http://LOCALHOST:8080/feed.xml", "http://localhost:8080/a")
    assert same_host("http://E.CN:80/a", "https://www.e.cn:443/b")
    assert host_of("http://[::1]:8080/x") == "[::1]:8080"
    assert host_of("http://新闻.cn/") == host_of("http://xn--efvy88h.cn/")
    assert host_of("http://[::1") != host_of("http://[::2")  # not URLs: no host in common
