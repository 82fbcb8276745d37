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
