"""Translation speed and memory of `zhbrief run` against argostranslate and raw CTranslate2.

Usage: python benchmarks/translate_speed.py [--data DIR] [--articles N] [--repeat N]
                                            [--memory 10,1000] [--package FILE] [--workdir DIR]

One run builds the synthetic Transformer-base package (or takes --package), installs it into a
temporary ARGOS_PACKAGES_DIR and times, interleaved, --repeat times each, as separate processes:

  (a) argostranslate.translate.translate() per article, its MiniSBD splitter swapped for a regex
      one so it runs offline (any socket connection raises), ARGOS_BEAM_SIZE=4;
  (b) one ctranslate2.Translator.translate_batch over every text zhbrief translates (titles,
      sentences, key terms; same tokenizer, beam 4, zhbrief's decoding, batch_type tokens);
  (c) `zhbrief run INPUT -o FRESH --no-download -q`, a fresh output folder (no cache) each time.

Then the no-op re-run on unchanged input, and the peak RSS of `zhbrief run` on --memory article
counts (copies of the set with distinct names and every line prefixed with its copy number, so
the translation cache cannot serve the copies). Prints Markdown tables. Never part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
KINDS = ("a", "b", "b2", "c")
LABELS = {
    "a": "(a) argostranslate translate() per article",
    "b": "(b) raw CTranslate2, one translate_batch",
    "b2": "(b′) raw CTranslate2, one call per length bucket",
    "c": "(c) zhbrief run, end to end",
}


# ---------------------------------------------------------------- children (timed processes)


def forbid_network() -> None:
    """Make every socket connection fail loudly, so an offline claim is checked, not hoped."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"network access attempted: {args[1:] if len(args) > 1 else args}")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


SENTENCE = re.compile(r"[^。！？!?；;]*(?:[。！？!?；;]+[”’」』）)\"']*|$)")


class RegexSentencizer:
    """Stands in for argostranslate's MiniSBDSentencizer (which downloads an ONNX model for zh)."""

    def __init__(self, pkg: Any) -> None:
        self.pkg = pkg
        self.calls = 0
        self.sentences = 0

    def split_sentences(self, text: str) -> list[str]:
        """Sentences ending in Chinese or Latin end punctuation (closing quotes kept)."""
        found = [s for s in SENTENCE.findall(text) if s.strip()]
        self.calls += 1
        self.sentences += len(found)
        return found


