"""Peak RSS of `zhbrief run` against Argos Translate's own per-article path, same model and articles.

Usage: python benchmarks/memory.py --package /tmp/base.argosmodel
                                   [--data ../shared/data/wmt23-zh-en/zh] [--articles 4]

Build the package first: `python tests/synthetic_package.py /tmp/base.argosmodel --shape base`.
Each measured process runs under `/usr/bin/time -v` (its "Maximum resident set size"), with an
isolated Argos home and cache folder, the package installed there once:

- **argos**: a minimal script that loads the package through argostranslate (its own
  `get_translation_from_codes`, ctranslate2 and sentencepiece) and translates each article's
  title and sentences (zhbrief's own split, one `translate()` call per sentence, so Argos's
  splitter, which would download a model for Chinese, is never asked to split anything);
- **zhbrief, first run**: `zhbrief run` into a fresh output folder with an empty cache folder, so
  it builds the dictionary index;
- **zhbrief, later run**: the same into another fresh output folder, the index reused.

Prints the three peaks and the ratios zhbrief / argos; the issue's bar is at most 1.5.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
WALL = re.compile(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)")

ARGOS = """
import json, sys
import argostranslate.translate as at

class OneSentence:
    # Argos's splitter for Chinese (MiniSBD) downloads a model: the texts are sentences already
    def __init__(self, pkg):
        pass
    def split_sentences(self, text):
        return [text]

at.MiniSBDSentencizer = at.StanzaSentencizer = at.SpacySentencizerSmall = OneSentence
translation = at.get_translation_from_codes("zh", "en")
chars = 0
for article in json.load(open(sys.argv[1], encoding="utf-8")):
    for sentence in article:
        chars += len(translation.translate(sentence))
print(chars)
"""


def measured(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, str]:
    """Run `cmd` under /usr/bin/time -v: (peak RSS in MiB, wall time)."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], env=env, cwd=cwd, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    peak, wall = PEAK.search(done.stderr), WALL.search(done.stderr)
    assert peak is not None and wall is not None, done.stderr[-2000:]
    return int(peak.group(1)) / 1024, wall.group(1)


def isolated_env(work: Path) -> dict[str, str]:
    """An Argos home, XDG folders and no zhbrief config of this benchmark's own; beam 4, CPU."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZHBRIEF_", "ARGOS_"))}
    home = work / "home"
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


def sentences_file(input_dir: Path, dest: Path) -> int:
    """Each article's title and sentences as zhbrief splits them, as JSON; returns the count."""
    from zhbrief.ingest import prepare_article

    articles = []
    for path in sorted(input_dir.glob("*.txt")):
        article = prepare_article(path.read_bytes(), path.name)
        title = [article.title.norm] if article.title is not None else []
        articles.append(title + [s.norm for s in article.sentences])
    dest.write_text(json.dumps(articles, ensure_ascii=False), encoding="utf-8")
    return sum(map(len, articles))


def main(argv: list[str] | None = None) -> int:
    """Measure the three processes and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, required=True, help="a .argosmodel file")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/wmt23-zh-en/zh")
    parser.add_argument("--articles", type=int, default=4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zhbrief-memory-") as tmp:
        work = Path(tmp)
        env = isolated_env(work)
        install = [PYTHON, "-m", "zhbrief", "model", "install", str(args.package.resolve()), "-q"]
        subprocess.run(install, check=True, env=env, cwd=work, stdout=subprocess.DEVNULL)
        shutil.rmtree(work / "home" / "cache", ignore_errors=True)  # the first run starts cold
        input_dir = work / "input"
        input_dir.mkdir()
        for src in sorted(args.data.glob("*.txt"))[: args.articles]:
            shutil.copy(src, input_dir / src.name)
        count = sentences_file(input_dir, work / "sentences.json")
        zhbrief = [PYTHON, "-m", "zhbrief", "run", str(input_dir), "--no-download", "-q", "-o"]
        rows = [
            ("zhbrief run, first (builds the index)", [*zhbrief, str(work / "out1")]),
            ("zhbrief run, later (index reused)", [*zhbrief, str(work / "out2")]),
            ("argos, per article", [PYTHON, "-c", ARGOS, str(work / "sentences.json")]),
        ]
        peaks = {name: measured(cmd, env, work) for name, cmd in rows}
    argos = peaks["argos, per article"][0]
    print(f"{args.articles} articles, {count} texts, package {args.package.name}\n")
    print("| process | peak RSS MiB | wall | / argos |\n|---|---:|---:|---:|")
    for name, (peak, wall) in peaks.items():
        print(f"| {name} | {peak:.0f} | {wall} | {peak / argos:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
