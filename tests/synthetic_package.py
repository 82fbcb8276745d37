"""Build a synthetic Argos zh→en package (random weights, real loading and inference paths).

Usage: python tests/synthetic_package.py OUT.argosmodel [--shape tiny|base] [--eos-bias X]
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEED = 20240607
NAME = "translate-zh_en-synthetic"
VERSION = "1.9"
SUPPRESS = -30.0  # bias that keeps a piece out of every beam

ZH_LINES = (
    "欧盟峰会为难民政策争论，欧盟官员表示接收过程每一步都存在瓶颈。",
    "据新华社报道，国家统计局周三公布的数据显示，第三季度国内生产总值同比增长4.9%。",
    "该公司宣布将投资130亿美元建设新的数据中心，预计明年投入使用。",
    "人工智能公司Anthropic发布了新模型，OpenAI随后推出GPT-5。",
    "北京市政府表示，今年将新建保障性住房8万套，比去年增加50%。",
    "专家认为，全球经济复苏仍面临诸多不确定因素，通胀压力依然较大。",
    "中国外交部发言人在例行记者会上回答了有关问题。",
    "今年夏天，南方多地遭遇暴雨洪涝灾害，当地政府组织群众转移。",
    "科学家在月球背面发现了新的矿物，这一成果发表在《自然》杂志上。",
    "上海证券交易所的股票指数周五收盘上涨1.2%，成交额超过5000亿元。",
    "教育部要求各地学校减轻学生课业负担，保障学生睡眠时间。",
    "台湾地区领导人选举将于明年一月举行，候选人正在展开竞选活动。",
    "香港特区政府宣布新的人才引进计划，吸引海外专业人士赴港工作。",
    "世界卫生组织警告说，新的流感病毒可能在冬季引发大规模传播。",
    "这家电动汽车制造商上个月交付了超过三万辆汽车，创下历史新高。",
)

EN_LINES = (
    "The European Union summit argued over refugee policy, and officials said every step had bottlenecks.",
    "According to Xinhua, data released on Wednesday showed that gross domestic product grew 4.9% in the third quarter.",
    "The company announced that it will invest 13 billion dollars to build a new data center next year.",
    "The artificial intelligence company Anthropic released a new model, and OpenAI then launched GPT-5.",
    "The Beijing government said it will build 80,000 affordable homes this year, an increase of 50 percent.",
    "Experts believe the global economic recovery still faces many uncertainties and inflation pressure remains high.",
    "A spokesperson for the Chinese foreign ministry answered questions at a regular press conference.",
    "This summer, heavy rain and floods hit many southern regions, and local governments moved residents to safety.",
    "Scientists found a new mineral on the far side of the moon, a result published in the journal Nature.",
    "The Shanghai stock exchange index closed up 1.2 percent on Friday, with turnover above 500 billion yuan.",
    "The ministry of education asked schools to reduce the homework burden and protect the sleep time of students.",
    "The election of the leader of the Taiwan region will be held in January, and candidates are campaigning.",
    "The Hong Kong government announced a new talent program to attract overseas professionals to work in the city.",
    "The World Health Organization warned that a new influenza virus could spread widely during the winter.",
    "The electric car maker delivered more than thirty thousand vehicles last month, a record high for the firm.",
    "Officials, markets, prices, trade, growth, security, technology, energy, climate, health and policy.",
)


@dataclass(frozen=True, slots=True)
class Shape:
    """Architecture and vocabulary of one synthetic model."""

    layers: int
    d_model: int
    ffn: int
    heads: int
    vocab: int  # total model vocabulary; entries beyond the SentencePiece pieces are filler
    sp_vocab: int  # SentencePiece vocab_size target (hard_vocab_limit=False)
    all_cjk: bool  # train the tokenizer on the whole CJK block, for realistic source lengths
    eos_bias: float
    logit_scale: float = 1.0  # std of the output logits; real NMT models are confident


SHAPES = {
    "tiny": Shape(2, 64, 128, 2, 0, 500, False, 2.0),
    # </s> bias -1.25: output/source pieces 1.20 over the 438 WMT23 lines at zhbrief's Decoding()
    # (`python benchmarks/eos_bias_sweep.py --bias -1.2 -1.25 -1.3`: 1.17, 1.20, 1.25)
    "base": Shape(6, 512, 2048, 8, 50000, 24000, True, -1.25, 3.0),
}


def train_sentencepiece(shape: Shape) -> bytes:
    """Train a small unigram SentencePiece model on the built-in lines; returns its bytes."""
    import sentencepiece as spm

    lines = list(ZH_LINES) + list(EN_LINES)
    if shape.all_cjk:
        block = [chr(c) for c in range(0x4E00, 0x9FA6)]
        lines += ["".join(block[i : i + 64]) for i in range(0, len(block), 64)]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=shape.sp_vocab,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        max_sentencepiece_length=8,
        minloglevel=2,
        num_threads=2,
    )
    return model.getvalue()


def sentencepiece_vocab(model: bytes) -> list[str]:
    """Pieces of a SentencePiece model, in id order."""
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def full_vocab(pieces: list[str], size: int) -> list[str]:
    """The model vocabulary: the pieces, then filler tokens up to `size`."""
    filler = [f"<filler_{i}>" for i in range(max(0, size - len(pieces)))]
    return pieces + filler


def output_bias(vocab: list[str], eos_bias: float) -> np.ndarray:
    """Projection bias: </s> favoured, non-ASCII, special and filler pieces suppressed."""
    bias = np.zeros(len(vocab), dtype=np.float32)
    for i, token in enumerate(vocab):
        if token == "</s>":
            bias[i] = eos_bias
        elif token.startswith("<") or not token.replace("▁", "").isascii():
            bias[i] = SUPPRESS
    return bias


def _linear(spec: object, rng: np.random.Generator, out_dim: int, in_dim: int) -> None:
    """Fill a LinearSpec with scaled Gaussian weights and a zero bias."""
    w = rng.standard_normal((out_dim, in_dim), dtype=np.float32) / np.sqrt(in_dim)
    spec.weight = w  # type: ignore[attr-defined]
    spec.bias = np.zeros(out_dim, dtype=np.float32)  # type: ignore[attr-defined]


def _norm(spec: object, d: int) -> None:
    """Identity layer norm."""
    spec.gamma = np.ones(d, dtype=np.float32)  # type: ignore[attr-defined]
    spec.beta = np.zeros(d, dtype=np.float32)  # type: ignore[attr-defined]


def _attention(spec: object, rng: np.random.Generator, d: int, cross: bool) -> None:
    """Fill a MultiHeadAttentionSpec (fused QKV for self-attention, Q + fused KV for cross)."""
    _norm(spec.layer_norm, d)  # type: ignore[attr-defined]
    linears = spec.linear  # type: ignore[attr-defined]
    dims = [(d, d), (2 * d, d), (d, d)] if cross else [(3 * d, d), (d, d)]
    for lin, (o, i) in zip(linears, dims, strict=True):
        _linear(lin, rng, o, i)


def _ffn(spec: object, rng: np.random.Generator, shape: Shape) -> None:
    """Fill a FeedForwardSpec."""
    _norm(spec.layer_norm, shape.d_model)  # type: ignore[attr-defined]
    _linear(spec.linear_0, rng, shape.ffn, shape.d_model)  # type: ignore[attr-defined]
    _linear(spec.linear_1, rng, shape.d_model, shape.ffn)  # type: ignore[attr-defined]


def build_spec(
    shape: Shape,
    vocab: list[str],
    eos_bias: float,
    seed: int = SEED,
    target_vocab: list[str] | None = None,
    pre_norm: bool = True,
) -> object:
    """A TransformerSpec with deterministic random weights; the vocabulary is shared unless a
    `target_vocab` is given (then the decoder has its own embeddings)."""
    from ctranslate2.specs import TransformerSpec

    rng = np.random.default_rng(seed)
    d = shape.d_model
    target = vocab if target_vocab is None else target_vocab
    spec = TransformerSpec.from_config((shape.layers, shape.layers), shape.heads, pre_norm=pre_norm)
    emb = rng.standard_normal((len(vocab), d), dtype=np.float32) / np.sqrt(d)
    spec.encoder.embeddings[0].weight = emb
    if target_vocab is None:
        spec.decoder.embeddings.weight = emb
    else:
        tgt = rng.standard_normal((len(target), d), dtype=np.float32) / np.sqrt(d)
        spec.decoder.embeddings.weight = tgt
    for layer in spec.encoder.layer:
        _attention(layer.self_attention, rng, d, cross=False)
        _ffn(layer.ffn, rng, shape)
    for layer in spec.decoder.layer:
        _attention(layer.self_attention, rng, d, cross=False)
        _attention(layer.attention, rng, d, cross=True)
        _ffn(layer.ffn, rng, shape)
    if pre_norm:
        _norm(spec.encoder.layer_norm, d)
        _norm(spec.decoder.layer_norm, d)
    # untied: a tied projection mostly re-predicts the previous token through the residual path
    proj = rng.standard_normal((len(target), d), dtype=np.float32)
    spec.decoder.projection.weight = proj * np.float32(shape.logit_scale / np.sqrt(d))
    spec.decoder.projection.bias = output_bias(target, eos_bias)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(target)
    return spec


def metadata(from_code: str = "zh", to_code: str = "en", version: str = VERSION) -> dict[str, str]:
    """The package's metadata.json content."""
    return {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": from_code,
        "from_name": "Chinese",
        "to_code": to_code,
        "to_name": "English",
        "name": NAME,
        "type": "translate",
    }


