"""How well the quality flags find major accuracy errors in human-rated machine translation.

Usage: python evaluation/flags.py [--data ../shared/data] [--baseline REV] [--examples KIND]
                                  [--limit N] [--half a|b]

Data: `mqm/wmt23-zhen-mqm-dev.jsonl`, ten WMT23 zh→en systems' English for the first segments
of 19 news documents, rated by three people each with MQM (Google's annotations). A segment is
**positive** when most of its raters marked a major Accuracy error (`major_accuracy`).

Metric, for a set of segments and a rule deciding which are flagged:
- precision = flagged positives / flagged segments;
- recall = flagged positives / positives;
- flag rate = flagged segments / segments (for GPT-4 it is the share of a good system's
  sentences that a reader would be sent to check).
Rows: every flag kind (the part of a flag's name before ":"), the ⚠ level (flags whose severity
is "high") and any flag at all; then the ⚠ level per system.

Held-out: the 19 documents are cut into two halves by their sorted order (a: even positions,
b: odd). The checks were designed looking at examples of half a only; half b is the held-out
score, and both halves are printed. `--baseline REV` scores quality.py as it was at git
revision REV beside the current one (default 809cb21, before issue 27).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhbrief.translation.quality import quality_flags, severity

REPO = Path(__file__).resolve().parent.parent
OLD_PATH = "src/zhbrief/translation/quality.py"
BEST = ("GPT4-5shot", "HW-TSC", "Lan-BridgeMT")
Flagger = Callable[[str, str], tuple[str, ...]]


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
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{rev}:{OLD_PATH}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("baseline_quality")
    exec(compile(source, f"{rev}:{OLD_PATH}", "exec"), module.__dict__)
    flagger: Flagger = module.quality_flags
    return flagger


def score(segments: Iterable[Segment], flagger: Flagger) -> list[Scored]:
    """Every segment with its flags."""
    return [Scored(s, flagger(s.source, s.target)) for s in segments]


def kind(flag: str) -> str:
    """A flag's kind: its name up to the first ':'."""
    return flag.split(":", 1)[0]


def row(name: str, scored: Sequence[Scored], hit: Callable[[Scored], bool]) -> str:
    """One table row: precision, recall, flag rate and counts of the segments `hit` picks."""
    flagged = [s for s in scored if hit(s)]
    tp = sum(s.segment.positive for s in flagged)
    positives = sum(s.segment.positive for s in scored)
    p = f"{tp / len(flagged):.2f}" if flagged else "  - "
    r = f"{tp / positives:.2f}" if positives else "  - "
    rate = len(flagged) / len(scored) if scored else 0.0
    return f"| {name} | {p} | {r} | {rate:.3f} | {len(flagged)} | {tp} | {len(scored)} |"


HEADER = "| rows | precision | recall | flag rate | flagged | true | segments |\n|---|---|---|---|---|---|---|"


def high(s: Scored) -> bool:
    """Whether a segment carries a ⚠ (a flag of high severity)."""
    return any(severity(f) == "high" for f in s.flags)


def table(title: str, scored: Sequence[Scored], levels: Callable[[Scored], bool]) -> None:
    """Per flag kind, the ⚠ level, any flag, and the ⚠ level (or any) per system."""
    print(f"\n### {title}\n\n{HEADER}")
    kinds = sorted({kind(f) for s in scored for f in s.flags})
    for k in kinds:
        print(row(f"`{k}`", scored, lambda s, k=k: any(kind(f) == k for f in s.flags)))
    print(row("**⚠ (high)**", scored, levels))
    print(row("any flag", scored, lambda s: bool(s.flags)))
    for system in sorted({s.segment.system for s in scored}):
        mine = [s for s in scored if s.segment.system == system]
        star = " (best)" if system in BEST else ""
        print(row(f"{system}{star}", mine, levels))


def examples(scored: Sequence[Scored], wanted: str, limit: int) -> None:
    """Print flagged segments of one kind, wrong ones (raters saw no major error) first."""
    picked = [s for s in scored if any(kind(f) == wanted for f in s.flags)]
    picked.sort(key=lambda s: s.segment.positive)
    for s in picked[:limit]:
        verdict = "TRUE " if s.segment.positive else "FALSE"
        print(f"{verdict} {s.segment.system} {', '.join(s.flags)}")
        print(f"   zh: {s.segment.source}\n   en: {s.segment.target}")


def main(argv: Sequence[str] | None = None) -> None:
    """Score the current flags (and the baseline's) on the MQM development file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--baseline", default="809cb21")
    parser.add_argument("--examples", default="", help="print flagged segments of this kind")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--half", choices=("a", "b", "all"), default="a")
    args = parser.parse_args(argv)
    segments = load(args.data / "mqm" / "wmt23-zhen-mqm-dev.jsonl")
    if args.examples:
        examples(score(half(segments, args.half), quality_flags), args.examples, args.limit)
        return
    old = load_baseline(args.baseline)
    for which in ("all", "a", "b"):
        part = half(segments, which)
        table(f"before ({args.baseline}), documents: {which}", score(part, old), lambda s: bool(s.flags))
        start = time.perf_counter()
        now = score(part, quality_flags)
        per = (time.perf_counter() - start) / len(part) * 1e6
        table(f"after, documents: {which} ({per:.0f} µs a segment)", now, high)


if __name__ == "__main__":
    sys.exit(main())