def child_argos(input_dir: Path, package_dir: Path) -> dict[str, Any]:
    """(a): argostranslate.translate.translate() on each article, offline."""
    forbid_network()
    start = time.perf_counter()
    import argostranslate.translate as at

    # PackageTranslation picks its splitter class from these module globals at construction
    at.MiniSBDSentencizer = RegexSentencizer  # type: ignore[misc, assignment]
    at.StanzaSentencizer = RegexSentencizer  # type: ignore[misc, assignment]
    at.SpacySentencizerSmall = RegexSentencizer  # type: ignore[misc, assignment]
    counts = {"src_tokens": 0, "tgt_tokens": 0, "calls": 0}
    real_translator = at.ctranslate2.Translator

    class CountingTranslator:
        """Argos's own Translator (its parameters), counting the pieces it reads and writes."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            counts["params"] = {k: v for k, v in kwargs.items() if k != "model_path"}
            self.real = real_translator(*args, **kwargs)

        def translate_batch(self, tokens: list[list[str]], **kwargs: Any) -> Any:
            results = self.real.translate_batch(tokens, **kwargs)
            counts["calls"] += 1
            counts["src_tokens"] += sum(map(len, tokens))
            counts["tgt_tokens"] += sum(len(r.hypotheses[0]) for r in results)
            return results

    at.ctranslate2.Translator = CountingTranslator  # type: ignore[misc]
    imported = time.perf_counter()
    translation = at.get_translation_from_codes("zh", "en")
    underlying = translation.underlying  # type: ignore[attr-defined]
    if Path(underlying.pkg.package_path).resolve() != package_dir.resolve():
        raise SystemExit(f"argostranslate loaded {underlying.pkg.package_path}, not {package_dir}")
    assert isinstance(underlying.sentencizer, RegexSentencizer)
    out_chars = 0
    for path in sorted(input_dir.glob("*.txt")):
        out_chars += len(at.translate(path.read_text(encoding="utf-8"), "zh", "en"))
    done = time.perf_counter()
    return {
        "import_s": imported - start,
        "translate_s": done - imported,  # includes the lazy model load
        "texts": underlying.sentencizer.sentences,
        "out_chars": out_chars,
        "beam_size": at.settings.beam_size,
        **counts,
    }


def child_texts(input_dir: Path, texts_file: Path) -> dict[str, Any]:
    """The texts (b) translates, computed in a child so the parent stays small."""
    texts = texts_zhbrief_translates(input_dir)
    texts_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {"texts": len(texts)}


def child_raw(texts_file: Path, package_dir: Path, per_bucket: bool) -> dict[str, Any]:
    """(b): the limit — translate_batch over every text with zhbrief's decoding settings.

    One call takes one max_decoding_length, so one call over everything lets each sentence run to
    the longest sentence's cap; per_bucket makes one call per 8-token length bucket instead, with
    zhbrief's caps, so the decoding work (and output) is exactly zhbrief's.
    """
    forbid_network()
    start = time.perf_counter()
    import ctranslate2
    from argostranslate.tokenizer import SentencePieceTokenizer

    from zhbrief.translation.argos import _bucket
    from zhbrief.translation.engine import Decoding

    d = Decoding()
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    imported = time.perf_counter()
    translator = ctranslate2.Translator(
        str(package_dir / "model"),
        device="cpu",
        compute_type=d.compute_type,
        inter_threads=1,
        intra_threads=os.cpu_count() or 1,
    )
    tokenizer = SentencePieceTokenizer(package_dir / "sentencepiece.model")
    loaded = time.perf_counter()
    tokens = [tokenizer.encode(t) for t in texts]
    groups: dict[int, list[int]] = {}
    for i, t in enumerate(tokens):
        groups.setdefault(_bucket(len(t)) if per_bucket else 0, []).append(i)
    results: list[Any] = [None] * len(tokens)
    for _, indices in sorted(groups.items()):
        longest = _bucket(max(len(tokens[i]) for i in indices))
        batch = translator.translate_batch(
            [tokens[i] for i in indices],
            beam_size=d.beam_size,
            repetition_penalty=d.repetition_penalty,
            no_repeat_ngram_size=d.no_repeat_ngram_size,
            max_decoding_length=d.max_length(longest),
            max_batch_size=d.max_batch_tokens,
            batch_type="tokens",
        )
        for i, r in zip(indices, batch, strict=True):
            results[i] = r
    out_chars = sum(len(tokenizer.decode(r.hypotheses[0])) for r in results)
    done = time.perf_counter()
    return {
        "import_s": imported - start,
        "load_s": loaded - imported,
        "translate_s": done - loaded,
        "texts": len(texts),
        "calls": len(groups),
        "src_tokens": sum(map(len, tokens)),
        "tgt_tokens": sum(len(r.hypotheses[0]) for r in results),
        "out_chars": out_chars,
        "ctranslate2": ctranslate2.__version__,
        "compute_type": translator.compute_type,
    }


# ---------------------------------------------------------------- parent


@dataclass(slots=True)
class Sample:
    """One timed child process."""

    wall: float
    max_rss_mib: float
    cpu: float  # user + system seconds of the child: less sensitive to other load than wall
    detail: dict[str, Any] = field(default_factory=dict)


def run_timed(cmd: list[str], env: dict[str, str], cwd: Path) -> Sample:
    """Run `cmd`, returning its wall-clock time and its own peak RSS (ru_maxrss from wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-3000:]}")
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    detail = json.loads(last) if last.startswith("{") else {}
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(wall, usage.ru_maxrss / 1024, cpu, detail)  # ru_maxrss is in KiB on Linux