def build_package_dir(
    dest: Path, shape: str = "tiny", eos_bias: float | None = None, logit_scale: float | None = None
) -> Path:
    """Write an installed-style package folder at `dest` (model/, sentencepiece.model, metadata)."""
    sh = SHAPES[shape]
    if logit_scale is not None:
        sh = dataclasses.replace(sh, logit_scale=logit_scale)
    sp_model = train_sentencepiece(sh)
    vocab = full_vocab(sentencepiece_vocab(sp_model), sh.vocab)
    spec = build_spec(sh, vocab, sh.eos_bias if eos_bias is None else eos_bias)
    spec.validate()  # type: ignore[attr-defined]
    spec.optimize(quantization="int8")  # type: ignore[attr-defined]
    (dest / "model").mkdir(parents=True, exist_ok=True)
    spec.save(str(dest / "model"))  # type: ignore[attr-defined]
    (dest / "sentencepiece.model").write_bytes(sp_model)
    (dest / "metadata.json").write_text(json.dumps(metadata(), indent=2), encoding="utf-8")
    return dest


def zip_package(folder: Path, out: Path, top: str = NAME) -> Path:
    """Zip a package folder as `<top>/…` into an .argosmodel file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
    return out


def build_package(out: Path, shape: str = "tiny", eos_bias: float | None = None) -> Path:
    """Build the .argosmodel file `out` and return its path."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_package_dir(Path(tmp) / NAME, shape, eos_bias)
        return zip_package(folder, out)


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="tiny")
    parser.add_argument("--eos-bias", type=float, default=None)
    parser.add_argument("--logit-scale", type=float, default=None)
    parser.add_argument("--dir", action="store_true", help="write a package folder, not a zip")
    args = parser.parse_args(argv)
    if args.dir:
        shutil.rmtree(args.out, ignore_errors=True)
        build_package_dir(args.out, args.shape, args.eos_bias, args.logit_scale)
    else:
        build_package(args.out, args.shape, args.eos_bias)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
