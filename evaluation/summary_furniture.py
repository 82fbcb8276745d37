"""Check that no summary sentence and no ### heading is page furniture, on the shared real pages.

Usage: python evaluation/summary_furniture.py [--data ../shared/data] [--set html|extraction|all]
                                              [--method news] [-n N]

Every page of `html/` (the 11 news pages) and `extraction/` (45 pages) is read, cleaned and
segmented by zhbrief, and summarized (adaptive length unless -n). A summary sentence or a
heading is **furniture** when its Han characters are not in the page's expected main text
(.expected.txt; for the two trafilatura pages, when it holds one of their must-not-contain
snippets) or when one of zhbrief's own furniture or never-a-summary rules names it. A sentence
counts as in the expected text when 80% of its Han characters are, in runs between non-Han
marks (a hand copy may lack an inline aside); a page whose expected text is only part of its
article (cwced_d8d4c4ec: the first part) is listed but not counted. Prints one row per page with something to report, then the totals; exit status
1 when any summary sentence or heading is furniture.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from zhbrief.documents import Article
from zhbrief.errors import ZhbriefError
from zhbrief.ingest import prepare_article
from zhbrief.ingest.shape import furniture_rule
from zhbrief.summarizers import summarize
from zhbrief.zh import HAN

REPO = Path(__file__).resolve().parent.parent
PARTIAL_GOLD = {"cwced_d8d4c4ec"}
FOUND = 0.8  # a sentence this much in the expected text is article text
HAN_RUN = re.compile(
    f"{HAN.pattern}+"
)  # its expected text stops a third of the way into the article


def han(text: str) -> str:
    """The Han characters of a text."""
    return "".join(HAN.findall(text))


def pages(data: Path, which: str) -> Iterator[tuple[str, Path, dict[str, object]]]:
    """(name, page path, what is expected of it) for every page of the chosen set."""
    for folder in ("html", "extraction") if which == "all" else (which,):
        for line in (data / folder / "MANIFEST.jsonl").read_text("utf-8").splitlines():
            name = json.loads(line)["name"]
            expected: dict[str, object] = {}
            txt, snippets = (
                data / folder / f"{name}.expected.txt",
                data / folder / f"{name}.expected.json",
            )
            if txt.exists():
                expected["text"] = han(txt.read_text("utf-8"))
            elif snippets.exists():
                expected["without"] = json.loads(snippets.read_text("utf-8")).get("without", [])
            yield name, data / folder / f"{name}.html", expected


def found_share(sentence: str, expected: str) -> float:
    """The share of the sentence's Han characters in runs (between non-Han marks) that the
    expected text holds: a hand copy may have lost an inline aside (（英语：…）) of the page."""
    runs = HAN_RUN.findall(sentence)
    return sum(len(r) for r in runs if r in expected) / max(1, sum(map(len, runs)))


def why_furniture(sentence: str, expected: dict[str, object]) -> str:
    """Why a chosen sentence or heading is furniture, or "" when it is article text."""
    rule = furniture_rule(sentence.strip())
    if rule is not None:
        return f"rule {rule.name}"
    text = expected.get("text")
    if isinstance(text, str) and han(sentence) and found_share(sentence, text) < FOUND:
        return "not in the expected text"
    leaks = [s for s in expected.get("without", []) if han(str(s)) and han(str(s)) in han(sentence)]  # type: ignore[attr-defined]
    return f"must-not-contain {leaks[0]!r}" if leaks else ""


def chosen(article: Article, method: str, n: int | None) -> list[tuple[str, str]]:
    """("summary" or "heading", text) of what the brief shows as summary sentences and ###."""
    sentences = article.sentences
    picks = [("summary", sentences[i].zh) for i in summarize(article, method, n=n)]
    return picks + [("heading", p.zh) for p in article.paragraphs if p.kind == "heading"]


def main(argv: list[str] | None = None) -> int:
    """Print the furniture found in summaries and headings; exit 1 if any."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--set", choices=("html", "extraction", "all"), default="all")
    parser.add_argument("--method", default="news")
    parser.add_argument("-n", type=int, default=None)
    args = parser.parse_args(argv)
    counts = {"pages": 0, "summary": 0, "heading": 0, "furniture": 0}
    print("| page | kind | sentence | why |\n|---|---|---|---|")
    for name, path, expected in pages(args.data.resolve(), args.set):
        try:
            article = prepare_article(path.read_bytes(), f"{name}.html")
        except ZhbriefError as exc:
            print(f"| {name} | error | {exc} | |")
            continue
        counts["pages"] += 1
        for kind, text in chosen(article, args.method, args.n):
            counts[kind] += 1
            why = why_furniture(text, expected)
            if why:
                partial = name in PARTIAL_GOLD and why == "not in the expected text"
                counts["furniture"] += not partial
                note = " (partial expected text: not counted)" if partial else ""
                print(f"| {name} | {kind} | {text.strip()[:60]} | {why}{note} |")
    print(
        f"\n{counts['pages']} pages, {counts['summary']} summary sentences, "
        f"{counts['heading']} headings: {counts['furniture']} furniture"
    )
    return 1 if counts["furniture"] else 0


if __name__ == "__main__":
    sys.exit(main())
