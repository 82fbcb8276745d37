"""How well zhbrief recognises the same story: precision and recall of same-story pairs.

Usage: python evaluation/stories.py [--data ../shared/data] [--seed 24] [--chunk 16] [--sweep]
                                    [--examples 5]

The mix (evaluation/stories_mix.py): news articles of ../shared/data, copies of some of them
made in the four ways of issue 24, real republished pairs, real different stories on the same
topics and hard negatives (a shared official statement, a shared boilerplate lead, a follow-up
reusing background paragraphs). Each file goes through zhbrief's real ingest
(`prepare_article`), then through the run's own story assignment (`run/stories.py` StoryBook
on a real SQLite store in memory): files arrive in a shuffled order (a copy may come before its
original), `--chunk` at a time, each chunk assigned together and then recorded, as a run does.

Metric, per part (`tune`: thresholds were chosen looking at it; `held`: checked only):
a **pair** is two files of the mix; it is *true* when both are the same story, *grouped* when
zhbrief gives both the same `story`. **precision** = true grouped pairs / grouped pairs,
**recall** = true grouped pairs / true pairs. Before issue 24 nothing was grouped (recall 0).
**Margins**, from the direct similarity (`stories/match.py` `overlap`: `contained` = shared
shingles / the shorter text's, `covered` = shared / the longer's) on every pair: the highest
`contained` and the highest `covered` of any pair of different stories, against the least similar brief of a story with its
closest other brief of that story (the link that groups it). **LSH**: the share of those closest
links that share an LSH band (a candidate at all). `--sweep` prints precision and recall as
MIN_CONTAINED varies.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from stories_mix import Item, build_mix

from zhbrief.ingest import prepare_article
from zhbrief.run.stories import StoryBook
from zhbrief.store.db import Store
from zhbrief.stories import match
from zhbrief.stories.arrival import Arrival, arrival_of
from zhbrief.stories.text import shingles

REPO = Path(__file__).resolve().parent.parent
TODAY = "2023-02-20"


@dataclass(frozen=True)
class Scored:
    """Pair counts of one part."""

    true: int
    grouped: int
    right: int

    def row(self, name: str, files: int, stories: int) -> str:
        """One Markdown table row."""
        precision = self.right / self.grouped if self.grouped else 1.0
        recall = self.right / self.true if self.true else 1.0
        return (
            f"| {name} | {files} | {stories} | {self.true} | {self.grouped} | {self.right} "
            f"| {precision:.3f} | {recall:.3f} |"
        )


def arrivals(items: list[Item]) -> dict[str, Arrival]:
    """Each file's arrival, through the real ingest (a file it refuses is left out, noted)."""
    found = {}
    for item in items:
        try:
            article = prepare_article(item.data, item.name)
        except Exception as exc:
            print(f"  refused {item.name}: {exc}", file=sys.stderr)
            continue
        found[item.name] = arrival_of(article, item.name.rsplit(".", 1)[0] + ".md", TODAY)
    return found


def assign(order: list[Arrival], chunk: int) -> dict[str, str]:
    """The story of each file, assigned as a run does: a chunk at a time, then recorded."""
    store = Store.open(":memory:")
    book = StoryBook(days=7)
    stories: dict[str, str] = {}
    for start in range(0, len(order), chunk):
        part = order[start : start + chunk]
        assigned = book.assign(store, part)
        for a in part:
            book.record(store, a.rel)
            stories[a.rel] = assigned[a.rel].id
    store.close()
    return stories


def score(truth: dict[str, str], found: dict[str, str]) -> Scored:
    """Pair counts: true pairs, grouped pairs, and those both."""
    true = grouped = right = 0
    for a, b in itertools.combinations(sorted(found), 2):
        same, together = truth[a] == truth[b], found[a] == found[b]
        true += same
        grouped += together
        right += same and together
    return Scored(true, grouped, right)


MEASURES = ("contained", "opening", "covered")


def closeness(o: match.Overlap) -> float:
    """How near a pair is to being grouped: its weakest measure over its threshold (>= 1: grouped)."""
    limits = (match.MIN_CONTAINED, match.MIN_OPENING, match.MIN_COVERED)
    return min(getattr(o, m) / t for m, t in zip(MEASURES, limits, strict=True))


