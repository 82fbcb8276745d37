"""Measure zhbrief's source reading on the shared real pages: main text, page kinds, encodings.

Usage: python evaluation/extraction.py [--data ../shared/data] [--pages] [--title]
                                       [--only zhbrief,readability-lxml]

Main text, on the 45 pages of `extraction/` and the 8 pages of `html/` with an expected text,
with the metric of ../shared/data/README.md: the output and the expected text are split into
sentences at 。！？!? and line ends, each sentence kept as its Han characters; **junk** = Han
characters of output sentences not found in the expected text's Han string / all output Han
characters; **recall** = Han characters of expected sentences found in the output's Han string /
all expected Han characters. Pooled (sums, then the ratio) per set and per kind of site
(`extraction_groups.json`: news, blogs, forums, government, other) and over the pages whose
bytes are GB2312/GBK (`gb2312`). Every extractor is compared on the body it returns (`--title`
adds its title); zhbrief's body is what its brief quotes, after furniture removal. A page an
extractor refuses counts with an empty output. Some expected texts keep lines the issue calls
furniture (GNE's output keeps 原标题, 责任编辑 and credit lines): `--furniture-out` leaves the
lines zhbrief's furniture rules name out of every expected text, for every extractor alike.
Encodings: whether each file of `encodings/` decodes with the expected codec (or gets the
EUC-TW error). html/'s two trafilatura pages with only must-contain / must-not-contain snippets
are scored on those.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extractors import Extractor, available

from zhbrief.errors import SourceError
from zhbrief.ingest.decode import decode_bytes
from zhbrief.ingest.shape import furniture_rule
from zhbrief.zh import HAN

REPO = Path(__file__).resolve().parent.parent
GROUPS = json.loads((Path(__file__).parent / "extraction_groups.json").read_text("utf-8"))
KINDS = ("news", "blogs", "forums", "government", "other")
_SENTENCE = re.compile(r"[。！？!?\n]")
CODEC_FAMILY = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5",
    "cp950": "big5",
    "big5hkscs": "big5",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8",
}


@dataclass(frozen=True)
class Score:
    """Han character counts of one page (or a pool of pages)."""

    out: int = 0
    junk: int = 0
    expected: int = 0
    found: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(*(a + b for a, b in zip(self.counts(), other.counts(), strict=True)))

    def counts(self) -> tuple[int, int, int, int]:
        """The four counts."""
        return self.out, self.junk, self.expected, self.found

    def cell(self) -> str:
        """junk / recall, as percentages."""
        junk = self.junk / self.out if self.out else 0.0
        recall = self.found / self.expected if self.expected else 0.0
        return f"{junk:.1%} / {recall:.1%}"


def han_sentences(text: str) -> list[str]:
    """The Han characters of each sentence of `text` (split at 。！？!? and line ends)."""
    return [s for s in ("".join(HAN.findall(part)) for part in _SENTENCE.split(text)) if s]


def score(expected: str, got: str) -> Score:
    """The metric's counts for one page."""
    exp, out = han_sentences(expected), han_sentences(got)
    exp_all, out_all = "".join(exp), "".join(out)
    junk = sum(len(s) for s in out if s not in exp_all)
    found = sum(len(s) for s in exp if s in out_all)
    return Score(len(out_all), junk, len(exp_all), found)


def kind_of(name: str) -> str:
    """The page's kind of site, from extraction_groups.json."""
    return next((k for k in KINDS if name in GROUPS[k]), "other")


