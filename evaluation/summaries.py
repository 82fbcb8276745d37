"""Character-level ROUGE of zhbrief's summary methods against LCSTS and Sogou headlines.

Usage: python evaluation/summaries.py [--data ../shared/data] [-n 1 2 3] [--jobs 2]
Prints a Markdown table per summary size: Lead-N, every sumy method and zhbrief's "news"
selector; then ROUGE-L on the two halves: the "news" constants were tuned on the records at even
positions of each file (0, 2, …) and the records at odd positions are held out.
A row of long articles follows (they have their own rules: lead kept, sections covered): the
Sogou articles over 1,000 characters; then whether "news" is never worse than Lead-N on them.
No data set has a title separate from the reference, so every article is given title=None.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rouge_score import rouge_scorer

from zhbrief.documents import Article, Paragraph, Sentence
from zhbrief.summarizers import NAMES as METHODS
from zhbrief.summarizers import summarize

REPO = Path(__file__).resolve().parent.parent
SETS = (
    ("lcsts", "summaries/lcsts-test.jsonl", "summary"),
    ("sogou", "summaries/sogou-headlines.jsonl", "headline"),
)
LONG_CHARS = 1000  # the long-article rows: articles longer than this
SYSTEMS = ("lead", *METHODS)
METRICS = ("rouge1", "rouge2", "rougeL")
_FALLBACK_SPLIT = re.compile(
    r"(?<=[。！？!?…；;])(?![。！？!?…；;”’」』）)])|(?<=[。！？!?][”’」』])"
)


class CharTokenizer:
    """rouge_score tokenizer counting every non-space character (its default drops Chinese)."""

    def tokenize(self, text: str) -> list[str]:
        """The non-space characters of `text`."""
        return [c for c in text if not c.isspace()]


def scorer() -> rouge_scorer.RougeScorer:
    """ROUGE-1/2/L at character level."""
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=CharTokenizer())


def regex_split(paragraph: str) -> tuple[str, ...]:
    """A simple splitter after 。！？；… and their closing quotes."""
    return tuple(s for s in _FALLBACK_SPLIT.split(paragraph) if s)


def splitter(name: str) -> Callable[[str], Sequence[str]]:
    """zhbrief.ingest.segment.split_sentences, or the regex splitter if asked or if that is unusable."""
    if name == "zhbrief":
        try:
            from zhbrief.ingest.segment import split_sentences
        except (ImportError, SyntaxError) as error:  # segment.py is being written concurrently
            print(
                f"zhbrief.ingest.segment unusable ({error.__class__.__name__}); regex splitter used",
                file=sys.stderr,
            )
        else:
            return split_sentences
    return regex_split


def to_article(rel: str, text: str, split: Callable[[str], Sequence[str]]) -> Article:
    """An Article of one record, one paragraph per non-blank line, no title."""
    paragraphs = tuple(
        Paragraph(tuple(Sentence(s, s) for s in split(line)))
        for line in text.splitlines()
        if line.strip()
    )
    return Article(rel=rel, sha256="", title=None, paragraphs=paragraphs)


def pick(article: Article, system: str, n: int) -> str:
    """The summary text a system chooses."""
    sentences = article.sentences
    chosen = range(min(n, len(sentences))) if system == "lead" else summarize(article, system, n=n)
    return "".join(sentences[i].norm for i in chosen)


def score_record(job: tuple[str, str, str, int, str]) -> dict[str, dict[str, float]]:
    """F1 of every system and metric on one record."""
    rel, text, reference, n, split = job
    article, rouge = to_article(rel, text, splitter(split)), scorer()
    results = {}
    for system in SYSTEMS:
        scores = rouge.score(reference, pick(article, system, n))
        results[system] = {m: scores[m].fmeasure for m in METRICS}
    return results


def records(path: Path, field: str, n: int, split: str) -> Iterator[tuple[str, str, str, int, str]]:
    """Jobs for every line of a JSON Lines file."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield row["id"], row["article"], row[field], n, split


def long_records(data: Path, n: int, split: str) -> dict[str, list[tuple[str, str, str, int, str]]]:
    """Jobs of the long-article row: the Sogou articles over LONG_CHARS characters."""
    jobs = records(data / "summaries/sogou-headlines.jsonl", "headline", n, split)
    return {"sogou long": [job for job in jobs if len(job[1]) > LONG_CHARS]}


def never_worse(means: dict[str, dict[str, float]], n: int, name: str) -> str:
    """The line saying whether "news" scores at least Lead-N on every ROUGE metric."""
    news, lead = means["news"], means["lead"]
    verdict = "yes" if all(news[m] >= lead[m] for m in METRICS) else "NO"
    pairs = ", ".join(f"{m} {news[m]:.3f} vs {lead[m]:.3f}" for m in METRICS)
    return f"news never worse than Lead-{n} on {name}: {verdict} ({pairs})"


def mean_scores(results: Sequence[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Average F1 per system and metric."""
    return {s: {m: sum(r[s][m] for r in results) / len(results) for m in METRICS} for s in SYSTEMS}


def halves(
    results: Sequence[dict[str, dict[str, float]]],
) -> dict[str, dict[str, dict[str, float]]]:
    """Mean scores over the tuning half (even positions), the held-out half (odd) and all."""
    return {
        "tuned": mean_scores(results[0::2]),
        "held out": mean_scores(results[1::2]),
        "all": mean_scores(results),
    }


def split_table(split: dict[str, dict[str, dict[str, dict[str, float]]]], n: int) -> str:
    """A Markdown table of ROUGE-L per system on each data set's tuning and held-out halves."""
    columns = [(name, half) for name in split for half in split[name]]
    head = f"| R-L (N={n}) | " + " | ".join(f"{name} {half}" for name, half in columns) + " |"
    rule = "|---|" + "---:|" * len(columns)
    rows = [
        f"| {s} | "
        + " | ".join(f"{split[name][half][s]['rougeL']:.4f}" for name, half in columns)
        + " |"
        for s in SYSTEMS
    ]
    return "\n".join([head, rule, *rows])


def table(means: dict[str, dict[str, dict[str, float]]], n: int) -> str:
    """A Markdown table: one row per system, R-1/R-2/R-L per data set."""
    head = (
        f"| system (N={n}) | "
        + " | ".join(f"{name} R-1 | {name} R-2 | {name} R-L" for name in means)
        + " |"
    )
    rule = "|---|" + "---:|" * (3 * len(means))
    rows = [
        f"| {s} | "
        + " | ".join(f"{means[name][s][m]:.3f}" for name in means for m in METRICS)
        + " |"
        for s in SYSTEMS
    ]
    return "\n".join([head, rule, *rows])


def main(argv: Sequence[str] | None = None) -> int:
    """Score every system on both data sets and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("-n", type=int, nargs="+", default=[1, 2, 3], help="summary sizes")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--splitter", choices=("zhbrief", "regex"), default="zhbrief")
    args = parser.parse_args(argv)
    with ProcessPoolExecutor(args.jobs) as pool:
        for n in args.n:
            split = {}
            for name, rel, field in SETS:
                jobs = list(records(args.data / rel, field, n, args.splitter))
                split[name] = halves(list(pool.map(score_record, jobs, chunksize=16)))
            print(table({name: h["all"] for name, h in split.items()}, n) + "\n")
            print(split_table(split, n) + "\n")
            long = {
                name: mean_scores(list(pool.map(score_record, jobs, chunksize=4)))
                for name, jobs in long_records(args.data, n, args.splitter).items()
            }
            print(table(long, n) + "\n")
            print("\n".join(never_worse(means, n, name) for name, means in long.items()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
