"""The stories of a run: each new brief joins the story it is a copy of, or starts its own.

The coordinator decides, before a brief is rendered, which story it belongs to: the story of
the brief it was kept with (same text: a rerun, `--force`, a rules update), else of the best
confirmed candidate among the briefs dated within `story_days` of it (the store's, through
their LSH bands, and this run's not yet recorded), else a story of its own. A brief written,
the store keeps its fingerprint and marks its story stale when other briefs must list it; at the
end of the run `relist` rewrites those briefs' front matter (atomically, only zhbrief's own)
and `forget_old` drops the fingerprints that fell out of the window.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from zhbrief.documents import Entry, Story, StoryMember
from zhbrief.errors import ZhbriefError
from zhbrief.output.files import made_by_zhbrief, resolve_inside, write_atomic
from zhbrief.output.frontmatter import split_front_matter, with_story
from zhbrief.store.db import Store
from zhbrief.store.stories import Kept, text_digest
from zhbrief.stories.arrival import Arrival
from zhbrief.stories.match import overlap_of, story_id
from zhbrief.stories.text import shingles

log = logging.getLogger("zhbrief")


@dataclass(slots=True)
class StoryBook:
    """This run's story decisions: briefs assigned and not yet recorded, by source."""

    days: int  # compare with briefs dated within this many days
    pending: dict[str, tuple[Arrival, Story]] = field(default_factory=dict)
    bands: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    def assign(self, store: Store, arrivals: Sequence[Arrival]) -> dict[str, Story]:
        """The story of each arrival, in order (a later one may join an earlier one's)."""
        for a in arrivals:
            self._hold(a, Story(self._story_of(store, a)))
        return {a.rel: self._listed(store, a.rel) for a in arrivals}

    def _hold(self, a: Arrival, story: Story) -> None:
        self.pending[a.rel] = (a, story)
        for band in a.print.bands:
            self.bands[band].add(a.rel)

    def _listed(self, store: Store, rel: str) -> Story:
        """The arrival's story with the story's other briefs, as its front matter lists them."""
        a, story = self.pending[rel]
        running = {r: b.member for r, (b, s) in self.pending.items() if s.id == story.id}
        listed = Story(story.id, members_but(store, story.id, rel, running))
        self.pending[rel] = (a, listed)
        return listed

    def _story_of(self, store: Store, a: Arrival) -> str:
        kept = store.stories().of(a.rel)
        if kept is not None and kept.digest == text_digest(a.print.text):
            return kept.story  # the same text: the same story, whatever came since
        text, own = a.print.text, shingles(a.print.text)
        found = [
            (overlap_of(text, own, c.text, shingles(c.text)), c) for c in self._candidates(store, a)
        ]
        matches = [(o.contained, c) for o, c in found if o.same]
        if kept is not None and any(c.story == kept.story for _, c in matches):
            return kept.story
        if kept is not None and not matches and not _others(store, kept):
            return kept.story  # still a story of its own
        if matches:  # the closest; the first kept of equals
            return max(matches, key=lambda m: m[0])[1].story
        return story_id(a.rel, a.sha256)

    def _candidates(self, store: Store, a: Arrival) -> list[Kept]:
        """Briefs sharing an LSH band with `a`, dated within the window (never `a` itself)."""
        first, last = window(a.day, self.days)
        found = {k.rel: k for k in store.stories().candidates(a.print.bands, first, last)}
        near = {r for band in a.print.bands for r in self.bands.get(band, ())}
        for rel in sorted(near):
            b, story = self.pending[rel]
            if first <= b.day <= last:
                found[rel] = Kept(rel, story.id, b.day, b.print.text)
        found.pop(a.rel, None)
        return list(found.values())

    def record(self, store: Store, rel: str) -> str | None:
        """Keep the story of a brief now written; its story id (None if it was not assigned)."""
        if rel not in self.pending:
            return None
        a, story = self._release(rel)
        prints = store.stories()
        old = prints.of(rel)
        # the story's other briefs must list this one; or this one listed a brief never written
        listed = story.others or [r for r in prints.members(story.id) if r != rel]
        stale = {story.id} if listed else set()
        if old is not None and old.story != story.id:
            stale.add(old.story)
        # a brief kept with the same text keeps the day it first arrived
        day = old.day if old is not None and old.digest == text_digest(a.print.text) else a.day
        prints.put(Kept(rel, story.id, day, a.print.text), a.print.bands, sorted(stale))
        return story.id

    def drop(self, store: Store, rel: str) -> None:
        """A source that failed or was skipped: no brief, so in no story."""
        if rel in self.pending:
            self._release(rel)
        store.stories().remove(rel)

    def _release(self, rel: str) -> tuple[Arrival, Story]:
        a, story = self.pending.pop(rel)
        for band in a.print.bands:
            self.bands[band].discard(rel)
        return a, story


