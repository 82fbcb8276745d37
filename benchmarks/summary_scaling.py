"""Time and memory of the summarizer on 1, 2 and 4 MB articles: does it grow linearly?

Usage: python benchmarks/summary_scaling.py [--data ../shared/data] [--sizes 1 2 4] [--method news]
Builds one plain-text article per size from the WMT23 Chinese articles (repeated; every copy's
lines get a distinct prefix so no two sentences are equal), then, in a fresh process per size,
times ingest (decode, clean, segment) and the summarizer (default length) after a warm-up on a
tiny article (jieba's dictionary and the IDF table load once per process), and reads the
process's peak RSS. Prints a Markdown table and the ratio of the largest to the smallest time.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def build_article(data: Path, size: int) -> bytes:
    """A UTF-8 article of about `size` bytes: a title, then WMT23 lines as paragraphs."""
    lines = [
        line.strip()
        for path in sorted((data / "wmt23-zh-en" / "zh").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    ]
    out = ["超大文章的标题：城市发展与居民生活", ""]
    total, copy = 0, 0
    while total < size:
        copy += 1
        for line in lines:
            paragraph = f"第{copy}部分，{line}"
            out += [paragraph, ""]
            total += len(paragraph.encode()) + 2
    return "\n".join(out).encode()


def measure(path: Path, method: str) -> dict[str, float]:
    """Ingest and summarize one file in this process; seconds and peak RSS in MiB."""
    from zhbrief.ingest import prepare_article
    from zhbrief.summarizers import summarize

    raw = path.read_bytes()
    start = time.perf_counter()
    # load jieba's dictionary and IDF table first: a one-off cost, not part of the growth
    summarize(prepare_article("国家统计局今天发布数据。物价保持稳定。".encode(), "w.txt"), method)
    warm = time.perf_counter()
    article = prepare_article(raw, path.name)
    ingested, cpu = time.perf_counter(), time.process_time()
    chosen = summarize(article, method)
    done, cpu_done = time.perf_counter(), time.process_time()
    return {
        "bytes": len(raw),
        "sentences": len(article.sentences),
        "chosen": len(chosen),
        "warmup_s": warm - start,
        "ingest_s": ingested - warm,
        "summary_s": done - ingested,
        "summary_cpu_s": cpu_done - cpu,  # CPU time: steadier than wall time on a shared machine
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    """Build the articles, measure each in a child process, print the table and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4], help="MB")
    parser.add_argument("--method", default="news")
    parser.add_argument("--work", type=Path, default=Path("/tmp/zhbrief-summary-scaling"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.method)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        path = args.work / f"article-{size}mb.txt"
        path.write_bytes(build_article(args.data, size * MB))
        child = [sys.executable, __file__, "--child", str(path), "--method", args.method]
        result = subprocess.run(child, check=True, capture_output=True, text=True, timeout=3600)
        rows.append((size, json.loads(result.stdout.splitlines()[-1])))
    print(
        "| size | sentences | warm-up s | ingest s | summarizer s | summarizer CPU s | peak MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, r in rows:
        print(
            f"| {size} MB | {r['sentences']:,} | {r['warmup_s']:.1f} | {r['ingest_s']:.1f} "
            f"| {r['summary_s']:.1f} | {r['summary_cpu_s']:.1f} | {r['peak_mib']:.0f} |"
        )
    (small, first), (large, last) = rows[0], rows[-1]
    print(
        f"\nsummarizer {large} MB / {small} MB: {last['summary_s'] / first['summary_s']:.2f} wall, "
        f"{last['summary_cpu_s'] / first['summary_cpu_s']:.2f} CPU (linear: {large / small:.0f}); "
        f"ingest: {last['ingest_s'] / first['ingest_s']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
