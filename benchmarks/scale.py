"""Scaling of `zhbrief run`: thread layouts, decoder throughput, Dask workers, peak memory.

Usage: python benchmarks/scale.py [--data DIR] [--package FILE] [--articles N] [--workers-articles N]
                                  [--memory 10,100,1000] [--memory-package FILE] [--workdir DIR]

Run once; every ratio compares numbers measured in this one run, on this machine:

  layouts    the texts of --articles articles through zhbrief's ArgosEngine with each
             inter × intra layout of the machine's cores and 2,048- and 1,024-token batches
             (target tokens/s, and whether any translation differs from the first layout's);
  decoder    raw CTranslate2 on the same token lists (one call per length group, zhbrief's
             length caps) against zhbrief's engine: the ratio of target tokens per second;
  workers    `zhbrief run` in one process against `--workers 2` on --workers-articles articles
             (articles/s, identical briefs?), and the coordinator's own cost per article
             (busy time, bytes sent and received, from its -v log line);
  memory     peak RSS of a fresh `zhbrief run` at each --memory article count (distinct copies).

Reuses translate_speed.py's helpers (isolated Argos home, package install, article copies).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from translate_speed import (
    PYTHON,
    ROOT,
    child_env,
    copy_articles,
    prepare_package,
    run_timed,
    texts_zhbrief_translates,
    zhbrief_cmd,
)


def child_layouts(input_dir: Path, package_dir: Path) -> dict[str, Any]:
    """Every layout and batch size on the same texts, then raw CTranslate2 on the same tokens."""
    from zhbrief.translation.argos import ArgosEngine
    from zhbrief.translation.device import cpu_count
    from zhbrief.translation.engine import Decoding
    from zhbrief.translation.metadata import read_package

    package, cores = read_package(package_dir), cpu_count()
    texts = texts_zhbrief_translates(input_dir)
    rows, reference = [], None
    layouts = [(i, cores // i) for i in range(1, cores + 1) if cores % i == 0]
    for (inter, intra), tokens in itertools.product(layouts, (2048, 1024)):
        engine = ArgosEngine(
            package, Decoding(threads=cores, inter_threads=inter, max_batch_tokens=tokens)
        )
        engine.translate_batch(texts[:1])  # load outside the timing
        start = time.perf_counter()
        english = engine.translate_batch(texts)
        seconds = time.perf_counter() - start
        reference = reference or english
        differ = sum(a != b for a, b in zip(english, reference, strict=True))
        rows.append(
            {"inter": inter, "intra": intra, "batch": tokens, "s": seconds, "differ": differ}
        )
    tgt_tokens, raw_s, zh_s = raw_against_engine(package, texts)
    return {
        "texts": len(texts),
        "rows": rows,
        "tgt_tokens": tgt_tokens,
        "raw_s": raw_s,
        "zh_s": zh_s,
    }


def raw_against_engine(package: Any, texts: list[str]) -> tuple[int, float, float]:
    """Seconds of raw CTranslate2 and of zhbrief's engine on the same tokens and caps, interleaved."""
    import ctranslate2

    from zhbrief.translation.argos import ArgosEngine, _bucket, _same_length
    from zhbrief.translation.device import cpu_count
    from zhbrief.translation.engine import Decoding

    d = Decoding()
    engine = ArgosEngine(package, d)
    engine.translate_batch(texts[:1])
    tokenizer = engine._tokenizer
    translator = ctranslate2.Translator(str(package.path / "model"), intra_threads=cpu_count())
    tokens = [tokenizer.encode(t) for t in texts]
    groups = list(_same_length(tokens))
    raw_s = zh_s = 0.0
    tgt = 0
    for _ in range(2):
        start = time.perf_counter()
        for group in groups:
            batch = [tokens[i] for i in group]
            out = translator.translate_batch(
                batch,
                beam_size=d.beam_size,
                repetition_penalty=d.repetition_penalty,
                no_repeat_ngram_size=d.no_repeat_ngram_size,
                max_decoding_length=d.max_length(_bucket(len(batch[0]))),
                max_batch_size=d.max_batch_tokens,
                batch_type="tokens",
            )
            tgt += sum(len(r.hypotheses[0]) for r in out)
        raw_s += time.perf_counter() - start
        start = time.perf_counter()
        engine.translate_batch(texts)
        zh_s += time.perf_counter() - start
    return tgt // 2, raw_s / 2, zh_s / 2


def briefs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.glob("*.md")}


