"""A feed reader's subscriptions (an OPML export: FreshRSS, Inoreader, newsboat, Feedly, ...):
the feed URL of every outline, nested folders included, read safely (no entities, size-capped).
"""

from __future__ import annotations

from pathlib import Path

from zhbrief.config_files import MAX_LIST_BYTES, read_setting_bytes
from zhbrief.errors import UsageError

FIX = "export the subscriptions again from the feed reader, or fix opml in zhbrief.toml"


def read_opml(path: Path) -> list[str]:
    """The feed URLs of an OPML file, in document order, once each (not checked as URLs)."""
    raw = read_setting_bytes(path, "OPML file", FIX, MAX_LIST_BYTES)
    if b"<!ENTITY" in raw:  # no feed reader writes entities; they only serve to attack a parser
        raise UsageError(
            f"OPML file {path}: declares XML entities, which no feed reader writes; {FIX}."
        )
    feeds = opml_feeds(raw, path)
    if not feeds:
        raise UsageError(f"OPML file {path}: no feeds (no outline with an xmlUrl); {FIX}.")
    return feeds


def opml_feeds(raw: bytes, path: Path) -> list[str]:
    """The feed URLs of OPML bytes; UsageError if they are not OPML."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(raw, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UsageError(f"OPML file {path}: not well-formed XML ({exc}); {FIX}.") from None
    if root is None or _local(root.tag) != "opml":
        raise UsageError(f"OPML file {path}: not OPML (no <opml> element); {FIX}.")
    found: dict[str, None] = {}
    for outline in root.iter("{*}outline"):
        url = _feed_url(outline)
        if url:
            found.setdefault(url, None)
    return list(found)


def _feed_url(outline: object) -> str:
    """The xmlUrl of an outline (any letter case: some exporters write xmlurl); "" if none."""
    for name, value in outline.attrib.items():  # type: ignore[attr-defined]
        if str(name).lower() == "xmlurl":
            return str(value).strip()
    return ""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
