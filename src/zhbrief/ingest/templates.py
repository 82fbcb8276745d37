"""Site templates: lines that recur on several pages of one site are the site's, not the article's.

A line of at least TEMPLATE_HAN Han characters found, exactly, in the body of TEMPLATE_PAGES or
more different pages of one host (a footer, a "hot" box, a disclaimer) is furniture on every
page of that host, except where it is the page's own title or lead. The pages are those at
hand (one batch) and those seen before (their line keys kept in the store); a single page
never teaches anything. Lines are kept as short hashes, never as text.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from zhbrief.zh import HAN

TEMPLATE_HAN = 8  # Han characters a line needs before its recurrence means anything
TEMPLATE_PAGES = 2  # different pages of one host a line must be on


@dataclass(frozen=True, slots=True)
class Sighting:
    """The body lines of one page, as keys, and where the page comes from."""

    host: str
    page: str  # the page's SHA-256: the same bytes seen twice are one page
    keys: frozenset[str]


@dataclass(frozen=True, slots=True)
class Templates:
    """Per host, the keys of the lines known to recur on its pages."""

    lines: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def of(self, host: str) -> frozenset[str]:
        """The recurring line keys of one host (none for an unknown host)."""
        return self.lines.get(host, frozenset()) if host else frozenset()


def line_key(line: str) -> str | None:
    """A short hash of a line long enough to be a template line, else None."""
    text = "".join(line.split())
    if len(HAN.findall(text)) < TEMPLATE_HAN:
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def host_of(url: str, rel: str) -> str:
    """A page's host: from its address, else the folder `zhbrief fetch` saved it in."""
    host = (urlsplit(url).hostname or "") if url.startswith(("http://", "https://")) else ""
    if host:
        return host.removeprefix("www.")
    parts = PurePosixPath(rel).parts
    return parts[0].removeprefix("www.") if len(parts) > 1 and "." in parts[0] else ""


def sighting(host: str, page: str, paragraphs: Iterable[str]) -> Sighting:
    """What a page shows of its site: the keys of its body lines."""
    keys = frozenset(k for k in map(line_key, paragraphs) if k is not None)
    return Sighting(host, page, keys)


def learn(sightings: Iterable[Sighting], known: Templates = Templates()) -> Templates:
    """The known templates, and the lines the sighted pages share (on TEMPLATE_PAGES or more)."""
    pages: dict[tuple[str, str], set[str]] = defaultdict(set)
    for seen in sightings:
        for key in seen.keys if seen.host else ():
            pages[(seen.host, key)].add(seen.page)
    lines: dict[str, set[str]] = {host: set(keys) for host, keys in known.lines.items()}
    for (host, key), where in pages.items():
        if len(where) >= TEMPLATE_PAGES:
            lines.setdefault(host, set()).add(key)
    return Templates({host: frozenset(keys) for host, keys in lines.items()})


def template_lines(paragraphs: list[str], keys: frozenset[str], title: str) -> set[int]:
    """Indices of paragraphs that are template lines; never the title or the lead."""
    own = {line_key(title)} if title else set()
    keyed = [(i, key) for i, key in enumerate(map(line_key, paragraphs)) if key and key not in own]
    return {i for i, key in keyed[1:] if key in keys}  # keyed[0] is the lead