def window(day: str, days: int) -> tuple[str, str]:
    """The first and last day (YYYY-MM-DD) within `days` of `day`; all days if it is no date."""
    try:
        when = date.fromisoformat(day[:10])
    except ValueError:
        return "", "9999-12-31"
    span = timedelta(days=days)
    return (when - span).isoformat(), (when + span).isoformat()


def forget_old(store: Store, today: str, days: int) -> int:
    """Drop the fingerprints of briefs too old to be a candidate of a brief made `today` or
    later (their stories stay); how many were dropped."""
    first, _ = window(today, days)
    return store.stories().forget_before(first) if first else 0


def members_but(
    store: Store, story: str, rel: str, running: Mapping[str, StoryMember] | None = None
) -> tuple[StoryMember, ...]:
    """The briefs of `story` but `rel`'s (recorded ones and a run's `running`), earliest first."""
    found = {r: m for r in store.stories().members(story) if (m := _member(store, r))}
    found.update(running or {})
    found.pop(rel, None)
    return tuple(sorted(found.values(), key=lambda m: (m.published, m.file)))


def _member(store: Store, rel: str) -> StoryMember | None:
    entry = store.entry(rel)
    return None if entry is None else member_of(entry)


def member_of(entry: Entry) -> StoryMember:
    """How a story's other briefs list this one."""
    return StoryMember(entry.output, entry.site, entry.url, entry.published, entry.script)


def _others(store: Store, kept: Kept) -> list[str]:
    return [r for r in store.stories().members(kept.story) if r != kept.rel]


def relist(store: Store, output: Path) -> int:
    """Rewrite the story fields of the briefs of stale stories; how many files changed."""
    prints = store.stories()
    changed = 0
    for story in prints.stale():
        try:
            changed += sum(_relist_one(store, output, story, rel) for rel in prints.members(story))
        except (OSError, ZhbriefError) as exc:  # the disk or a permission: the next run retries
            log.warning("Could not list the briefs of story %s in their files (%s).", story, exc)
            continue
        prints.settled(story)
    return changed


def _relist_one(store: Store, output: Path, story: str, rel: str) -> bool:
    """Rewrite one brief's story fields if they differ; never a file zhbrief did not write."""
    entry = store.entry(rel)
    if entry is None:
        return False
    path = resolve_inside(output, entry.output)
    if not path.is_file() or not made_by_zhbrief(path):
        return False  # gone, or a user's file in its place: left alone
    text = path.read_text(encoding="utf-8")
    if not _is_brief_of(text, rel):
        return False
    new = with_story(text, Story(story, members_but(store, story, rel)))
    if new == text:
        return False
    write_atomic(path, new)
    return True


def _is_brief_of(text: str, rel: str) -> bool:
    """Whether `text` is zhbrief's brief of the source `rel`."""
    import yaml

    try:
        fields = yaml.safe_load(split_front_matter(text)[0])
    except (ValueError, yaml.YAMLError):
        return False
    return isinstance(fields, dict) and fields.get("source") == rel
