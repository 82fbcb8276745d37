"""Measure zhbrief's source reading on the shared real pages: HTML extraction and legacy encodings.

Usage: python evaluation/extraction.py [--data ../shared/data]

HTML: for each page with an expected text, the share of the expected main-text characters
(CJK, letters, digits; in order, via difflib matching blocks) that the extraction recovers,
and the share of extracted characters that are not in the expected text. Pages that only
have trafilatura's must-contain / must-not-contain snippets are scored on those.
Encodings: whether each file decodes with the expected codec (or gets the EUC-TW error).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from difflib import SequenceMatcher
from pathlib import Path

from zhbrief.errors import SourceError
from zhbrief.ingest.decode import decode_bytes
from zhbrief.ingest.find import read_source

REPO = Path(__file__).resolve().parent.parent
KEPT = re.compile(r"[\w]", re.UNICODE)  # CJK ideographs, letters and digits; no punctuation
CJK = re.compile(r"[\u4e00-\u9fff]")
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


def kept(text: str) -> str:
    """Only the characters that are compared: word characters, no spaces or punctuation."""
    return "".join(c for c in text if KEPT.match(c) and c != "_")


def overlap(expected: str, got: str) -> tuple[float, float]:
    """(recall of expected characters, share of extracted characters not in the expected)."""
    exp, ext = kept(expected), kept(got)
    matcher = SequenceMatcher(None, exp, ext, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    recall = same / len(exp) if exp else 0.0
    extra = 1 - same / len(ext) if ext else 0.0
    return recall, extra


def load_manifest(path: Path) -> list[dict[str, object]]:
    """The JSON lines of a MANIFEST.jsonl."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def same_day(expected: str, got: str) -> bool:
    """Whether a YYYY-MM-DD date matches an expected date written in any common style."""
    digits = [int(n) for n in re.findall(r"\d+", expected)[:3]]
    return len(digits) == 3 and got == "{:04d}-{:02d}-{:02d}".format(*digits)


def meta_marks(doc_meta: dict[str, str], exp: dict[str, object]) -> str:
    """A short note on title and date: t/T title matches, d/D date matches (capital = ok)."""
    marks = []
    title = str(exp.get("title") or "").strip()
    if title:
        got = doc_meta.get("title", "")
        ok = bool(got) and (got in title or title in got)
        marks.append("T" if ok else "t")
    date = str(exp.get("publish_time") or exp.get("date") or "")
    if date:
        marks.append("D" if same_day(date, doc_meta.get("date", "")) else "d")
    return "".join(marks) or "-"


def html_row(html_dir: Path, entry: dict[str, object]) -> tuple[str, float | None, float | None]:
    """One Markdown row for a page, and its recall and extra share where measurable."""
    name = str(entry["name"])
    path = html_dir / f"{name}.html"
    expected_json = html_dir / f"{name}.expected.json"
    exp = json.loads(expected_json.read_text("utf-8")) if expected_json.exists() else {}
    try:
        doc = read_source(path, html_dir, max_bytes=10_000_000)
    except SourceError as exc:
        return f"| {name} | error: {exc} | | | | |", None, None
    enc_ok = CODEC_FAMILY.get(doc.encoding) == CODEC_FAMILY.get(str(entry["actual_encoding"]))
    enc = f"{doc.encoding} {'ok' if enc_ok else 'WRONG'}"
    marks = meta_marks(dict(doc.meta), exp)
    expected_txt = html_dir / f"{name}.expected.txt"
    if expected_txt.exists():
        recall, extra = overlap(expected_txt.read_text("utf-8"), doc.text)
        row = f"| {name} | {enc} | {len(kept(doc.text))} | {recall:.1%} | {extra:.1%} | {marks} |"
        return row, recall, extra
    with_ = [s for s in exp.get("with", []) if kept(s) in kept(doc.text)]
    leaks = [s for s in exp.get("without", []) if kept(s) in kept(doc.text)]
    snippets = f"with {len(with_)}/{len(exp.get('with', []))}"
    leaked = f"without leaked {len(leaks)}/{len(exp.get('without', []))}"
    return (
        f"| {name} | {enc} | {len(kept(doc.text))} | {snippets} | {leaked} | {marks} |",
        None,
        None,
    )


def html_table(html_dir: Path) -> list[str]:
    """The HTML extraction table with a totals line."""
    lines = [
        "| page | encoding | chars out | recall of expected | extracted not expected | meta |",
        "|---|---|---:|---:|---:|---|",
    ]
    recalls, extras = [], []
    for entry in load_manifest(html_dir / "MANIFEST.jsonl"):
        row, recall, extra = html_row(html_dir, entry)
        lines.append(row)
        if recall is not None and extra is not None:
            recalls.append(recall)
            extras.append(extra)
    if recalls:
        lines.append(
            f"| **mean of {len(recalls)} pages** | | | **{sum(recalls) / len(recalls):.1%}** "
            f"| **{sum(extras) / len(extras):.1%}** | |"
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
    sample = "".join(CJK.findall(str(entry.get("cjk_sample") or "")))[:20]
    text_ok = not sample or sample in "".join(CJK.findall(text))
    ok = CODEC_FAMILY.get(got) == CODEC_FAMILY.get(want) and text_ok
    detail = f"{got}, sample {'found' if text_ok else 'MISSING'}"
    return f"| {name} | {want} | {detail} | {'ok' if ok else 'FAIL'} |", ok


def encoding_table(enc_dir: Path) -> list[str]:
    """The encodings table with a totals line."""
    lines = ["| file | expected | decoded as | result |", "|---|---|---|---|"]
    results = []
    for entry in load_manifest(enc_dir / "MANIFEST.jsonl"):
        row, ok = encoding_row(enc_dir, entry)
        lines.append(row)
        results.append(ok)
    lines.append(f"| **total** | | | **{sum(results)}/{len(results)} ok** |")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print both tables as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "html" / "MANIFEST.jsonl").exists():
        print(f"Error: no html/MANIFEST.jsonl under {data}; pass --data PATH.", file=sys.stderr)
        return 2
    print(f"## HTML extraction ({data / 'html'})\n")
    print("\n".join(html_table(data / "html")))
    print("\nmeta: T/t title matches expected or not, D/d date matches or not.\n")
    print(f"## Encodings ({data / 'encodings'})\n")
    print("\n".join(encoding_table(data / "encodings")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
