"""How well the quality flags find major accuracy errors in human-rated machine translation.

Usage: python evaluation/flags.py [--data ../shared/data] [--baseline REV] [--resamples 2000]
       python evaluation/flags.py --examples KIND [--half a|b|all] [--limit N]

Data: `mqm/wmt23-zhen-mqm-dev.jsonl`, ten WMT23 zh→en systems' English for the first segments
of 19 news documents, each rated by three people with MQM (Google's annotations). A segment is
**positive** when most of its raters marked a major Accuracy error (`major_accuracy`, 625 of
1,890). The source text there has its spaces removed.

Metric, for a set of segments and a rule deciding which are flagged:
- precision = flagged positives / flagged segments;
- recall = flagged positives / positives;
- flag rate = flagged segments / segments; on GPT-4 (the best system) it is the share of good
  sentences a reader is sent to check.
Rows: each flag kind (a flag's name up to ":"), the ⚠ level (a segment with a flag whose
severity is "high"), any flag, then the ⚠ level per system. "Before" is quality.py at git
revision `--baseline` (default 809cb21, before issue 27), where every flag was a ⚠.

Held out: the sorted documents are cut in two halves, a (even positions) and b (odd). The checks
were designed on examples of half a; half b was read only as numbers (once, the flagged names of
one bug: "Hong Kong" read as a pinyin name). Both halves are printed, then a bootstrap over
documents (resample the 19 documents with replacement, `--resamples` times, fixed seed): the
5th, 50th and 95th percentile of ⚠ precision, recall and GPT-4 flag rate, what a new set of
documents like these would likely score. Last, one row per document and the time per segment.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from baseline import load_at

from zhbrief.translation.quality import kind_of as kind
from zhbrief.translation.quality import quality_flags, severity

REPO = Path(__file__).resolve().parent.parent
OLD_PATH = "src/zhbrief/translation/quality.py"
BEST = ("GPT4-5shot", "HW-TSC", "Lan-BridgeMT")
GPT4 = "GPT4-5shot"
Flagger = Callable[[str, str], tuple[str, ...]]
Picker = Callable[["Scored"], bool]
HEADER = (
    "| rows | precision | recall | flag rate | flagged | true | segments |\n" + "|---" * 7 + "|"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One system's English for one source segment, with the raters' verdict."""

    system: str
    doc: str
    source: str
    target: str
    positive: bool


@dataclass(frozen=True, slots=True)
class Scored:
    """A segment and the flags a flagger gave it."""

    segment: Segment
    flags: tuple[str, ...]