def is_gb(raw: bytes) -> bool:
    """Whether the page's bytes are legacy GB (not UTF-8), read tolerantly."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@dataclass(frozen=True)
class Page:
    """One page with an expected main text."""

    name: str
    raw: bytes
    expected: str
    set: str

    @property
    def groups(self) -> tuple[str, ...]:
        """The set, the kind of site, and gb2312 when its bytes are."""
        return (self.set, kind_of(self.name), *(("gb2312",) if is_gb(self.raw) else ()))


def without_furniture(expected: str) -> str:
    """The expected text without the lines zhbrief's furniture rules name (bylines, editors,
    original titles, credits, prompts): what the issue calls furniture, kept by some golds."""
    return "\n".join(line for line in expected.splitlines() if furniture_rule(line.strip()) is None)


def load_pages(data: Path, furniture_out: bool = False) -> list[Page]:
    """Every page of extraction/ and html/ that has an .expected.txt."""
    pages = []
    for folder in ("extraction", "html"):
        for entry in map(json.loads, (data / folder / "MANIFEST.jsonl").open(encoding="utf-8")):
            expected = data / folder / f"{entry['name']}.expected.txt"
            if expected.exists():
                raw = (data / folder / f"{entry['name']}.html").read_bytes()
                text = expected.read_text("utf-8")
                text = without_furniture(text) if furniture_out else text
                pages.append(Page(entry["name"], raw, text, folder))
    return pages


def measure(
    pages: Iterable[Page], extractors: dict[str, Extractor], title: bool
) -> dict[str, dict[str, Score]]:
    """Page name → extractor → score."""
    scores: dict[str, dict[str, Score]] = {}
    for page in pages:
        scores[page.name] = {}
        for name, extract in extractors.items():
            head, body = extract(page.raw, page.name)
            scores[page.name][name] = score(page.expected, f"{head}\n{body}" if title else body)
    return scores


def group_table(
    pages: list[Page], scores: dict[str, dict[str, Score]], names: list[str]
) -> list[str]:
    """Pooled junk / recall per group and extractor."""
    groups = ["extraction", "html", *KINDS, "gb2312", "all"]
    lines = [
        "| group | pages | " + " | ".join(f"{n} junk / recall" for n in names) + " |",
        "|---|---:|" + "---:|" * len(names),
    ]
    for group in groups:
        members = [p for p in pages if group == "all" or group in p.groups]
        if not members:
            continue
        cells = [sum((scores[p.name][n] for p in members), Score()).cell() for n in names]
        lines.append(f"| {group} | {len(members)} | " + " | ".join(cells) + " |")
    return lines


def page_table(
    pages: list[Page], scores: dict[str, dict[str, Score]], names: list[str]
) -> list[str]:
    """One row per page: its groups and each extractor's junk / recall."""
    lines = [
        "| page | groups | Han expected | " + " | ".join(names) + " |",
        "|---|---|---:|" + "---:|" * len(names),
    ]
    for p in pages:
        cells = [scores[p.name][n].cell() for n in names]
        first = scores[p.name][names[0]]
        lines.append(
            f"| {p.name} | {' '.join(p.groups[1:])} | {first.expected} | "
            + " | ".join(cells)
            + " |"
        )
    return lines


def encoding_row(enc_dir: Path, entry: dict[str, object]) -> tuple[str, bool]:
    """One Markdown row for a legacy-encoded file, and whether it came out right."""
    name, want = str(entry["file"]), str(entry["encoding"])
    raw = (enc_dir / name).read_bytes()
    try:
        text, got = decode_bytes(raw)
    except SourceError as exc:
        ok = want == "euc-tw" and "EUC-TW" in str(exc)
        return f"| {name} | {want} | error: {exc} | {'ok' if ok else 'FAIL'} |", ok
    sample = "".join(HAN.findall(str(entry.get("cjk_sample") or "")))[:20]
    text_ok = not sample or sample in "".join(HAN.findall(text))
    ok = CODEC_FAMILY.get(got) == CODEC_FAMILY.get(want) and text_ok
    detail = f"{got}, sample {'found' if text_ok else 'MISSING'}"
    return f"| {name} | {want} | {detail} | {'ok' if ok else 'FAIL'} |", ok


def encoding_table(enc_dir: Path) -> list[str]:
    """The encodings table with a totals line."""
    lines = ["| file | expected | decoded as | result |", "|---|---|---|---|"]
    results = []
    for entry in map(json.loads, (enc_dir / "MANIFEST.jsonl").open(encoding="utf-8")):
        row, ok = encoding_row(enc_dir, entry)
        lines.append(row)
        results.append(ok)
    lines.append(f"| **total** | | | **{sum(results)}/{len(results)} ok** |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the tables as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    parser.add_argument("--pages", action="store_true", help="also a row per page")
    parser.add_argument("--title", action="store_true", help="count each extractor's title too")
    parser.add_argument("--only", default="", help="comma-separated extractor names")
    parser.add_argument(
        "--furniture-out",
        action="store_true",
        help="leave out of the expected texts the lines zhbrief's furniture rules name",
    )
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "extraction" / "MANIFEST.jsonl").exists():
        print(
            f"Error: no extraction/MANIFEST.jsonl under {data}; pass --data PATH.", file=sys.stderr
        )
        return 2
    extractors = available()
    if args.only:
        extractors = {n: extractors[n] for n in args.only.split(",") if n in extractors}
    pages = load_pages(data, args.furniture_out)
    scores = measure(pages, extractors, args.title)
    names = list(extractors)
    print("## Main text: pooled junk / recall over Han characters\n")
    print("\n".join(group_table(pages, scores, names)))
    if args.pages:
        print("\n" + "\n".join(page_table(pages, scores, names)))
    print(f"\n## Encodings ({data / 'encodings'})\n")
    print("\n".join(encoding_table(data / "encodings")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
