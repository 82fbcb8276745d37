"""robots.txt, read once per host and asked before every page zhbrief chooses to fetch."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.robotparser import RobotFileParser

from zhbrief.errors import FetchError
from zhbrief.web.client import Client
from zhbrief.web.urls import host_of, normalize_url, site_root

AGENT = "zhbrief"
MAX_ROBOTS_BYTES = 512_000  # Google reads the first 500 KiB


@dataclass
class Robots:
    """The robots.txt rules of every host asked so far."""

    client: Client
    rules: dict[str, RobotFileParser | str] = field(default_factory=dict)  # str: why unreadable

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets zhbrief fetch url; raise FetchError when it cannot be read."""
        rules = self._rules(url)
        if isinstance(rules, str):
            raise FetchError(f"robots.txt of {host_of(url)} unreadable ({rules}); not fetching")
        return rules.can_fetch(AGENT, url)

    def sitemaps(self, url: str) -> list[str]:
        """The Sitemap: lines of url's host."""
        rules = self._rules(url)
        listed = [] if isinstance(rules, str) else rules.site_maps() or []
        return [u for u in (normalize_url(s, site_root(url)) for s in listed) if u]

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
            if exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])
                return parser
            return str(exc)
        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        delay = parser.crawl_delay(AGENT)
        if delay is not None:
            self.client.host_delay[host_of(robots_url)] = float(delay)
        return parser
