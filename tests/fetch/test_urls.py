"""Which URLs are articles, and the file names of their pages."""

from __future__ import annotations

from zhbrief.fetch.urls import host_folder, is_home_page, slug_of, url_hash


def test_host_folders() -> None:
    assert host_folder("http://127.0.0.1:8000/a") == "127.0.0.1_8000"
    assert host_folder("https://www.e.cn/a") == "www.e.cn"
    assert host_folder("http://[::1]:8080/x") == "__1_8080"


def test_home_pages_are_not_articles() -> None:
    assert is_home_page("https://e.cn/") and not is_home_page("https://e.cn/?p=3")
    assert not is_home_page("https://e.cn/a.html")


def test_slugs() -> None:
    assert slug_of("https://e.cn/news/2026/03/Article_123.shtml") == "article-123"
    assert slug_of("https://e.cn/news/story/") == "story"
    assert slug_of("https://e.cn/新闻/") == url_hash("https://e.cn/新闻/")
    assert len(slug_of("https://e.cn/" + "a" * 200)) == 60
    encoded = "https://e.cn/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"  # /新闻/文章.html
    assert slug_of(encoded) == url_hash(encoded)  # not "e6-96-87-e7-ab-a0"
    assert slug_of("https://e.cn/a/Big%20News-2.html") == "big-news-2"