def margins(items: dict[str, Item], got: dict[str, Arrival]) -> list[str]:
    """The closest pairs of different stories against the loosest links of stories, and LSH."""
    names = sorted(got)
    sets = {n: shingles(got[n].print.text) for n in names}
    over = {}
    for a, b in itertools.combinations(names, 2):
        if sets[a] & sets[b]:
            over[a, b] = match.overlap_of(got[a].print.text, sets[a], got[b].print.text, sets[b])
    zero = match.Overlap(0.0, 0.0, 0.0)
    neg = sorted(
        ((closeness(o), p, o) for p, o in over.items() if items[p[0]].story != items[p[1]].story),
        reverse=True,
    )
    links = []
    for n in names:
        mates = [m for m in names if m != n and items[m].story == items[n].story]
        if mates:
            found = [(over.get((min(n, m), max(n, m)), zero), m) for m in mates]
            o, best = max(found, key=lambda f: closeness(f[0]))
            links.append((closeness(o), (n, best), o))
    links.sort()
    banded = sum(1 for _, (n, m), _ in links if set(got[n].print.bands) & set(got[m].print.bands))
    lines = [
        "  nearest different stories (closeness = weakest measure / its threshold; >= 1 groups):"
    ]
    lines += [f"    {c:.3f} {_measures(o)} {p[0]} ~ {p[1]}" for c, p, o in neg[:3]]
    lines += ["  loosest same-story links (each brief with its closest other brief of the story):"]
    lines += [f"    {c:.3f} {_measures(o)} {p[0]} ~ {p[1]}" for c, p, o in links[:3]]
    for m in MEASURES:
        worst = max((getattr(o, m) for c, p, o in neg), default=0.0)
        low = min((getattr(o, m) for c, p, o in links), default=1.0)
        lines.append(
            f"  {m}: different stories at most {worst:.3f}, same-story links at least {low:.3f}"
        )
    lines.append(f"  LSH: {banded} of {len(links)} closest links share a band")
    return lines


def _measures(o: match.Overlap) -> str:
    return "(" + ", ".join(f"{m} {getattr(o, m):.3f}" for m in MEASURES) + ")"


def run_part(
    name: str, items: list[Item], got: dict[str, Arrival], args: argparse.Namespace
) -> tuple[str, Scored]:
    """Score one part of the mix."""
    rng = random.Random(args.seed)
    names = sorted(i.name for i in items if i.name in got)
    rng.shuffle(names)
    found = assign([got[n] for n in names], args.chunk)
    truth = {i.name: i.story for i in items if i.name in got}
    scored = score(truth, found)
    if args.examples:
        _examples(truth, found, args.examples)
    return scored.row(name, len(found), len(set(truth.values()))), scored


def _examples(truth: dict[str, str], found: dict[str, str], n: int) -> None:
    by_found = defaultdict(set)
    for name, story in found.items():
        by_found[story].add(name)
    wrong = [sorted(g) for g in by_found.values() if len({truth[x] for x in g}) > 1]
    missed = defaultdict(set)
    for name, story in truth.items():
        missed[story].add(found[name])
    split = [s for s, ids in missed.items() if len(ids) > 1]
    print(f"  false merges: {wrong[:n]}")
    print(f"  split stories: {split[:n]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()
    items = build_mix(args.data, args.seed)
    got = arrivals(items)
    by_name = {i.name: i for i in items}
    print("| part | files | stories | true pairs | grouped | right | precision | recall |")
    print("|---|---|---|---|---|---|---|---|")
    notes = []
    for part in ("tune", "held"):
        chosen = [i for i in items if i.part == part]
        row, _ = run_part(part, chosen, got, args)
        print(row)
        notes += [
            f"{part}:",
            *margins(by_name, {i.name: got[i.name] for i in chosen if i.name in got}),
        ]
    print("\n".join(notes))
    if args.sweep:
        _sweep(items, got, args)


def _sweep(items: list[Item], got: dict[str, Arrival], args: argparse.Namespace) -> None:
    base = match.MIN_CONTAINED
    print("| MIN_CONTAINED | tune P | tune R | held P | held R |\n|---|---|---|---|---|")
    for value in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        match.MIN_CONTAINED = value
        cells = []
        for part in ("tune", "held"):
            _, s = run_part(
                part,
                [i for i in items if i.part == part],
                got,
                argparse.Namespace(**{**vars(args), "examples": 0}),
            )
            cells += [f"{s.right / s.grouped if s.grouped else 1:.3f}", f"{s.right / s.true:.3f}"]
        print(f"| {value} | " + " | ".join(cells) + " |")
    match.MIN_CONTAINED = base


if __name__ == "__main__":
    main()
