"""A story shown once: the one grouping every renderer asks (index, site, feed, digest).

Pure, over `Entry` values: the briefs of one story (`Entry.story`) are shown under one of them,
the lead (the earliest, and of one day the fullest), with "also: site A, site B (Traditional)"
naming the others. A brief made before stories (no `story`) is a story of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from zhbrief.documents import Entry


@dataclass(frozen=True, slots=True)
class Shown:
    """One story as it is shown: the brief it is shown under, and its other briefs."""

    entry: Entry
    also: tuple[Entry, ...] = ()


def lead_order(e: Entry) -> tuple[str, int, bool, str]:
    """Which brief leads its story: the earliest day; then the fullest; Simplified first."""
    return (e.day, -e.chars, e.script != "simplified", e.output)


def shown_once(entries: Iterable[Entry]) -> list[Shown]:
    """Each story once, under its lead, with its other briefs in lead order (stories in the
    order their first brief comes in `entries`)."""
    stories: dict[str, list[Entry]] = {}
    for e in entries:
        stories.setdefault(e.story or f"\0{e.output}", []).append(e)
    shown = []
    for members in stories.values():
        ordered = sorted(members, key=lead_order)
        shown.append(Shown(ordered[0], tuple(ordered[1:])))
    return shown


def label(e: Entry) -> str:
    """How "also:" names a brief: its site, else its URL's host, else its file; "(Traditional)"
    after a brief in Traditional characters."""
    name = e.site or _host(e.url) or e.output
    return f"{name} (Traditional)" if e.script == "traditional" else name


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
