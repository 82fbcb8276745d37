"""Discovery through trafilatura: feeds, a home page's feeds, sitemaps; same host, once each."""

from __future__ import annotations

import gzip
import json

import pytest
from httpsite import Reply, Site, atom, page, rss, sitemap

from zhbrief.errors import FetchError
from zhbrief.fetch.discover import Entry, discover
from zhbrief.fetch.robots import Robots
from zhbrief.store.fetches import FeedState
from zhbrief.web.client import Client, Polite


def find(site: Site, path: str) -> list[Entry]:
    client = Client(Polite(delay=0, timeout=5), sleep=lambda s: None)
    return list(discover(site.url(path), client, Robots(client)).entries)


def test_rss_links_same_host_once_each_with_dates(site: Site) -> None:
    other = site.url("/news/b.html").replace("127.0.0.1", "localhost")
    site.routes["/rss.xml"] = rss(
        (site.url("/news/a.html"), "Thu, 12 Mar 2026 08:00:00 +0800"),
        ("/news/a.html?utm_source=rss#comments", "Thu, 12 Mar 2026 08:00:00 +0800"),
        (other, ""),
        ("https://elsewhere.example.cn/c.html", ""),
        ("/news/photo.jpg", ""),
        ("/news/c.html", ""),
    )
    assert find(site, "/rss.xml") == [
        Entry(site.url("/news/a.html"), "2026-03-12"),
        Entry(site.url("/news/c.html")),
    ]
    assert site.requests == ["/rss.xml"]  # a feed the user named: robots.txt is not asked


def test_json_feed(site: Site) -> None:
    items = {"version": "https://jsonfeed.org/version/1.1", "items": [
        {"id": "1", "url": site.url("/n/1.html"), "date_published": "2026-03-01T00:00:00Z"},
        {"id": "2", "url": site.url("/n/2.html")},
    ]}  # fmt: skip
    site.routes["/feed.json"] = Reply(
        json.dumps(items).encode(), headers={"Content-Type": "application/feed+json"}
    )
    assert find(site, "/feed.json") == [
        Entry(site.url("/n/1.html"), "2026-03-01"),
        Entry(site.url("/n/2.html")),
    ]


def test_a_home_page_leads_to_its_feed(site: Site) -> None:
    link = '<link rel="alternate" type="application/atom+xml" title="新闻" href="/atom.xml">'
    site.routes["/"] = Reply(page("首页", "欢迎访问本站，这里有最新的新闻报道。", head=link))
    site.routes["/atom.xml"] = atom((site.url("/n/1.html"), "2026-03-10T10:00:00Z"))
    assert find(site, "/") == [Entry(site.url("/n/1.html"), "2026-03-10")]
    assert site.requests == ["/", "/robots.txt", "/atom.xml"]


def test_a_site_without_feed_falls_back_to_its_sitemaps(site: Site) -> None:
    site.routes["/"] = Reply(page("首页", "欢迎访问本站，这里有最新的新闻报道。"))
    site.routes["/robots.txt"] = Reply(b"Sitemap: /maps/index.xml\n")
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url('/maps/a.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url('/maps/b.xml.gz')}</loc></sitemap></sitemapindex>"
    )
    site.routes["/maps/index.xml"] = Reply(
        index.encode(), headers={"Content-Type": "application/xml"}
    )
    site.routes["/maps/a.xml"] = sitemap(site.url("/n/1.html"), site.url("/n/2.html"))
    zipped = gzip.compress(sitemap(site.url("/n/3.html"), site.url("/n/1.html")).body)
    site.routes["/maps/b.xml.gz"] = Reply(zipped, headers={"Content-Type": "application/gzip"})
    assert [e.url for e in find(site, "/")] == [site.url(f"/n/{i}.html") for i in (1, 2, 3)]


def test_a_sitemap_named_as_a_source(site: Site) -> None:
    site.routes["/sitemap.xml"] = sitemap(site.url("/n/1.html"), "https://elsewhere.cn/x.html")
    assert find(site, "/sitemap.xml") == [Entry(site.url("/n/1.html"))]


def test_a_site_with_neither_feed_nor_sitemap(site: Site) -> None:
    site.routes["/"] = Reply(page("首页", "欢迎访问本站，这里有最新的新闻报道。"))
    with pytest.raises(FetchError, match=r"^no feed on the page, and no sitemap \(HTTP 404\)$"):
        find(site, "/")


def test_a_malformed_feed_fails_alone(site: Site) -> None:
    site.routes["/rss.xml"] = Reply(
        b'<?xml version="1.0"?><rss><channel><item><link>/a.ht', headers={}
    )
    with pytest.raises(FetchError, match=r"^not a readable feed: no entries with links found$"):
        find(site, "/rss.xml")


def test_a_binary_source_fails_alone(site: Site) -> None:
    site.routes["/feed"] = Reply(
        bytes(range(256)) * 4, headers={"Content-Type": "application/octet-stream"}
    )
    with pytest.raises(
        FetchError, match=r"^not a feed, sitemap or page \(looks like a binary file"
    ):
        find(site, "/feed")


def test_feeds_and_sitemaps_on_another_host_or_port_are_never_asked(site: Site) -> None:
    with Site() as other:
        other.routes["/atom.xml"] = atom((other.url("/n/1.html"), ""))
        other.routes["/map.xml"] = sitemap(other.url("/n/2.html"))
        link = f'<link rel="alternate" type="application/atom+xml" href="{other.url("/atom.xml")}">'
        site.routes["/"] = Reply(page("首页", "欢迎访问本站，这里有最新的新闻报道。", head=link))
        index = (
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{other.url('/map.xml')}</loc></sitemap>"
            f"<sitemap><loc>{site.url('/own.xml')}</loc></sitemap></sitemapindex>"
        )
        site.routes["/sitemap.xml"] = Reply(
            index.encode(), headers={"Content-Type": "application/xml"}
        )
        site.routes["/own.xml"] = sitemap(site.url("/n/3.html"))
        assert [e.url for e in find(site, "/")] == [site.url("/n/3.html")]
        assert other.requests == []


def test_a_feed_read_before_is_asked_conditionally(site: Site) -> None:
    site.routes["/rss.xml"] = Reply(status=304, headers={"ETag": '"v2"'}, length=False)
    client = Client(Polite(delay=0, timeout=5), sleep=lambda s: None)
    seen = FeedState(url=site.url("/rss.xml"), kind="feed", etag='"v2"', checked="t", result="read")
    found = discover(site.url("/rss.xml"), client, Robots(client), seen)
    assert found.unchanged and found.entries == () and found.etag == '"v2"'
    assert site.received[-1].get("If-None-Match") == '"v2"'
    site_seen = FeedState(
        url=site.url("/rss.xml"), kind="site", etag='"v2"', checked="t", result="read"
    )
    with pytest.raises(FetchError, match=r"HTTP 304 \(not modified\) to a request that named"):
        discover(site.url("/rss.xml"), client, Robots(client), site_seen)  # a site: asked whole
    assert site.received[-1].get("If-None-Match") is None
