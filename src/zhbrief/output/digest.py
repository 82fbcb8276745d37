"""The daily digest: every brief of one day, most important first, as Markdown and HTML."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from zhbrief.documents import Entry
from zhbrief.output.html import href, render
from zhbrief.output.markdown import escape_md
from zhbrief.stories.groups import Shown, label, shown_once


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


def render_digest_md(day: str, entries: Sequence[Entry], links: Mapping[str, str]) -> str:
    """output/digest/DAY.md: each story's title (linked) and summary, most important first,
    then "also:" with links to the story's other briefs."""
    lines = [f"# zhbrief digest {day}", ""]
    for story in ranked_stories(entries):
        e = story.entry
        lines.append(f"## [{escape_md(e.title)}]({href(links[e.output])})")
        lines.append("")
        meta = " · ".join(escape_md(x) for x in (e.site, e.title_zh) if x)
        if meta:
            lines += [f"_{meta}_", ""]
        lines += [escape_md(" ".join(e.summary)) if e.summary else "_(no summary)_", ""]
        also = ", ".join(f"[{escape_md(label(o))}]({href(links[o.output])})" for o in story.also)
        lines += [f"also: {also}", ""] if also else []
    if not entries:
        lines += ["_(no briefs this day)_", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render_digest_html(day: str, entries: Sequence[Entry], links: Mapping[str, str]) -> str:
    """output/digest/DAY.html: the same digest as a page beside the site."""
    stories = ranked_stories(entries)
    return render(
        "digest.html", root="../site/", day=day, entries=stories, links=links, also_label=label
    )
