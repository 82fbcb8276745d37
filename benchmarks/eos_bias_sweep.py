"""Sweep the synthetic base package's </s> bias: target/source token ratio at zhbrief's decoding.

Usage: python benchmarks/eos_bias_sweep.py [--bias -1.5 -1.6 ...] [--data DIR] [--lines N]
                                            [--unit lines|sentences]

Each bias builds the base-shape package (same seed, so only the bias differs), runs the lines of
the WMT23 Chinese articles through zhbrief's own ArgosEngine (default Decoding: beam 4,
repetition_penalty 1.1, length cap from the 8-token bucket) and counts output pieces per source
piece. The target is about 1.2, as for a real zh→en Transformer-base model.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from synthetic_package import build_package_dir  # noqa: E402

from zhbrief.translation.argos import ArgosEngine  # noqa: E402
from zhbrief.translation.ct2 import _bucket  # noqa: E402
from zhbrief.translation.engine import Decoding  # noqa: E402
from zhbrief.translation.metadata import read_package  # noqa: E402


def read_lines(data: Path, limit: int | None, unit: str = "lines") -> list[str]:
    """Non-empty lines (or zhbrief's sentences) of every .txt file under `data`, in name order."""
    paths = sorted(data.glob("*.txt"))
    if unit == "sentences":
        from zhbrief.ingest import prepare_article

        articles = [prepare_article(p.read_bytes(), p.name) for p in paths]
        texts = [
            x.norm for a in articles for x in ([a.title] if a.title else []) + list(a.sentences)
        ]
    else:
        texts = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    texts = [t.strip() for t in texts if t.strip()]
    return texts[:limit] if limit else texts


def measure(bias: float, lines: list[str]) -> dict[str, float]:
    """Build the package with this bias and translate `lines`; token counts and timing."""
    with tempfile.TemporaryDirectory(prefix="zhbrief-eos-") as tmp:
        folder = build_package_dir(Path(tmp) / "translate-zh_en-synthetic", "base", eos_bias=bias)
        engine = ArgosEngine(read_package(folder), Decoding())
        out_lengths: list[int] = []
        capped: list[bool] = []
        run, detokenize = engine._run, engine._detokenize
        cap = [0]

        def run_recording_cap(batch: list[list[str]]) -> list[str]:
            cap[0] = engine.decoding.max_length(_bucket(max(len(t) for t in batch)))
            return run(batch)

        def counting(pieces: list[str]) -> str:
            out_lengths.append(len(pieces))
            capped.append(len(pieces) >= cap[0])
            return detokenize(pieces)

        engine._run = run_recording_cap  # type: ignore[method-assign]
        engine._detokenize = counting  # type: ignore[method-assign]
        start = time.perf_counter()
        engine.translate_batch(lines)
        seconds = time.perf_counter() - start
        src = [len(engine._tokenizer.encode(s)) for s in lines]
    # translate_batch runs chunks in length order, so compare totals, not pairs
    return {
        "bias": bias,
        "src": sum(src),
        "tgt": sum(out_lengths),
        "ratio": sum(out_lengths) / sum(src),
        "median_tgt": statistics.median(out_lengths),
        "median_src": statistics.median(src),
        "capped": sum(capped),
        "seconds": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line entry point: one Markdown row per bias."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bias", type=float, nargs="+", default=[-1.5, -1.6, -1.7, -1.8])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/wmt23-zh-en/zh")
    parser.add_argument("--lines", type=int, default=None, help="first N lines only")
    parser.add_argument(
        "--unit",
        choices=["lines", "sentences"],
        default="lines",
        help="file lines, or the sentences zhbrief's segmenter makes of them",
    )
    args = parser.parse_args(argv)
    lines = read_lines(args.data, args.lines, args.unit)
    print(f"`python {' '.join(sys.argv)}`: {len(lines)} {args.unit} of {args.data}\n")
    print(
        "| </s> bias | source tokens | target tokens | ratio | median src | median tgt | at cap | s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for bias in args.bias:
        r = measure(bias, lines)
        print(
            f"| {bias:+.2f} | {r['src']:.0f} | {r['tgt']:.0f} | {r['ratio']:.3f} "
            f"| {r['median_src']:.0f} | {r['median_tgt']:.0f} | {r['capped']:.0f} | {r['seconds']:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
