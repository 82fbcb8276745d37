"""robots.txt, read once per host and asked before every page zhbrief chooses to fetch.

A host whose rules cannot be read, or whose Crawl-delay is longer than zhbrief ever waits
(`MAX_DELAY`), is left for this fetch: one line for the host, its pages asked next time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

from zhbrief.config_fetch import MAX_DELAY
from zhbrief.errors import FetchError
from zhbrief.web.client import Client
from zhbrief.web.failures import Failure
from zhbrief.web.urls import host_of, normalize_url, same_host, site_root

AGENT = "zhbrief"
_NUMBERED = re.compile(r"\s*(?:crawl-delay|request-rate)\s*:", re.I)
MAX_ROBOTS_BYTES = 512_000  # Google reads the first 500 KiB


@dataclass
class Robots:
    """The robots.txt rules of every host asked so far."""

    client: Client
    rules: dict[str, RobotFileParser | str] = field(default_factory=dict)  # str: why not

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets zhbrief fetch url; a host-wide Failure when it cannot say."""
        rules = self._rules(url)
        if isinstance(rules, str):
            raise Failure(rules, host_wide=True)
        return rules.can_fetch(AGENT, url)

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap: lines of url's host that name a sitemap on that host."""
        rules = self._rules(url)
        listed = [] if isinstance(rules, str) else rules.site_maps() or []
        found = (normalize_url(s, site_root(url)) for s in listed)
        return [u for u in found if u and same_host(u, url)]

    def _rules(self, url: str) -> RobotFileParser | str:
        host = host_of(url)
        if host not in self.rules:
            self.rules[host] = self._read(site_root(url) + "/robots.txt")
        return self.rules[host]

    def _read(self, robots_url: str) -> RobotFileParser | str:
        parser = RobotFileParser(robots_url)
        try:
            response = self.client.get(robots_url)
        except FetchError as exc:
            # RFC 9309: a missing robots.txt (4xx) allows everything; a server or network
            # error means the rules are unknown, so nothing is fetched from that host.
            if exc.status is not None and 400 <= exc.status < 500 and exc.status != 429:
                parser.parse([])
                return parser
            return f"robots.txt of {host_of(robots_url)} unreadable ({exc}); not fetching"
        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser.parse(_parsable(text))
        delay = parser.crawl_delay(AGENT)
        if delay is not None and float(delay) > MAX_DELAY:
            return (
                f"robots.txt of {host_of(robots_url)} asks for a Crawl-delay of {delay:,} s, "
                f"more than the {MAX_DELAY:g} s zhbrief waits; host left for this fetch"
            )
        if delay is not None:
            self.client.host_delay[host_of(robots_url)] = float(delay)
        return parser


def _parsable(text: str) -> list[str]:
    """The lines of robots.txt, without numbers Python's parser would crash on ("²")."""
    return [line for line in text.splitlines() if _NUMBERED.match(line) is None or line.isascii()]
