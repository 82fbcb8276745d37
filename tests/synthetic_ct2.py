"""Build synthetic CTranslate2 model folders shaped like converted OPUS-MT and NLLB/M2M-100 ones.

Real CTranslate2 specs with random weights and real SentencePiece models, saved the way
`ct2-transformers-converter --copy_files …` leaves a folder: model.bin, config.json, the
vocabulary (shared, or source and target) and the SentencePiece files. Their English is
gibberish; every loading, tokenizing, tagging and decoding path is the real one.

Usage: python tests/synthetic_ct2.py OUT_DIR --family opus|opus-separate|nllb|m2m100
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import shutil
from pathlib import Path

from synthetic_package import (
    EN_LINES,
    SEED,
    SHAPES,
    SUPPRESS,
    ZH_LINES,
    build_spec,
    sentencepiece_vocab,
)

# </s> biases that end most outputs at a sentence's length (tiny vocabularies, random weights)
OPUS_EOS_BIAS = 2.5
CODED_EOS_BIAS = 0.6
# language codes as the converted models' vocabularies hold them (a few, as in the real ones)
CODES = {
    "nllb": ["zho_Hans", "eng_Latn", "fra_Latn", "deu_Latn"],
    "m2m100": ["__zh__", "__en__", "__fr__", "__de__"],
}
FAMILIES = ("opus", "opus-separate", "nllb", "m2m100")


def train(lines: list[str], size: int = 400) -> bytes:
    """A small unigram SentencePiece model trained on `lines`; its bytes."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        max_sentencepiece_length=8,
        minloglevel=2,
        num_threads=2,
    )
    return model.getvalue()


def _save(spec: object, dest: Path, config: dict[str, object]) -> None:
    """Quantize and save a spec into `dest` with these config.json values."""
    for key, value in config.items():
        setattr(spec.config, key, value)  # type: ignore[attr-defined]
    spec.validate()  # type: ignore[attr-defined]
    spec.optimize(quantization="int8")  # type: ignore[attr-defined]
    dest.mkdir(parents=True, exist_ok=True)
    spec.save(str(dest))  # type: ignore[attr-defined]


def build_opus_dir(dest: Path, shared: bool = True) -> Path:
    """An OPUS-MT (Marian) folder: source.spm, target.spm, shared or separate vocabularies."""
    shape = dataclasses.replace(SHAPES["tiny"], eos_bias=OPUS_EOS_BIAS)
    source_spm, target_spm = train(list(ZH_LINES)), train(list(EN_LINES))
    source, target = sentencepiece_vocab(source_spm), sentencepiece_vocab(target_spm)
    if shared:
        vocab = list(dict.fromkeys(source + target))
        spec = build_spec(shape, vocab, shape.eos_bias, pre_norm=False)
    else:
        spec = build_spec(shape, source, shape.eos_bias, target_vocab=target, pre_norm=False)
    spec.decoder.start_from_zero_embedding = True  # type: ignore[attr-defined]
    # as the converter's MarianMTLoader: the decoder starts from </s>, no source </s> added
    _save(spec, dest, {"decoder_start_token": "</s>", "eos_token": "</s>", "unk_token": "<unk>"})
    (dest / "source.spm").write_bytes(source_spm)
    (dest / "target.spm").write_bytes(target_spm)
    return dest


def build_coded_dir(dest: Path, family: str) -> Path:
    """An NLLB-200 or M2M-100 folder: one sentencepiece.bpe.model, language codes in the
    shared vocabulary (never generated except when forced as the target prefix)."""
    shape = dataclasses.replace(SHAPES["tiny"], eos_bias=CODED_EOS_BIAS)
    model = train([*ZH_LINES, *EN_LINES], 500)
    vocab = sentencepiece_vocab(model) + CODES[family]
    spec = build_spec(shape, vocab, shape.eos_bias, seed=SEED + len(family))
    bias = spec.decoder.projection.bias  # type: ignore[attr-defined]
    for code in CODES[family]:
        bias[vocab.index(code)] = SUPPRESS
    # as the converter's M2M100Loader (NLLB is an M2M-100 model): bos <s>, start from </s>
    config = {"bos_token": "<s>", "eos_token": "</s>", "decoder_start_token": "</s>"}
    _save(spec, dest, config)
    (dest / "sentencepiece.bpe.model").write_bytes(model)
    return dest


def build_folder(dest: Path, family: str) -> Path:
    """A synthetic folder of one of FAMILIES at `dest`."""
    if family.startswith("opus"):
        return build_opus_dir(dest, shared=family == "opus")
    return build_coded_dir(dest, family)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--family", choices=FAMILIES, default="opus")
    args = parser.parse_args(argv)
    shutil.rmtree(args.out, ignore_errors=True)
    build_folder(args.out, args.family)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