def workers_rows(args: argparse.Namespace, work: Path, env: dict[str, str]) -> list[str]:
    """One process against --workers 2 on the same articles and clock."""
    input_dir = copy_articles(args.data, work / "workers-in", args.workers_articles, distinct=True)
    env = dict(env, SOURCE_DATE_EPOCH="1773302400")
    plain = run_timed(zhbrief_cmd(input_dir, work / "plain"), env, work)
    cmd = [*zhbrief_cmd(input_dir, work / "dask"), "--workers", "2"]
    cmd[cmd.index("-q")] = "-v"
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=work, capture_output=True, text=True, check=True)
    dask_s = time.perf_counter() - start
    line = re.search(r"Dask coordinator: (.*)", done.stderr)
    same = briefs(work / "plain") == briefs(work / "dask")
    n = args.workers_articles
    return [
        "| run | wall s | articles/s | briefs identical | coordinator peak RSS MiB |",
        "|---|---|---|---|---|",
        f"| one process | {plain.wall:.1f} | {n / plain.wall:.3f} | — | {plain.max_rss_mib:.0f} |",
        f"| `--workers 2` | {dask_s:.1f} | {n / dask_s:.3f} | {'yes' if same else 'NO'} | — |",
        "",
        f"ratio `--workers 2` / one process: {plain.wall / dask_s:.2f}×",
        "",
        f"coordinator: {line.group(1) if line else 'no log line found'}",
    ]


def memory_rows(args: argparse.Namespace, work: Path, env: dict[str, str]) -> list[str]:
    """Peak RSS of a fresh run at each article count."""
    rows = ["| articles | wall s | peak RSS MiB |", "|---|---|---|"]
    for count in args.memory:
        input_dir = copy_articles(args.data, work / f"mem-{count}", count, distinct=True)
        sample = run_timed(zhbrief_cmd(input_dir, work / f"mem-{count}-out"), env, work)
        rows.append(f"| {count} | {sample.wall:.1f} | {sample.max_rss_mib:.0f} |")
        print(
            f"  memory {count}: {sample.wall:.1f} s {sample.max_rss_mib:.0f} MiB", file=sys.stderr
        )
    return rows


def layout_rows(result: dict[str, Any]) -> list[str]:
    rows = [
        f"{result['texts']} texts; {result['tgt_tokens']} target tokens",
        "",
        "| inter × intra | batch tokens | s | target tokens/s | translations differing |",
        "|---|---|---|---|---|",
    ]
    for r in result["rows"]:
        rate = result["tgt_tokens"] / r["s"]
        rows.append(
            f"| {r['inter']}×{r['intra']} | {r['batch']} | {r['s']:.1f} | {rate:.0f} | {r['differ']} |"
        )
    ratio = result["raw_s"] / result["zh_s"]
    rows += [
        "",
        f"decoder: raw CTranslate2 {result['tgt_tokens'] / result['raw_s']:.0f} target tokens/s, "
        f"zhbrief {result['tgt_tokens'] / result['zh_s']:.0f}: ratio {ratio:.3f}",
    ]
    return rows


def main(argv: list[str] | None = None) -> int:
    """Parse options, run the parts in child processes, print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/wmt23-zh-en/zh")
    parser.add_argument("--package", type=Path, help="a .argosmodel (default: build base)")
    parser.add_argument("--memory-package", type=Path, help="package for the memory runs")
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--workers-articles", type=int, default=8)
    parser.add_argument("--memory", default="10,100,1000")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child_layouts(args.input, args.package_dir)))
        return 0
    args.memory = [int(x) for x in args.memory.split(",") if x]
    args.repeat = 1
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zhbrief-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = child_env(work)
    pkg = prepare_package(args, work, env)
    small = copy_articles(args.data, work / "layout-in", args.articles, distinct=False)
    me = str(Path(__file__).resolve())
    child = run_timed(
        [PYTHON, me, "--child", "--input", str(small), "--package-dir", str(pkg)], env, work
    )
    out = ["## Thread layouts and decoder", "", *layout_rows(child.detail), ""]
    out += ["## Workers", "", *workers_rows(args, work, env), ""]
    if args.memory_package:
        env = child_env(work / "memory")
        args.package = args.memory_package
        (work / "memory").mkdir(exist_ok=True)
        prepare_package(args, work / "memory", env)
    out += ["## Peak memory", "", *memory_rows(args, work, env), ""]
    out.append(f"{os.cpu_count()} cores; load average at the end {os.getloadavg()[0]:.1f}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
