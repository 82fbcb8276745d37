"""The publication date of each feed entry, for the saved page's file name."""

from __future__ import annotations

import json

from zhbrief.ingest.shape import parse_date
from zhbrief.web.urls import normalize_url

_DATE_TAGS = ("published", "pubDate", "updated", "date", "issued", "modified")


def entry_dates(text: str, feed_url: str) -> dict[str, str]:
    """Normalised entry URL → YYYY-MM-DD, for RSS, Atom and JSON Feed entries that are dated."""
    if text.lstrip().startswith("{"):
        return _json_dates(text, feed_url)
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(text.strip().encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    dates: dict[str, str] = {}
    for entry in [] if root is None else root.iter("{*}item", "{*}entry"):
        link, date = _entry_link(entry), _entry_date(entry)
        url = normalize_url(link, feed_url) if link else None
        if url and date:
            dates.setdefault(url, date)
    return dates


def _entry_link(entry: object) -> str:
    for child in entry:  # type: ignore[attr-defined]
        if not isinstance(child.tag, str) or etree_name(child.tag) != "link":
            continue
        href = child.get("href")
        if href and child.get("rel", "alternate") == "alternate":
            return str(href)
        if child.text and child.text.strip():
            return str(child.text.strip())
    return ""


def _entry_date(entry: object) -> str:
    for tag in _DATE_TAGS:
        for child in entry:  # type: ignore[attr-defined]
            if isinstance(child.tag, str) and etree_name(child.tag) == tag and child.text:
                date = parse_date(child.text)
                if date:
                    return date
    return ""


def etree_name(tag: str) -> str:
    """An XML tag's local name, without its {namespace}."""
    return tag.rsplit("}", 1)[-1]


def _json_dates(text: str, feed_url: str) -> dict[str, str]:
    try:
        items = json.loads(text).get("items", [])
    except (ValueError, AttributeError, RecursionError):
        return {}
    dates: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        url = normalize_url(item["url"], feed_url)
        date = parse_date(str(item.get("date_published") or item.get("date_modified") or ""))
        if url and date:
            dates.setdefault(url, date)
    return dates
