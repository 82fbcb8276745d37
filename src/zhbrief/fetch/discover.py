"""Article links of a source: a feed (RSS, Atom, JSON Feed), a site's feeds, or its sitemaps."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from zhbrief.errors import FetchError, SourceError
from zhbrief.fetch.feeddates import entry_dates
from zhbrief.fetch.robots import Robots
from zhbrief.fetch.urls import is_home_page
from zhbrief.ingest.decode import decode_bytes
from zhbrief.store.fetches import FeedKind, FeedState
from zhbrief.web.body import Response, inflate
from zhbrief.web.client import Client
from zhbrief.web.urls import normalize_url, same_host, site_root

MAX_FEEDS = 3  # feeds tried from one home page
MAX_SITEMAPS = 10  # sitemaps (an index and its children) read for one source
MAX_VALIDATOR = 1000  # characters of an ETag or Last-Modified kept to send back
_SITEMAP_START = re.compile(r"<(?:[\w.-]+:)?(?:urlset|sitemapindex)\b")
_NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|mp3|mp4|m4a|ogg|webm|zip|xml|rss|atom)$", re.I
)


@dataclass(frozen=True, slots=True)
class Entry:
    """An article link found in a source, with the date its feed gives, if any."""

    url: str  # normalised
    date: str = ""  # YYYY-MM-DD


@dataclass(frozen=True, slots=True)
class Found:
    """What a source lists now, and how to ask it next time."""

    entries: tuple[Entry, ...]
    kind: FeedKind
    etag: str | None = None  # a feed's validators (If-None-Match, If-Modified-Since)
    last_modified: str | None = None
    unchanged: bool = False  # the feed answered 304: nothing new since it was last read


def discover(source: str, client: Client, robots: Robots, seen: FeedState | None = None) -> Found:
    """The article links of one source URL, same host only, de-duplicated, in source order.

    A feed read before (`seen` with validators) is asked conditionally: a 304 is `unchanged`.
    """
    # named by the user, like a feed reader: no robots.txt check
    response = client.get(source, _validators(seen))
    if response.not_modified and seen is not None:
        return Found((), "feed", seen.etag, seen.last_modified, unchanged=True)
    text = body_text(response.body, source)
    if _SITEMAP_START.search(text[:2000]):
        return Found(_keep(source, read_sitemaps([source], client, robots, text)), "sitemap")
    if not _is_feed(text):
        return Found(_keep(source, _from_site(response.url, text, client, robots)), "site")
    links = feed_entries(source, text)
    if not links:
        raise FetchError("not a readable feed: no entries with links found", permanent=True)
    return Found(_keep(source, links), "feed", *_validators_of(response))


def _validators(seen: FeedState | None) -> dict[str, str]:
    """The conditional headers for a feed read before (sites and sitemaps are asked whole)."""
    if seen is None or seen.kind != "feed":
        return {}
    headers = {"If-None-Match": seen.etag, "If-Modified-Since": seen.last_modified}
    return {name: value for name, value in headers.items() if value}


def _validators_of(response: Response) -> tuple[str | None, str | None]:
    """A feed response's ETag and Last-Modified, to send back next time."""
    return _sendable(response.headers.get("ETag")), _sendable(response.headers.get("Last-Modified"))


def _sendable(value: str | None) -> str | None:
    """A header value fit to be sent back: short, printable; None otherwise."""
    value = (value or "").strip()
    return value if value and len(value) <= MAX_VALIDATOR and value.isprintable() else None


def feed_entries(feed_url: str, text: str) -> list[Entry]:
    """The entries of a feed, by trafilatura's link finder, dated from the feed where it can."""
    from trafilatura.feeds import FeedParameters, find_links

    params = FeedParameters(site_root(feed_url), "", feed_url)
    dates = entry_dates(text, feed_url)
    found = (normalize_url(link, feed_url) for link in find_links(text.strip(), params))
    return [Entry(url, dates.get(url, "")) for url in found if url]


def read_sitemaps(
    queue: list[str], client: Client, robots: Robots, first: str | None = None
) -> list[Entry]:
    """Page links of sitemaps and the sitemaps they index, at most MAX_SITEMAPS of them."""
    seen: set[str] = set()
    links: list[Entry] = []
    while queue and len(seen) < MAX_SITEMAPS:
        url = queue.pop(0)
        seen.add(url)
        if first is not None:
            text, first = first, None
        elif robots.allowed(url):
            text = _sitemap_text(client.get(url).body, url, client)
        else:
            continue
        pages, children = _sitemap_links(url, text)
        links += [Entry(u) for u in pages]
        # a sitemap index naming another host (or another port of this one) is not followed
        queue += [c for c in children if c not in seen and c not in queue and same_host(c, url)]
    return links


def body_text(body: bytes, url: str) -> str:
    """The text of a feed, sitemap or page, in whatever encoding its bytes are."""
    try:
        return decode_bytes(body)[0]
    except SourceError as exc:
        if b"\0" in body[:1024] or b"<" not in body[:1024]:  # binary, or no markup at all
            raise FetchError(f"not a feed, sitemap or page ({exc})", permanent=True) from None
        return body.decode("utf-8", errors="replace")


def _is_feed(text: str) -> bool:
    from trafilatura.feeds import is_potential_feed

    start = text.lstrip()
    return is_potential_feed(start) or (start.startswith("{") and '"items"' in start)


def _from_site(url: str, page: str, client: Client, robots: Robots) -> list[Entry]:
    """A home page's feeds (<link rel="alternate">), else the site's sitemaps."""
    from trafilatura.feeds import FeedParameters, determine_feed

    params = FeedParameters(site_root(url), "", url)
    feeds = [f for f in determine_feed(page, params) if same_host(f, url)]  # never another host
    for feed in feeds[:MAX_FEEDS]:
        if robots.allowed(feed):
            entries = feed_entries(feed, body_text(client.get(feed).body, feed))
            if entries:
                return entries
    sitemaps = robots.sitemaps(url) or [site_root(url) + "/sitemap.xml"]
    try:
        links = read_sitemaps(sitemaps, client, robots)
    except FetchError as exc:
        raise FetchError(f"no feed on the page, and no sitemap ({exc})", permanent=True) from None
    if not links:
        raise FetchError("no feed or sitemap with articles found on the site", permanent=True)
    return links


def _sitemap_text(body: bytes, url: str, client: Client) -> str:
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz, served as a file rather than encoded
        body = inflate(iter([body]), client.polite.max_bytes, client.polite.oversize)
    return body_text(body, url)


def _sitemap_links(url: str, text: str) -> tuple[list[str], list[str]]:
    """trafilatura's sitemap reader, keeping every link for zhbrief's own host filter."""
    from trafilatura.sitemaps import DETECT_SITEMAP_LINK, SitemapObject

    class Collect(SitemapObject):
        __slots__ = ()

        def handle_link(self, link: str) -> None:
            absolute = normalize_url(link, self.current_url)
            if absolute and absolute != self.current_url:
                target = self.sitemap_urls if DETECT_SITEMAP_LINK.search(absolute) else self.urls
                target.append(absolute)

    sitemap: Any = Collect(site_root(url), "", [])
    sitemap.current_url, sitemap.content = url, text
    sitemap.process()
    return list(sitemap.urls), list(sitemap.sitemap_urls)


def _keep(source: str, entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Links to pages of the source's own host, once each, in order."""
    kept: dict[str, Entry] = {}
    for entry in entries:
        url = entry.url
        if same_host(url, source) and not is_home_page(url) and not _NOT_PAGES.search(url):
            kept.setdefault(url, entry)
    return tuple(kept.values())
