"""How far a reader can trust the key terms shown as a person's name, on sentences people marked.

Usage: python evaluation/names.py [--data ../shared/data] [--group 1] [-k 8] [--examples 0]

Data: `ner/peoples_daily_dev.jsonl` (People's Daily) and `ner/cluener_train_3000.jsonl` (CLUENER),
each line a sentence with the person names people marked in it.

How key terms are produced: the sentences of a file, in file order, are cut into texts of
`--group` consecutive sentences (1: every sentence is its own article); each text is one
`Article` (one paragraph, no title) and `zhbrief.keyterms.key_terms(article, k)` gives its terms,
exactly as a brief would. A term is *shown as a person's name* when the brief marks it _(name)_
(`KeyTerm.kind == "person"`; before that field existed, `gloss_source == "name"`).

Metric, per corpus and pooled over its texts:
- **right** names: terms shown as a person's name whose Chinese is exactly one of the person
  names marked in that text; **precision** = right / names shown;
- **recall** = right / the distinct person names of two or more characters marked in each text
  (a key term has at least two characters), summed over texts;
- **markup**: glosses with CC-CEDICT markup (`|`, `[pin1 yin1]`, "see also", "variant of");
  **self**: terms shown with an English that is their own text (a Latin name "glossed" by
  itself; since `KeyTerm.kind`, a Latin name is listed without a gloss).

Against overfitting, each corpus is also scored on its two halves: texts at even positions
(0, 2, …), on which rules were looked at, and texts at odd positions, held out.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zhbrief.documents import Article, KeyTerm, Paragraph, Sentence
from zhbrief.keyterms import key_terms

REPO = Path(__file__).resolve().parent.parent
CORPORA = (
    ("peoples_daily", "ner/peoples_daily_dev.jsonl"),
    ("cluener", "ner/cluener_train_3000.jsonl"),
)
MARKUP = re.compile(r"[|\[\]]|\bsee also\b|\bsee \S|\bvariant of\b", re.IGNORECASE)


@dataclass(slots=True)
class Score:
    """Counts over a set of texts."""

    terms: int = 0
    shown: int = 0
    right: int = 0
    marked: int = 0
    markup: int = 0
    self_glossed: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        """One Markdown table row."""
        precision = self.right / self.shown if self.shown else 0.0
        recall = self.right / self.marked if self.marked else 0.0
        return (
            f"| {name} | {self.terms} | {self.shown} | {self.right} | {self.marked} "
            f"| {precision:.3f} | {recall:.3f} | {self.markup} | {self.self_glossed} |"
        )


def is_person(term: KeyTerm) -> bool:
    """Whether the brief shows this term as a person's name."""
    kind = getattr(term, "kind", None)
    return kind == "person" if kind is not None else term.gloss_source == "name"


def shown_gloss(term: KeyTerm) -> bool:
    """Whether the brief shows the term's English beside it (a Latin name: not since `kind`)."""
    return bool(term.en) and getattr(term, "kind", None) != "latin"


def texts(path: Path, group: int) -> Iterator[tuple[list[str], set[str]]]:
    """(sentences, marked person names) of each text of `group` consecutive lines."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for start in range(0, len(records), group):
        chunk = records[start : start + group]
        yield [r["text"] for r in chunk], {p for r in chunk for p in r["persons"]}


def article(sentences: Sequence[str]) -> Article:
    """One paragraph of these sentences, no title."""
    paragraph = Paragraph(tuple(Sentence(s, s) for s in sentences))
    return Article(rel="eval.txt", sha256="0" * 64, title=None, paragraphs=(paragraph,))


def score_text(scores: Sequence[Score], sentences: list[str], persons: set[str], k: int) -> None:
    """Add one text's key terms to each of `scores`."""
    terms = key_terms(article(sentences), k)
    shown = {t.zh for t in terms if is_person(t)}
    marked = {p for p in persons if len(p) >= 2}
    for score in scores:
        add(score, terms, shown, marked)


def add(score: Score, terms: Sequence[KeyTerm], shown: set[str], marked: set[str]) -> None:
    """Count one text's terms, names shown and names marked."""
    score.terms += len(terms)
    score.shown += len(shown)
    score.right += len(shown & marked)
    score.marked += len(marked)
    score.markup += sum(1 for t in terms if MARKUP.search(t.en))
    score.self_glossed += sum(1 for t in terms if t.en == t.zh and shown_gloss(t))
    score.wrong += sorted(shown - marked)
    score.missed += sorted(marked - shown)


def main(argv: Sequence[str] | None = None) -> None:
    """Print one table: every corpus whole, then its even and odd halves."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--group", type=int, default=1, help="sentences per text")
    parser.add_argument("-k", type=int, default=8, help="key terms per text")
    parser.add_argument("--examples", type=int, default=0, help="wrong and missed names to print")
    args = parser.parse_args(argv)
    print(f"group={args.group} k={args.k}\n")
    print("| corpus | terms | names shown | right | marked | precision | recall | markup | self |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, rel in CORPORA:
        whole, halves = Score(), (Score(), Score())
        for i, (sentences, persons) in enumerate(texts(args.data / rel, args.group)):
            score_text((whole, halves[i % 2]), sentences, persons, args.k)
        print(whole.row(name))
        print(halves[0].row(f"{name} even (looked at)"))
        print(halves[1].row(f"{name} odd (held out)"))
        if args.examples:  # from the half rules may be looked at, never the held-out one
            print(f"\nwrong ({name} even): {' '.join(halves[0].wrong[: args.examples])}")
            print(f"missed ({name} even): {' '.join(halves[0].missed[: args.examples])}\n")


if __name__ == "__main__":
    main()