def child_env(work: Path) -> dict[str, str]:
    """The environment of every child: an isolated Argos home, no zhbrief config, beam 4."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZHBRIEF_", "ARGOS_"))}
    home = work / "argos-home"
    env.update(
        ARGOS_PACKAGES_DIR=str(home / "packages"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        ARGOS_BEAM_SIZE="4",
        ARGOS_DEVICE_TYPE="cpu",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")])),
    )
    return env


def prepare_package(args: argparse.Namespace, work: Path, env: dict[str, str]) -> Path:
    """Build (unless given) and install the package; returns the installed folder."""
    archive = args.package
    if archive is None:
        archive = work / "translate-zh_en-synthetic.argosmodel"
        builder = [
            PYTHON,
            str(ROOT / "tests/synthetic_package.py"),
            str(archive),
            "--shape",
            "base",
        ]
        subprocess.run(builder, check=True, stdout=subprocess.DEVNULL, env=env)
    subprocess.run(
        [PYTHON, "-m", "zhbrief", "model", "install", str(archive), "-q"],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
        cwd=work,
    )
    (folder,) = Path(env["ARGOS_PACKAGES_DIR"]).iterdir()
    return folder


def texts_zhbrief_translates(input_dir: Path) -> list[str]:
    """Exactly the unique texts a fresh `zhbrief run` sends to its engine, in its order."""
    from zhbrief.config import Settings
    from zhbrief.ingest import prepare_article
    from zhbrief.keyterms import key_terms

    settings = Settings(input=input_dir)
    texts: list[str] = []
    for path in sorted(input_dir.glob("*.txt")):
        article = prepare_article(path.read_bytes(), path.name)
        texts += [article.title.norm] if article.title is not None else []
        texts += [s.norm for s in article.sentences]
        texts += [t.zh for t in key_terms(article, settings.key_terms) if not t.en]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def copy_articles(data: Path, dest: Path, count: int, distinct: bool) -> Path:
    """`count` articles cycling through `data`; later copies get every line prefixed if distinct."""
    sources = sorted(data.glob("*.txt"))
    dest.mkdir(parents=True)
    for i in range(count):
        src, copy = sources[i % len(sources)], i // len(sources)
        text = src.read_text(encoding="utf-8")
        if copy and distinct:
            text = "\n".join(
                f"{copy}，{line}" if line.strip() else line for line in text.splitlines()
            )
        (dest / f"{copy:04d}-{src.name}").write_text(text + "\n", encoding="utf-8")
    return dest


def zhbrief_cmd(input_dir: Path, output: Path) -> list[str]:
    """The `zhbrief run` command line (module form, so the venv's zhbrief is used)."""
    return [
        PYTHON,
        "-m",
        "zhbrief",
        "run",
        str(input_dir),
        "-o",
        str(output),
        "--no-download",
        "-q",
    ]


def time_modes(
    args: argparse.Namespace, work: Path, env: dict[str, str], pkg: Path
) -> dict[str, list[Sample]]:
    """(a), (b), (c) --repeat times each, rotating the order so drift hits all three alike."""
    input_dir = copy_articles(args.data, work / "input", args.articles, distinct=False)
    texts = work / "texts.json"
    me = str(Path(__file__).resolve())
    run_timed(
        [PYTHON, me, "--child", "texts", "--input", str(input_dir), "--texts", str(texts)],
        env,
        work,
    )
    cmds = {
        "a": [PYTHON, me, "--child", "argos", "--input", str(input_dir), "--package-dir", str(pkg)],
        "b": [PYTHON, me, "--child", "raw", "--texts", str(texts), "--package-dir", str(pkg)],
    }
    cmds["b2"] = [*cmds["b"], "--per-bucket"]
    modes = args.modes
    samples: dict[str, list[Sample]] = {k: [] for k in modes}
    for rep in range(args.repeat):
        for kind in modes[rep % len(modes) :] + modes[: rep % len(modes)]:
            if kind == "c":
                out = work / f"out-{rep}"
                sample = run_timed(zhbrief_cmd(input_dir, out), env, work)
                report = json.loads((out / ".zhbrief" / "last-run.json").read_text("utf-8"))
                sample.detail = {
                    "run_s": report.get("seconds", 0.0),
                    "written": len(report["written"]),
                }
                if report["failed"]:
                    raise SystemExit(f"zhbrief run failed on {report['failed']}")
            else:
                sample = run_timed(cmds[kind], env, work)
            samples[kind].append(sample)
            print(
                f"  rep {rep + 1}/{args.repeat} {kind}: {sample.wall:.1f} s",
                file=sys.stderr,
                flush=True,
            )
    return samples


def median(values: list[float]) -> float:
    """The median, 0 for no values."""
    return statistics.median(values) if values else 0.0


def speed_table(samples: dict[str, list[Sample]]) -> list[str]:
    """Markdown rows: median wall, spread, inner times, peak RSS."""
    rows = [
        "| run | median wall s | min–max s | median CPU s | inner (median s) | peak RSS MiB |",
        "|---|---|---|---|---|---|",
    ]
    for kind in samples:
        walls = [s.wall for s in samples[kind]]
        keys = sorted({k for s in samples[kind] for k, v in s.detail.items() if k.endswith("_s")})
        inner = ", ".join(
            f"{k[:-2]} {median([s.detail[k] for s in samples[kind]]):.1f}" for k in keys
        )
        rss = max(s.max_rss_mib for s in samples[kind])
        cpu = median([s.cpu for s in samples[kind]])
        rows.append(
            f"| {LABELS[kind]} | {median(walls):.1f} | {min(walls):.1f}–{max(walls):.1f} "
            f"| {cpu:.1f} | {inner} | {rss:.0f} |"
        )
    return rows


def memory_rows(args: argparse.Namespace, work: Path, env: dict[str, str]) -> list[str]:
    """Peak RSS and time of a fresh `zhbrief run` at each --memory article count, then a no-op."""
    rows = [
        "| articles | texts translated | wall s | peak RSS MiB | no-op re-run s | no-op RSS MiB |",
        "|---|---|---|---|---|---|",
    ]
    for count in args.memory:
        input_dir = copy_articles(args.data, work / f"mem-{count}", count, distinct=True)
        listing = work / f"mem-{count}.json"
        me = str(Path(__file__).resolve())
        cmd = [PYTHON, me, "--child", "texts", "--input", str(input_dir), "--texts", str(listing)]
        texts = run_timed(cmd, env, work).detail["texts"]
        out = work / f"mem-{count}-out"
        first = run_timed(zhbrief_cmd(input_dir, out), env, work)
        noop = [run_timed(zhbrief_cmd(input_dir, out), env, work) for _ in range(3)]
        rows.append(
            f"| {count} | {texts} | {first.wall:.1f} | {first.max_rss_mib:.0f} "
            f"| {median([s.wall for s in noop]):.2f} | {max(s.max_rss_mib for s in noop):.0f} |"
        )
        print(f"  memory {count}: {first.wall:.1f} s, {first.max_rss_mib:.0f} MiB", file=sys.stderr)
    return rows


def environment_notes(raw: dict[str, Any]) -> list[str]:
    if not raw:
        return [f"- {os.cpu_count()} cores; Python {sys.version.split()[0]}"]
    """Versions, cores and BLAS variables that shape the numbers."""
    blas = {k: v for k, v in os.environ.items() if k.startswith("OPENBLAS_")}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"- load average at the end {load} (other processes share the cores; wall times are noisy)",
        f"- {os.cpu_count()} cores; ctranslate2 {raw['ctranslate2']}, compute type {raw['compute_type']} "
        f"(auto); Python {sys.version.split()[0]}",
        f"- OpenBLAS variables (numpy only; CTranslate2 does not use OpenBLAS): {blas or 'none set'}",
    ]


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/wmt23-zh-en/zh")
    parser.add_argument("--articles", type=int, default=4, help="articles in the speed comparison")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved repetitions")
    parser.add_argument(
        "--modes",
        default="a,b2,c",
        help="of a (argostranslate), b (raw, one call), b2 (raw, per bucket), c (zhbrief)",
    )
    parser.add_argument("--memory", default="10", help="article counts for peak RSS ('' for none)")
    parser.add_argument(
        "--package", type=Path, help="an .argosmodel to use instead of building one"
    )
    parser.add_argument("--workdir", type=Path, help="keep the work files here (default: temp)")
    parser.add_argument("--child", choices=["argos", "raw", "texts"], help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--package-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--per-bucket", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child == "argos":
        print(json.dumps(child_argos(args.input, args.package_dir)))
        return 0
    if args.child == "raw":
        print(json.dumps(child_raw(args.texts, args.package_dir, args.per_bucket)))
        return 0
    if args.child == "texts":
        print(json.dumps(child_texts(args.input, args.texts)))
        return 0
    args.memory = [int(n) for n in args.memory.split(",") if n.strip()]
    args.modes = tuple(m for m in KINDS if m in args.modes.split(","))
    command = "python benchmarks/translate_speed.py " + " ".join(
        sys.argv[1:] if argv is None else argv
    )
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zhbrief-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return report(args, work, command.strip())
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, work: Path, command: str) -> int:
    """Run everything and print the Markdown report."""
    env = child_env(work)
    pkg = prepare_package(args, work, env)
    samples = time_modes(args, work, env, pkg)
    wall = {k: median([s.wall for s in v]) for k, v in samples.items()}
    lines = [
        f"## Translation speed: {args.articles} WMT23 articles, beam 4, {args.repeat} runs each",
        "",
        f"`{command}`",
        "",
        *speed_table(samples),
        "",
    ]
    detail = {k: v[0].detail for k, v in samples.items()}
    raw = detail.get("b2") or detail.get("b") or {}
    if raw:
        lines.append(
            f"- texts: {raw['texts']} unique (titles, sentences, key terms) for (b), (b′), (c)"
        )
    if "a" in detail:
        lines.append(
            f"- argostranslate's splitter made {detail['a']['texts']} sentences; "
            f"{detail['a']['calls']} translate_batch calls"
        )
    pieces = [(LABELS[k].split()[0], detail[k]) for k in ("a", "b", "b2") if k in detail]
    lines.append(
        "- output/source pieces: "
        + "; ".join(
            f"{name} {d['tgt_tokens']}/{d['src_tokens']} = {d['tgt_tokens'] / d['src_tokens']:.2f}"
            for name, d in pieces
        )
        + " ((b′) decodes exactly what (c) decodes)"
    )
    cpu = {k: median([s.cpu for s in v]) for k, v in samples.items()}
    pairs = [(x, y) for x, y in (("c", "b"), ("c", "b2"), ("a", "c")) if x in wall and y in wall]
    ratios = [f"{x}/{y} = {wall[x] / wall[y]:.2f} (CPU {cpu[x] / cpu[y]:.2f})" for x, y in pairs]
    lines.append(
        "- ratios of median wall: " + ", ".join(ratios) + " (targets: c/b ≤ 1.10, a/c ≥ 1.9)"
    )
    lines += [
        *environment_notes(raw),
        "",
    ]
    if args.memory:
        lines += [
            "## Peak memory of `zhbrief run` (fresh output; copies made distinct)",
            "",
            *memory_rows(args, work, env),
            "",
        ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
