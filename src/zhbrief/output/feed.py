"""Entries → an Atom feed (RFC 4287), deterministic: same entries, same bytes."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from zhbrief.documents import Entry
from zhbrief.layout import FEED, SITE_INDEX
from zhbrief.output.html import href, safe_url
from zhbrief.stories.groups import label, shown_once

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100
# Stable ids without a server: a UUID derived from the source path, the same on every run.
# Characters XML 1.0 cannot carry at all: dropped rather than making the feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://zhbrief.invalid/source/")


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


def render_feed(entries: Sequence[Entry], pages: Mapping[str, str], base_url: str = "") -> str:
    """The Atom feed of the newest stories, each once (its lead brief, its other briefs as
    related links); `pages` maps an entry's output to its page's path."""
    stories = sorted(shown_once(entries), key=lambda s: (s.entry.created, s.entry.output))
    newest = [s.entry for s in reversed(stories[-FEED_ENTRIES:])]
    also = {s.entry.output: s.also for s in stories}
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "id", entry_id("") if not base_url else f"{base_url.rstrip('/')}/{FEED}")
    _text(feed, "title", "zhbrief — English briefs of Chinese news")
    _text(feed, "updated", max((_updated(e) for e in newest), default=_EPOCH))
    author = ET.SubElement(feed, "author")
    _text(author, "name", "zhbrief")
    ET.SubElement(
        feed,
        "link",
        {"rel": "alternate", "type": "text/html", "href": _link(base_url, SITE_INDEX)},
    )
    if base_url:
        ET.SubElement(feed, "link", {"rel": "self", "href": _link(base_url, FEED)})
    ET.SubElement(feed, "generator").text = "zhbrief"
    for e in newest:
        item = _entry(feed, e, _link(base_url, pages[e.output]))
        others = also[e.output]
        _also(item, others, {o.output: _link(base_url, pages[o.output]) for o in others})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


_EPOCH = "1970-01-01T00:00:00Z"


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
    ET.SubElement(item, "content", {"type": "text"}).text = _NOT_XML.sub("", summary)
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
        item.insert(at + n, ET.Element("link", {**attrs, "title": _NOT_XML.sub("", label(o))}))
    names = _NOT_XML.sub("", ", ".join(label(o) for o in also))
    content.text = f"{content.text} Also: {names}."


def _updated(e: Entry) -> str:
    return rfc3339(e.created) or _EPOCH


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = _NOT_XML.sub("", text)


def _link(base_url: str, path: str) -> str:
    """A link into the output folder: relative, or absolute under base_url."""
    return urljoin(base_url.rstrip("/") + "/", href(path)) if base_url else href(path)