def load(path: Path) -> list[Segment]:
    """The rated segments of the MQM file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [
        Segment(r["system"], r["doc"], r["source"], r["target"], bool(r["major_accuracy"]))
        for r in rows
    ]


def half(segments: Sequence[Segment], which: str) -> list[Segment]:
    """Half a (documents at even positions in sorted order) or b (odd), or all."""
    docs = sorted({s.doc for s in segments})
    keep = {d for i, d in enumerate(docs) if which == "all" or i % 2 == "ab".index(which)}
    return [s for s in segments if s.doc in keep]


def load_baseline(rev: str) -> Flagger:
    """`quality_flags` of quality.py at git revision `rev`."""
    found: Flagger = load_at(rev, OLD_PATH, "quality_flags")
    return found


def score(segments: Iterable[Segment], flagger: Flagger) -> list[Scored]:
    """Every segment with its flags."""
    return [Scored(s, flagger(s.source, s.target)) for s in segments]


def high(s: Scored) -> bool:
    """Whether a segment carries a ⚠ (a flag of high severity)."""
    return any(severity(f) == "high" for f in s.flags)


def counts(scored: Sequence[Scored], hit: Picker) -> tuple[int, int, int, int]:
    """(flagged, flagged positives, positives, segments)."""
    flagged = [s for s in scored if hit(s)]
    positives = sum(s.segment.positive for s in scored)
    return len(flagged), sum(s.segment.positive for s in flagged), positives, len(scored)


def row(name: str, scored: Sequence[Scored], hit: Picker) -> str:
    """One table row: precision, recall, flag rate and the counts behind them."""
    flagged, tp, positives, n = counts(scored, hit)
    p = f"{tp / flagged:.2f}" if flagged else "-"
    r = f"{tp / positives:.2f}" if positives else "-"
    rate = flagged / n if n else 0.0
    return f"| {name} | {p} | {r} | {rate:.3f} | {flagged} | {tp} | {n} |"


def table(title: str, scored: Sequence[Scored], level: Picker, systems: bool = True) -> None:
    """Per flag kind, the ⚠ level, any flag, and the ⚠ level per system."""
    print(f"\n### {title}\n\n{HEADER}")
    for k in sorted({kind(f) for s in scored for f in s.flags}):
        print(row(f"`{k}`", scored, lambda s, k=k: any(kind(f) == k for f in s.flags)))
    print(row("**⚠ (high)**", scored, level))
    print(row("any flag", scored, lambda s: bool(s.flags)))
    for system in sorted({s.segment.system for s in scored}) if systems else ():
        mine = [s for s in scored if s.segment.system == system]
        print(row(system + (" (best)" if system in BEST else ""), mine, level))


def bootstrap(scored: Sequence[Scored], level: Picker, resamples: int) -> None:
    """Percentiles of ⚠ precision, recall and GPT-4 flag rate over resampled document sets."""
    by_doc: dict[str, list[Scored]] = {}
    for s in scored:
        by_doc.setdefault(s.segment.doc, []).append(s)
    docs = sorted(by_doc)
    rng = random.Random(27)
    results: list[tuple[float, float, float]] = []
    for _ in range(resamples):
        sample = [s for d in rng.choices(docs, k=len(docs)) for s in by_doc[d]]
        flagged, tp, positives, _n = counts(sample, level)
        gpt = [s for s in sample if s.segment.system == GPT4]
        results.append(
            (tp / max(flagged, 1), tp / max(positives, 1), counts(gpt, level)[0] / len(gpt))
        )
    print(f"\n### ⚠ over {resamples} resampled sets of {len(docs)} documents\n")
    print("| | 5th | 50th | 95th |\n|---|---|---|---|")
    for i, name in enumerate(("precision", "recall", "GPT-4 flag rate")):
        values = sorted(r[i] for r in results)
        cuts = [values[int(q * (len(values) - 1))] for q in (0.05, 0.5, 0.95)]
        print(f"| {name} | " + " | ".join(f"{c:.3f}" for c in cuts) + " |")


def per_document(scored: Sequence[Scored], level: Picker) -> None:
    """One ⚠ row per document."""
    print(f"\n### ⚠ per document\n\n{HEADER}")
    for doc in sorted({s.segment.doc for s in scored}):
        print(row(doc, [s for s in scored if s.segment.doc == doc], level))


def examples(scored: Sequence[Scored], wanted: str, limit: int) -> None:
    """Print flagged segments of one kind, wrong ones (raters saw no major error) first."""
    picked = [s for s in scored if any(kind(f) == wanted for f in s.flags)]
    picked.sort(key=lambda s: s.segment.positive)
    for s in picked[:limit]:
        verdict = "TRUE " if s.segment.positive else "FALSE"
        print(f"{verdict} {s.segment.system} {', '.join(s.flags)}")
        print(f"   zh: {s.segment.source}\n   en: {s.segment.target}")


def references(path: Path, flagger: Flagger, level: Picker) -> str:
    """⚠ and any-flag rates on human reference translations, by flag kind."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    scored = [
        Scored(Segment("human", "", r["zh"], r["en"], False), flagger(r["zh"], r["en"]))
        for r in rows
    ]
    kinds: dict[str, int] = {}
    for s in scored:
        for k in {kind(f) for f in s.flags}:
            kinds[k] = kinds.get(k, 0) + 1
    by_kind = ", ".join(f"{k} {n / len(rows):.3f}" for k, n in sorted(kinds.items()))
    high_rate = sum(level(s) for s in scored) / len(rows)
    any_rate = sum(bool(s.flags) for s in scored) / len(rows)
    return f"⚠ {high_rate:.3f}, any flag {any_rate:.3f} of {len(rows)} ({by_kind})"


def timed(segments: Sequence[Segment]) -> float:
    """Microseconds per segment of quality_flags, dictionaries already loaded."""
    quality_flags(segments[0].source, segments[0].target)
    start = time.perf_counter()
    for s in segments:
        quality_flags(s.source, s.target)
    return (time.perf_counter() - start) / len(segments) * 1e6


def main(argv: Sequence[str] | None = None) -> None:
    """Score the current flags (and the baseline's) on the MQM development file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--baseline", default="809cb21")
    parser.add_argument("--resamples", type=int, default=2000)
    parser.add_argument("--examples", default="", help="print flagged segments of this kind")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--half", choices=("a", "b", "all"), default="a")
    args = parser.parse_args(argv)
    segments = load(args.data / "mqm" / "wmt23-zhen-mqm-dev.jsonl")
    if args.examples:
        examples(score(half(segments, args.half), quality_flags), args.examples, args.limit)
        return
    before = score(segments, load_baseline(args.baseline))
    table(f"before ({args.baseline}), every flag a ⚠", before, lambda s: bool(s.flags))
    now = score(segments, quality_flags)
    table("after, all 19 documents", now, high)
    for which in ("a", "b"):
        part = score(half(segments, which), quality_flags)
        table(f"after, half {which}", part, high, systems=False)
        gpt = [s for s in part if s.segment.system == GPT4]
        print(row("GPT-4 ⚠", gpt, high))
    bootstrap(now, high, args.resamples)
    refs = args.data / "wmt21-zh-en.jsonl"
    print("\n### Flag rate on human reference translations (WMT21 newstest)\n")
    print(f"- before: {references(refs, load_baseline(args.baseline), lambda s: bool(s.flags))}")
    print(f"- after: {references(refs, quality_flags, high)}")
    per_document(now, high)
    print(f"\n{timed(segments):.0f} µs a segment (warm), {len(segments)} segments")


if __name__ == "__main__":
    sys.exit(main())
