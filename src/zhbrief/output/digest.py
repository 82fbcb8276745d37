"""The daily digest: every story of one day, most important first, as Markdown and HTML."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zhbrief.documents import Entry
from zhbrief.layout import SITE_INDEX, archive_name, digest_name
from zhbrief.output.html import href, plain, relative, render
from zhbrief.output.markdown import escape_md
from zhbrief.stories.groups import Shown, label, shown_once


@dataclass(frozen=True, slots=True)
class Around:
    """The days with a digest just before and just after one day ("" at either end)."""

    before: str = ""
    after: str = ""


def by_day(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """Entries grouped by day of publication (processing day when the page gives none); the
    briefs of one story all go to the day of its lead (stories/groups.py): shown once."""
    days: dict[str, list[Entry]] = defaultdict(list)
    for story in shown_once(entries):
        days[story.entry.day] += [story.entry, *story.also]
    return dict(days)


def ranked(entries: Sequence[Entry]) -> list[Entry]:
    """Most important first: a longer article, and one whose key terms other briefs share."""
    longest = max((e.chars for e in entries), default=0) or 1
    others = max(len(entries) - 1, 1)

    def score(e: Entry) -> float:
        terms = set(e.key_terms)
        shared = sum(1 for o in entries if o is not e and terms & set(o.key_terms))
        return e.chars / longest + shared / others

    return sorted(entries, key=lambda e: (-score(e), e.title, e.output))


def ranked_stories(entries: Sequence[Entry]) -> list[Shown]:
    """Each story once, most important first (ranked by the briefs they are shown under)."""
    stories = {s.entry.output: s for s in shown_once(entries)}
    return [stories[e.output] for e in ranked([s.entry for s in stories.values()])]


def digest_files(entries: Sequence[Entry], pages: Mapping[str, str], html: bool) -> dict[str, str]:
    """Every day's digest (Markdown, and HTML with the site), each linking the days around it.

    `pages` maps an entry's brief to what the site links for it (both inside the output folder).
    """
    days = by_day(entries)
    order = sorted(days)
    files = {}
    for i, day in enumerate(order):
        group = days[day]
        around = Around(order[i - 1] if i else "", order[i + 1] if i + 1 < len(order) else "")
        md = digest_name(day, ".md")
        files[md] = render_digest_md(
            day, group, {e.output: relative(e.output, md) for e in group}, around
        )
        if html:
            page = digest_name(day, ".html")
            links = {e.output: relative(pages[e.output], page) for e in group}
            files[page] = render_digest_html(day, group, links, around)
    return files


def render_digest_md(
    day: str, entries: Sequence[Entry], links: Mapping[str, str], around: Around = Around()
) -> str:
    """output/digest/DAY.md: each story's title (linked) and summary, most important first,
    then "also:" with links to the story's other briefs."""
    lines = [f"# zhbrief digest {day}", ""]
    steps = [f"[← {d}]({href(d)}.md)" for d in (around.before,) if d]
    steps += [f"[{d} →]({href(d)}.md)" for d in (around.after,) if d]
    if steps:
        lines += [" · ".join(steps), ""]
    for story in ranked_stories(entries):
        e = story.entry
        lines.append(f"## [{_md(e.title)}]({href(links[e.output])})")
        lines.append("")
        meta = " · ".join(_md(x) for x in (e.site, e.title_zh) if x)
        if meta:
            lines += [f"_{meta}_", ""]
        lines += [_md(" ".join(e.summary)) if e.summary else "_(no summary)_", ""]
        also = ", ".join(f"[{_md(label(o))}]({href(links[o.output])})" for o in story.also)
        lines += [f"also: {also}", ""] if also else []
    if not entries:
        lines += ["_(no briefs this day)_", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    return escape_md(plain(text))


def render_digest_html(
    day: str, entries: Sequence[Entry], links: Mapping[str, str], around: Around = Around()
) -> str:
    """output/digest/DAY.html: the same digest as a page beside the site."""
    page = digest_name(day, ".html")
    return render(
        "digest.html",
        root=relative(SITE_INDEX, page).removesuffix("index.html"),
        day=day,
        entries=ranked_stories(entries),
        links=links,
        around=around,
        also_label=label,
        month=relative(archive_name(day[:7]), page),
    )
