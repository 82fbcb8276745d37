"""Build synthetic Argos zh→en packages for the other tokenizer paths (random weights, real inference).

Two kinds: one tokenized with `bpe.model` (Moses tokenization, then subword-nmt BPE codes with
`@@ ` continuation markers) instead of `sentencepiece.model`, and a SentencePiece one whose
metadata sets `target_prefix`. Either may carry a target prefix token in its vocabulary.

Usage: python tests/synthetic_bpe.py OUT.argosmodel [--prefix __en__] [--sentencepiece] [--dir]
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from synthetic_package import (
    EN_LINES,
    SHAPES,
    SUPPRESS,
    ZH_LINES,
    build_spec,
    metadata,
    output_bias,
    sentencepiece_vocab,
    train_sentencepiece,
    zip_package,
)

BPE_NAME = "translate-zh_en-synthetic-bpe"
SP_PREFIX_NAME = "translate-zh_en-synthetic-prefix"
MERGES = 300
SPECIALS = ["<unk>", "<s>", "</s>"]
EOS_BIAS = 0.0  # tiny vocabularies: a stronger </s> bias ends some hypotheses before any word


def moses_tokens(lines: Iterable[str], lang: str) -> list[list[str]]:
    """Lines normalized and tokenized the way argostranslate's BPETokenizer does before BPE."""
    from sacremoses.normalize import MosesPunctNormalizer
    from sacremoses.tokenize import MosesTokenizer

    normalizer, tokenizer = MosesPunctNormalizer(lang), MosesTokenizer(lang)
    return [tokenizer.tokenize(normalizer.normalize(line)) for line in lines]


def _merge(word: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    """`word` with every adjacent occurrence of `pair` joined into one symbol."""
    out: list[str] = []
    i = 0
    while i < len(word):
        if i + 1 < len(word) and (word[i], word[i + 1]) == pair:
            out.append(word[i] + word[i + 1])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return tuple(out)


def learn_bpe(words: Counter[str], merges: int = MERGES) -> list[tuple[str, str]]:
    """Greedy subword-nmt 0.2 merges: the word-final symbol carries `</w>`; ties broken by pair."""
    vocab = {(*w[:-1], w[-1] + "</w>"): n for w, n in words.items() if w}
    codes: list[tuple[str, str]] = []
    for _ in range(merges):
        pairs: Counter[tuple[str, str]] = Counter()
        for word, n in vocab.items():
            for pair in pairwise(word):
                pairs[pair] += n
        if not pairs:
            break
        best, count = max(pairs.items(), key=lambda kv: (kv[1], kv[0]))
        if count < 2:
            break
        codes.append(best)
        vocab = {_merge(word, best): n for word, n in vocab.items()}
    return codes


def bpe_codes_text(codes: list[tuple[str, str]]) -> str:
    """A subword-nmt codes file: the version header, then one merge pair per line."""
    return "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes)


def bpe_vocab(codes_file: Path, prefix: str = "") -> list[str]:
    """Specials, the prefix, every piece BPE makes of the lines, and each character as a fallback."""
    from argostranslate.tokenizer import BPETokenizer

    pieces: dict[str, None] = {}
    for lines, lang in ((ZH_LINES, "zh"), (EN_LINES, "en")):
        tokenizer = BPETokenizer(codes_file, lang, "en")
        for line in lines:
            pieces.update(dict.fromkeys(tokenizer.encode(line)))
    chars = sorted({c for lines in (ZH_LINES, EN_LINES) for c in "".join(lines) if not c.isspace()})
    fallback = [p for c in chars for p in (c, c + "@@")]
    return list(dict.fromkeys([*SPECIALS, *([prefix] if prefix else []), *pieces, *fallback]))


def _write_model(dest: Path, vocab: list[str], prefix: str, eos_bias: float) -> None:
    """Save a tiny int8 Transformer over `vocab`; the prefix is never predicted, only forced."""
    spec = build_spec(SHAPES["tiny"], vocab, eos_bias)
    if prefix:
        bias = output_bias(vocab, eos_bias)
        bias[vocab.index(prefix)] = SUPPRESS  # a trained model never predicts it, only gets it
        spec.decoder.projection.bias = bias  # type: ignore[attr-defined]
    spec.validate()  # type: ignore[attr-defined]
    spec.optimize(quantization="int8")  # type: ignore[attr-defined]
    (dest / "model").mkdir(parents=True, exist_ok=True)
    spec.save(str(dest / "model"))  # type: ignore[attr-defined]


def _write_metadata(dest: Path, name: str, prefix: str) -> None:
    """metadata.json with this package's name and, if any, its target_prefix."""
    meta = {**metadata(), "name": name, **({"target_prefix": prefix} if prefix else {})}
    (dest / "metadata.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")


def build_bpe_package_dir(dest: Path, prefix: str = "", eos_bias: float = EOS_BIAS) -> Path:
    """Write a package folder at `dest` with bpe.model (no sentencepiece.model), model/, metadata."""
    dest.mkdir(parents=True, exist_ok=True)
    words = Counter(t for line in moses_tokens(ZH_LINES, "zh") for t in line)
    words.update(t for line in moses_tokens(EN_LINES, "en") for t in line)
    codes_file = dest / "bpe.model"
    codes_file.write_text(bpe_codes_text(learn_bpe(words)), encoding="utf-8")
    _write_model(dest, bpe_vocab(codes_file, prefix), prefix, eos_bias)
    _write_metadata(dest, BPE_NAME, prefix)
    return dest


def build_prefixed_sentencepiece_dir(
    dest: Path, prefix: str = "__en__", eos_bias: float = EOS_BIAS
) -> Path:
    """Write a SentencePiece package folder whose metadata sets `target_prefix` to `prefix`."""
    dest.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(SHAPES["tiny"])
    _write_model(dest, [*sentencepiece_vocab(sp_model), prefix], prefix, eos_bias)
    (dest / "sentencepiece.model").write_bytes(sp_model)
    _write_metadata(dest, SP_PREFIX_NAME, prefix)
    return dest


def build_bpe_package(out: Path, prefix: str = "") -> Path:
    """Build the BPE .argosmodel file `out` and return its path."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_bpe_package_dir(Path(tmp) / BPE_NAME, prefix)
        return zip_package(folder, out, top=BPE_NAME)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--prefix", default=None, help="target_prefix token (SentencePiece: __en__)"
    )
    parser.add_argument("--sentencepiece", action="store_true", help="SentencePiece, not BPE")
    parser.add_argument("--dir", action="store_true", help="write a package folder, not a zip")
    args = parser.parse_args(argv)
    build = build_prefixed_sentencepiece_dir if args.sentencepiece else build_bpe_package_dir
    name = SP_PREFIX_NAME if args.sentencepiece else BPE_NAME
    prefix = args.prefix if args.prefix is not None else ("__en__" if args.sentencepiece else "")
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out if args.dir else Path(tmp) / name
        shutil.rmtree(folder, ignore_errors=True)
        build(folder, prefix)
        if not args.dir:
            zip_package(folder, args.out, top=name)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
