"""A new brief as story assignment sees it: its fingerprint, its day, how others list it."""

from __future__ import annotations

from dataclasses import dataclass

from zhbrief.documents import Article, StoryMember
from zhbrief.stories.match import Fingerprint, fingerprint


@dataclass(frozen=True, slots=True)
class Arrival:
    """One article about to be briefed, as its story is decided."""

    rel: str
    sha256: str
    day: str  # YYYY-MM-DD it is briefed: the window counts from when briefs arrive
    print: Fingerprint
    member: StoryMember  # how the story's other briefs list this one


def arrival_of(article: Article, name: str, today: str) -> Arrival:
    """The arrival of an article briefed `today` (YYYY-MM-DD) into `name` (a path inside the
    output folder). Not the page's own date: a page may give none, or an old one."""
    p = article.provenance
    member = StoryMember(name, p.site, p.url, p.published, article.script)
    return Arrival(article.rel, article.sha256, today, fingerprint(article), member)
