"""robots.txt: read once per host; missing allows all, unreadable fetches nothing."""

from __future__ import annotations

import pytest
from httpsite import Reply, Site

from zhbrief.errors import FetchError
from zhbrief.fetch.robots import Robots
from zhbrief.web.client import Client, Polite

RULES = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 3\nSitemap: /maps/news.xml\n"


def robots_of(site: Site) -> Robots:
    return Robots(Client(Polite(delay=0, timeout=5), sleep=lambda s: None))


def test_rules_are_read_once_and_honoured(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(RULES, headers={"Content-Type": "text/plain"})
    robots = robots_of(site)
    assert robots.allowed(site.url("/news/a.html"))
    assert not robots.allowed(site.url("/private/b.html"))
    assert robots.sitemaps(site.url("/")) == [site.url("/maps/news.xml")]
    assert site.requests == ["/robots.txt"]
    assert robots.client.host_delay == {site.root.removeprefix("http://"): 3.0}


def test_rules_for_zhbrief_by_name(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(
        b"User-agent: zhbrief\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    )
    assert not robots_of(site).allowed(site.url("/news/a.html"))


def test_a_missing_robots_txt_allows_everything(site: Site) -> None:
    robots = robots_of(site)
    assert robots.allowed(site.url("/private/b.html"))
    assert robots.sitemaps(site.url("/")) == []


def test_a_failing_robots_txt_fetches_nothing_from_the_host(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(b"down", 503)
    robots = robots_of(site)
    with pytest.raises(
        FetchError, match=r"^robots.txt of 127.0.0.1:\d+ unreadable \(HTTP 503\); not fetching$"
    ):
        robots.allowed(site.url("/news/a.html"))
    assert robots.sitemaps(site.url("/")) == []


def test_a_crawl_delay_over_the_cap_leaves_the_host_for_this_fetch(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(b"User-agent: *\nCrawl-delay: 100000\n")
    robots = robots_of(site)
    host = site.root.removeprefix("http://")
    with pytest.raises(FetchError) as caught:
        robots.allowed(site.url("/news/a.html"))
    assert str(caught.value) == (
        f"robots.txt of {host} asks for a Crawl-delay of 100,000 s, more than the 60 s "
        "zhbrief waits; host left for this fetch"
    )
    assert getattr(caught.value, "host_wide", False) and robots.client.host_delay == {}
    with pytest.raises(FetchError, match="Crawl-delay"):
        robots.allowed(site.url("/news/b.html"))
    assert site.requests == ["/robots.txt"]  # read once


def test_numbers_python_cannot_read_are_no_crash(site: Site) -> None:
    site.routes["/robots.txt"] = Reply(
        "User-agent: *\nCrawl-delay: ²\nRequest-rate: 1/²\nDisallow: /private/\n".encode()
    )
    robots = robots_of(site)
    assert not robots.allowed(site.url("/private/a.html"))
    assert robots.allowed(site.url("/news/a.html")) and robots.client.host_delay == {}


def test_sitemaps_on_another_host_are_not_read(site: Site) -> None:
    other = site.url("/map.xml").replace("127.0.0.1", "localhost")
    site.routes["/robots.txt"] = Reply(
        f"Sitemap: {other}\nSitemap: http://127.0.0.1:22/x.xml\nSitemap: /own.xml\n".encode()
    )
    assert robots_of(site).sitemaps(site.url("/")) == [site.url("/own.xml")]
