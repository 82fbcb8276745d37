"""The reading side of a run: index.md, index.html and the month pages, the feeds, the digests."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhbrief.documents import Entry
from zhbrief.layout import SITE, Layout, page_name
from zhbrief.output.files import resolve_inside, write_if_changed
from zhbrief.output.markdown import render_index as render_index_md
from zhbrief.store.db import Store


@dataclass(frozen=True, slots=True)
class Reading:
    """Where and how the reading side is written: small values from Settings."""

    output: Path
    html: bool = True
    base_url: str = ""


def done_entries(store: Store) -> list[Entry]:
    """The Entry of every brief on record (built from the record for briefs made before 0.2)."""
    kept = store.entries()
    entries = []
    for rel, r in sorted(store.records().items()):
        if r.status != "done" or r.output is None:
            continue
        if rel in kept:
            entries.append(dataclasses.replace(kept[rel], output=r.output))
        else:
            summary = (r.summary,) if r.summary else ()
            # a record without `created` (an old store) is dated by its last update: every
            # brief has a day, so a digest and a month page to be listed on
            made = r.created or r.updated
            entries.append(Entry(r.output, rel, r.title or rel, "", summary, (), made))
    return entries


def write_index(output: Path, entries: Sequence[Entry]) -> None:
    """index.md, the Markdown index of every brief (left alone when it says the same)."""
    write_if_changed(Layout(output).index, render_index_md(entries))


def page_path(output: Path, name: str) -> Path:
    """The site page of the Markdown brief `name` (a path inside the output folder)."""
    return resolve_inside(Layout(output).site, page_name(name))


def publish(reading: Reading, entries: Sequence[Entry]) -> list[str]:
    """Rebuild the site's lists, the feeds and every digest; returns what changed."""
    from zhbrief.output.digest import digest_files
    from zhbrief.output.feed import feed_files
    from zhbrief.output.site import site_files

    out = reading.output
    pages = _pages(out, entries)
    files = digest_files(entries, pages, reading.html)
    if reading.html:
        files.update(site_files(entries, pages))
        files.update(feed_files(entries, pages, reading.base_url))
    # every name comes from layout.py (a site's feed through site_feed_name): none leaves `out`
    return [name for name, text in sorted(files.items()) if write_if_changed(out / name, text)]


def _pages(output: Path, entries: Sequence[Entry]) -> dict[str, str]:
    """What the site links for each brief (inside the output folder): its page, else its
    Markdown while it has none (the next run makes it: run/plan.py)."""
    site = Layout(output).site
    links = {}
    for e in entries:
        page = page_name(e.output)
        links[e.output] = f"{SITE}/{page}" if (site / page).is_file() else e.output
    return links
