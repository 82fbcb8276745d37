"""Entries → Atom feeds (RFC 4287): every story once, one feed per site, the digests."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from zhbrief.documents import Entry
from zhbrief.layout import DIGEST_FEED, FEED, SITE_INDEX, digest_name, site_feed_name
from zhbrief.output.digest import by_day, ranked_stories
from zhbrief.output.html import href, plain, relative, safe_url
from zhbrief.stories.groups import label, shown_once

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100
DIGEST_ENTRIES = 30  # days in the digests' feed
TITLE = "zhbrief — English briefs of Chinese news"
# Stable ids without a server: a UUID derived from the source path, the same on every run.
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhbrief.invalid/source/")
_FEEDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhbrief.invalid/feed/")
_DAYS = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhbrief.invalid/digest/")
_EPOCH = "1970-01-01T00:00:00Z"


@dataclass(frozen=True, slots=True)
class Feed:
    """One feed: where it is written inside the output folder and what a reader calls it."""

    path: str
    title: str


def entry_id(rel: str) -> str:
    """The Atom id of a source's brief: the same for every run and every base_url."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, rel)}"


def rfc3339(stamp: str) -> str | None:
    """An ISO date or date-time as an RFC 3339 date-time (UTC when it names no zone), or None."""
    try:
        when = datetime.fromisoformat(stamp.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def site_feeds(entries: Sequence[Entry]) -> list[tuple[Feed, list[Entry]]]:
    """A feed per site a page names, by site name; briefs naming none are in feed.xml only."""
    sites: dict[str, list[Entry]] = {}
    for e in entries:
        if e.site.strip():
            sites.setdefault(e.site, []).append(e)
    return [(Feed(site_feed_name(s), f"zhbrief — {plain(s)}"), sites[s]) for s in sorted(sites)]


def feed_list(entries: Sequence[Entry]) -> list[Feed]:
    """Every feed the site offers, for the index's <link rel="alternate">: all, digests, sites."""
    everything = [Feed(FEED, TITLE), Feed(DIGEST_FEED, "zhbrief — daily digests")]
    return everything + [feed for feed, _ in site_feeds(entries)]


def feed_files(entries: Sequence[Entry], pages: Mapping[str, str], base_url: str) -> dict[str, str]:
    """Every feed's text by its path: feed.xml, feeds/digests.xml and feeds/<site>.xml."""
    files = {FEED: render_feed(entries, pages, base_url)}
    files[DIGEST_FEED] = render_digest_feed(entries, pages, base_url)
    for feed, group in site_feeds(entries):
        files[feed.path] = render_feed(group, pages, base_url, feed)
    return files


def render_feed(
    entries: Sequence[Entry], pages: Mapping[str, str], base_url: str = "", feed: Feed | None = None
) -> str:
    """An Atom feed of the newest stories, each once (its lead brief, its other briefs as
    related links); `pages` maps an entry's output to its page's path."""
    feed = feed or Feed(FEED, TITLE)
    stories = sorted(shown_once(entries), key=lambda s: (s.entry.created, s.entry.output))
    newest = [s.entry for s in reversed(stories[-FEED_ENTRIES:])]
    also = {s.entry.output: s.also for s in stories}
    root = _head(feed, base_url, max((_updated(e) for e in newest), default=_EPOCH))
    for e in newest:
        item = _entry(root, e, _link(base_url, pages[e.output], feed.path))
        others = also[e.output]
        _also(item, others, {o.output: _link(base_url, pages[o.output], feed.path) for o in others})
    return _document(root)


def render_digest_feed(entries: Sequence[Entry], pages: Mapping[str, str], base_url: str) -> str:
    """The feed of the newest days' digests: one entry a day, its briefs' titles as content."""
    feed = Feed(DIGEST_FEED, "zhbrief — daily digests")
    days = sorted(by_day(entries).items(), reverse=True)[:DIGEST_ENTRIES]
    updated = {day: max(_updated(e) for e in group) for day, group in days}
    root = _head(feed, base_url, max(updated.values(), default=_EPOCH))
    for day, group in days:
        item = ET.SubElement(root, "entry")
        _text(item, "id", f"urn:uuid:{uuid.uuid5(_DAYS, day)}")
        stories = ranked_stories(group)
        _text(
            item,
            "title",
            f"Digest of {day}: {len(stories)} stor{'ies' if len(stories) != 1 else 'y'}",
        )
        _text(item, "updated", updated[day])
        link = _link(base_url, digest_name(day, ".html"), feed.path)
        ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": link})
        lines = [
            f"• {s.entry.title}" + (f" — {s.entry.summary[0]}" if s.entry.summary else "")
            for s in stories
        ]
        ET.SubElement(item, "content", {"type": "text"}).text = plain("\n".join(lines))
    return _document(root)


def _head(feed: Feed, base_url: str, updated: str) -> ET.Element:
    """The feed element: id, title, updated, author, its links (self when base_url is set)."""
    root = ET.Element("feed", {"xmlns": ATOM})
    _text(root, "id", _feed_id(feed, base_url))
    _text(root, "title", feed.title)
    _text(root, "updated", updated)
    author = ET.SubElement(root, "author")
    _text(author, "name", "zhbrief")
    index = _link(base_url, SITE_INDEX, feed.path)
    ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": index})
    if base_url:
        self_link = _link(base_url, feed.path, feed.path)
        ET.SubElement(
            root, "link", {"rel": "self", "type": "application/atom+xml", "href": self_link}
        )
    ET.SubElement(root, "generator").text = "zhbrief"
    return root


def _feed_id(feed: Feed, base_url: str) -> str:
    if base_url:
        return _link(base_url, feed.path, feed.path)
    # feed.xml keeps the id it had before there were other feeds
    return entry_id("") if feed.path == FEED else f"urn:uuid:{uuid.uuid5(_FEEDS, feed.path)}"


def _document(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _entry(feed: ET.Element, e: Entry, page: str) -> ET.Element:
    item = ET.SubElement(feed, "entry")
    _text(item, "id", entry_id(e.rel))
    _text(item, "title", e.title)
    _text(item, "updated", _updated(e))
    published = rfc3339(e.published) if e.published else None
    if published:
        _text(item, "published", published)
    if e.author or e.site:
        author = ET.SubElement(item, "author")
        _text(author, "name", e.author or e.site)
    ET.SubElement(item, "link", {"rel": "alternate", "type": "text/html", "href": page})
    original = safe_url(e.url)
    if original:
        ET.SubElement(item, "link", {"rel": "via", "href": original})
    summary = " ".join(e.summary) or e.title
    ET.SubElement(item, "content", {"type": "text"}).text = plain(summary)
    return item


def _also(item: ET.Element, also: Sequence[Entry], links: Mapping[str, str]) -> None:
    """The story's other briefs: a related link each (before the content), and "Also: site A,
    site B" at the end of the content's text."""
    content = item.find("content")
    if not also or content is None:
        return
    at = list(item).index(content)
    for n, o in enumerate(also):
        attrs = {"rel": "related", "type": "text/html", "href": links[o.output]}
        item.insert(at + n, ET.Element("link", {**attrs, "title": plain(label(o))}))
    content.text = f"{content.text} Also: {plain(', '.join(label(o) for o in also))}."


def _updated(e: Entry) -> str:
    return rfc3339(e.created) or _EPOCH


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = plain(text)


def _link(base_url: str, path: str, feed: str) -> str:
    """A link into the output folder: absolute under base_url, else relative to the feed."""
    if base_url:
        return urljoin(base_url.rstrip("/") + "/", href(path))
    return href(relative(path, feed))
