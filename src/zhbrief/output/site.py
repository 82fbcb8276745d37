"""The site's lists, each story once: index.html (the newest days), a page a month, and the search box's index."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from itertools import groupby

from zhbrief.documents import Entry
from zhbrief.layout import SEARCH_DATA, SITE_INDEX, STYLESHEET, archive_name, digest_name
from zhbrief.output.feed import Feed, feed_list
from zhbrief.output.html import href, plain, relative, render, script_hash, stylesheet
from zhbrief.stories.groups import Shown, label, shown_once

RECENT_DAYS = 30  # days (with briefs) on index.html; older ones are on the month pages
SEARCH_GLOBAL = "zhbriefSearch"  # what search-index.js defines: a script, so it loads from file://
Days = list[tuple[str, list[Shown]]]


def newest_days(entries: Sequence[Entry]) -> Days:
    """Stories grouped by their lead brief's day, newest day first, newest story first within a
    day; each story once (stories/groups.py)."""
    shown = shown_once(entries)
    ordered = sorted(shown, key=lambda s: (s.entry.day, s.entry.created, s.entry.output))
    ordered.reverse()
    return [(day, list(group)) for day, group in groupby(ordered, key=lambda s: s.entry.day)]


def _briefs(days: Days) -> list[tuple[str, Entry]]:
    """Every brief of these days with its day: each story's lead, then its other briefs."""
    return [(day, e) for day, group in days for s in group for e in (s.entry, *s.also)]


def months_of(days: Days) -> list[str]:
    """The months (YYYY-MM) these days fall in, newest first."""
    return list(dict.fromkeys(day[:7] for day, _ in days))


def site_files(entries: Sequence[Entry], pages: Mapping[str, str]) -> dict[str, str]:
    """The stylesheet, index.html, the search index and every month's page, by path.

    `pages` maps an entry's brief to what the site links for it (both inside the output folder).
    """
    days = newest_days(entries)
    months = months_of(days)
    files = {STYLESHEET: stylesheet(), SEARCH_DATA: search_data(days, pages)}
    recent = days[:RECENT_DAYS]
    index = render_index(recent, _links(recent, pages, SITE_INDEX), feed_list(entries), months)
    files[SITE_INDEX] = index
    for month, group in groupby(days, key=lambda d: d[0][:7]):
        page, shown = archive_name(month), list(group)
        files[page] = render_archive(month, shown, _links(shown, pages, page), months)
    return files


def _links(days: Days, pages: Mapping[str, str], page: str) -> dict[str, str]:
    """The link from `page` to each brief of these days."""
    return {e.output: relative(pages[e.output], page) for _, e in _briefs(days)}


def index_script() -> str:
    """The index's inline search script (no network: it reads search-index.js beside it)."""
    return render("search.js", data=relative(SEARCH_DATA, SITE_INDEX), name=SEARCH_GLOBAL)


def render_index(
    days: Days, links: Mapping[str, str], feeds: Sequence[Feed], months: Sequence[str]
) -> str:
    """output/site/index.html: these (the newest) days' briefs, every month, the feeds, search."""
    script = index_script()
    return render(
        "index.html",
        root="",
        days=days,
        links=links,
        digests={day: relative(digest_name(day, ".html"), SITE_INDEX) for day, _ in days},
        months=[(m, relative(archive_name(m), SITE_INDEX)) for m in months],
        feeds=[(f.title, relative(f.path, SITE_INDEX)) for f in feeds],
        script=script,
        # the search index is a script file beside the page ('self'): data, read on first use
        script_src=f"{script_hash(script)} 'self'",
        also_label=label,
    )


def render_archive(month: str, days: Days, links: Mapping[str, str], months: Sequence[str]) -> str:
    """digest/YYYY-MM.html: every brief of one month by day, newest first."""
    page = archive_name(month)
    at = months.index(month)
    return render(
        "archive.html",
        root=relative(SITE_INDEX, page).removesuffix("index.html"),
        month=month,
        days=days,
        links=links,
        digests={day: relative(digest_name(day, ".html"), page) for day, _ in days},
        newer=months[at - 1] if at > 0 else "",
        older=months[at + 1] if at + 1 < len(months) else "",
        also_label=label,
    )


def search_data(days: Days, pages: Mapping[str, str]) -> str:
    """site/search-index.js: one record per brief, newest first, for the index's search box.

    A record is [link, title, site, day, summary, more]: `more` is what else search matches
    (Chinese title and summary, key terms, their pinyin and glosses); the script folds case and
    tone marks of both the records and the query, so "Yao Shunyu" finds Yáo Shùnyǔ.
    """
    records = [
        [
            href(relative(pages[e.output], SITE_INDEX)),
            e.title,
            e.site,
            day,
            " ".join(e.summary),
            _more(e),
        ]
        for day, e in _briefs(days)
    ]
    clean = [[plain(field) for field in record] for record in records]
    body = json.dumps(clean, ensure_ascii=False, separators=(",", ":"))
    return f"window.{SEARCH_GLOBAL}={body};\n"


def _more(e: Entry) -> str:
    """What search matches beyond the shown fields, one space between parts."""
    parts = [e.title_zh, *e.summary_zh, *e.key_terms, *e.key_pinyin, *e.key_glosses]
    return " ".join(part for part in parts if part)
