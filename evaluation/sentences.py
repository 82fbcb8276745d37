"""How sentence boundaries change on the shared WMT23 articles, against an earlier splitter.

Usage: python evaluation/sentences.py [--data ../shared/data] [--set wmt23|wmt21|sogou]
                                     [--baseline REV] [--examples N]

The baseline splitter is read from git (`git show REV:PATH`) and loaded as a module of its own,
so the comparison needs no copy of old code in the tree. REV defaults to 8095b03, the last
commit before the splitter learnt about paired marks and quoted speech.
Each WMT line, or each line of a Sogou article (U+E40C marks its breaks), is a paragraph; the report counts boundaries (offsets where one sentence ends)
kept, added and removed, and prints examples of each change.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from baseline import load_at

from zhbrief.ingest.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
OLD_PATH = "src/zhbrief/ingest/segment.py"
Splitter = Callable[[str], tuple[str, ...]]


def load_baseline(rev: str) -> Splitter:
    """`split_sentences` of the splitter module at git revision `rev`."""
    found: Splitter = load_at(rev, OLD_PATH, "split_sentences")
    return found


def boundaries(pieces: tuple[str, ...]) -> set[int]:
    """Offsets where one sentence ends and the next begins."""
    ends, pos = set(), 0
    for piece in pieces[:-1]:
        pos += len(piece)
        ends.add(pos)
    return ends


def compare(lines: list[str], old: Splitter, examples: int) -> dict[str, int]:
    """Count kept, added and removed boundaries; print up to `examples` changed lines."""
    counts = {
        "paragraphs": len(lines),
        "old sentences": 0,
        "new sentences": 0,
        "kept": 0,
        "added": 0,
        "removed": 0,
        "changed paragraphs": 0,
    }
    shown = 0
    for line in lines:
        before, after = old(line), split_sentences(line)
        a, b = boundaries(before), boundaries(after)
        counts["old sentences"] += len(before)
        counts["new sentences"] += len(after)
        counts["kept"] += len(a & b)
        counts["added"] += len(b - a)
        counts["removed"] += len(a - b)
        if a != b:
            counts["changed paragraphs"] += 1
            if shown < examples:
                shown += 1
                print(f"- before: {' | '.join(before)}\n  after:  {' | '.join(after)}")
    return counts


def paragraphs(data: Path, which: str) -> list[str]:
    """The paragraphs of one shared data set."""
    if which == "wmt23":
        files = sorted((data / "wmt23-zh-en" / "zh").glob("*.txt"))
        return [line for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    path = data / ("wmt21-zh-en.jsonl" if which == "wmt21" else "summaries/sogou-headlines.jsonl")
    if not path.is_file():
        return []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if which == "wmt21":
        return [r["zh"] for r in records]
    return [p for r in records for p in r["article"].replace("\ue40c", "\n").splitlines()]


def main() -> int:
    """Print the boundary comparison on the WMT23 Chinese articles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--baseline", default="8095b03")
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--set", choices=("wmt23", "wmt21", "sogou"), default="wmt23")
    args = parser.parse_args()
    lines = [line.strip() for line in paragraphs(args.data, args.set) if line.strip()]
    if not lines:
        print(f"No {args.set} paragraphs under {args.data}", file=sys.stderr)
        return 2
    print(f"Examples of changed paragraphs (baseline {args.baseline}):")
    counts = compare(lines, load_baseline(args.baseline), args.examples)
    print()
    for key, value in counts.items():
        print(f"{key:>20}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
