"""The reading side of a run: index.md, a page per brief, index.html, feed.xml, the digests."""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from zhbrief.documents import Entry
from zhbrief.layout import FEED, SITE, SITE_INDEX, STYLESHEET, Layout, digest_name, page_name
from zhbrief.output.files import resolve_inside, write_atomic, write_if_changed
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
            entries.append(Entry(r.output, rel, r.title or rel, "", summary, (), r.created or ""))
    return entries


def write_index(output: Path, entries: Sequence[Entry]) -> None:
    """index.md, the Markdown index of every brief."""
    write_atomic(Layout(output).index, render_index_md(entries))


def page_path(output: Path, name: str) -> Path:
    """The site page of the Markdown brief `name` (a path inside the output folder)."""
    return resolve_inside(Layout(output).site, page_name(name))


def publish(reading: Reading, entries: Sequence[Entry]) -> list[str]:
    """Rebuild index.html, the stylesheet, feed.xml and every day's digest; returns what changed."""
    from zhbrief.output.digest import by_day, render_digest_html, render_digest_md
    from zhbrief.output.feed import render_feed
    from zhbrief.output.html import render_index, stylesheet

    out = reading.output
    pages = _pages(out, entries)
    files: dict[str, str] = {}
    if reading.html:
        files[STYLESHEET] = stylesheet()
        files[SITE_INDEX] = render_index(entries, pages)
        from_output = {e.output: posixpath.normpath(f"{SITE}/{pages[e.output]}") for e in entries}
        files[FEED] = render_feed(entries, from_output, reading.base_url)
    for day, group in by_day(entries).items():
        md_links = {e.output: _up(e.output) for e in group}
        files[digest_name(day, ".md")] = render_digest_md(day, group, md_links)
        if reading.html:
            html_links = {e.output: _up(f"{SITE}/{pages[e.output]}") for e in group}
            files[digest_name(day, ".html")] = render_digest_html(day, group, html_links)
    return [name for name, text in sorted(files.items()) if write_if_changed(out / name, text)]


def _pages(output: Path, entries: Sequence[Entry]) -> dict[str, str]:
    """Each entry's link from the site folder: its page, or its Markdown brief when it has none."""
    site = Layout(output).site
    links = {}
    for e in entries:
        page = page_name(e.output)
        links[e.output] = page if (site / page).is_file() else posixpath.join("..", e.output)
    return links


def _up(path: str) -> str:
    """A path inside the output folder as seen from one folder down (site/ or digest/)."""
    return posixpath.normpath(posixpath.join("..", path))
