"""Both Argos tokenizer kinds (bpe.model, sentencepiece.model) and target_prefix, with real inference."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synthetic_bpe import (
    BPE_NAME,
    build_bpe_package_dir,
    build_prefixed_sentencepiece_dir,
)
from synthetic_package import ZH_LINES, zip_package

from zhbrief.errors import PackageError
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.engine import Decoding
from zhbrief.translation.metadata import read_package
from zhbrief.translation.packages import find_zh_en, install_package, list_packages

PREFIX = "__en__"
# different lengths, so the engine's length sort and bucketing really reorder them
SENTENCES = [ZH_LINES[1], ZH_LINES[6], ZH_LINES[0], "中国外交部发言人。", ZH_LINES[4]]


class Recorder:
    """A real ctranslate2.Translator that also keeps each call's options and raw best pieces."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[dict[str, Any], list[list[str]]]] = []

    def translate_batch(self, batch: list[list[str]], **options: Any) -> Any:
        """Forward to the real translator, recording options and first hypotheses."""
        results = self.real.translate_batch(batch, **options)
        if options.get("asynchronous"):  # the engine submits every group at once
            done = [r.result() for r in results]
            self.calls.append((options, [list(r.hypotheses[0]) for r in done]))
            return results
        self.calls.append((options, [list(r.hypotheses[0]) for r in results]))
        return results

    @property
    def hypotheses(self) -> list[list[str]]:
        """Every raw best hypothesis, over all calls."""
        return [h for _, hyps in self.calls for h in hyps]


@pytest.fixture
def recorders(monkeypatch: pytest.MonkeyPatch) -> list[Recorder]:
    """Every translator the engines build in this test, wrapped in a Recorder."""
    import ctranslate2

    real = ctranslate2.Translator
    made: list[Recorder] = []

    def build(*args: Any, **kwargs: Any) -> Recorder:
        made.append(Recorder(real(*args, **kwargs)))
        return made[-1]

    monkeypatch.setattr(ctranslate2, "Translator", build)
    return made


@pytest.fixture(scope="session")
def bpe_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A BPE package folder without target_prefix."""
    return build_bpe_package_dir(tmp_path_factory.mktemp("bpe") / BPE_NAME)


@pytest.fixture(scope="session")
def prefixed_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Package folders with target_prefix "__en__": one per tokenizer kind."""
    root = tmp_path_factory.mktemp("prefixed")
    return {
        "bpe": build_bpe_package_dir(root / "bpe", PREFIX),
        "sentencepiece": build_prefixed_sentencepiece_dir(root / "sp", PREFIX),
    }


def engine_for(folder: Path, **decoding: Any) -> ArgosEngine:
    """A single-threaded engine over a package folder."""
    return ArgosEngine(read_package(folder), Decoding(threads=1, **decoding))


def model_vocabulary(folder: Path) -> set[str]:
    """The CTranslate2 model's (shared) vocabulary."""
    return set(json.loads((folder / "model" / "shared_vocabulary.json").read_text("utf-8")))


def test_bpe_builder_makes_a_bpe_only_package_covering_its_sources(bpe_dir: Path) -> None:
    from argostranslate.tokenizer import BPETokenizer

    assert (bpe_dir / "bpe.model").read_text("utf-8").startswith("#version: 0.2\n")
    assert not (bpe_dir / "sentencepiece.model").exists()
    pieces = [
        p for s in SENTENCES for p in BPETokenizer(bpe_dir / "bpe.model", "zh", "en").encode(s)
    ]
    assert any(p.endswith("@@") for p in pieces)  # Chinese runs are split into subwords
    assert set(pieces) <= model_vocabulary(bpe_dir)  # nothing becomes <unk>


def test_bpe_package_translates_in_order_without_markers(
    bpe_dir: Path, recorders: list[Recorder]
) -> None:
    engine = engine_for(bpe_dir)
    out = engine.translate_batch(SENTENCES)
    assert len(out) == len(SENTENCES)
    for english in out:
        assert english.strip() and "@@" not in english, english
    raw = recorders[0].hypotheses
    assert any(p.endswith("@@") for h in raw for p in h)  # markers were there to remove
    # order kept: each sentence alone gives what it got inside the reordered batch
    assert [engine.translate_batch([s])[0] for s in reversed(SENTENCES)] == out[::-1]


def test_bpe_output_cut_mid_word_keeps_no_marker(bpe_dir: Path, recorders: list[Recorder]) -> None:
    for limit in range(1, 7):  # max_decoding_length = limit: hypotheses stop wherever they are
        out = engine_for(bpe_dir, max_length_ratio=0.0, max_length_extra=limit).translate_batch(
            SENTENCES
        )
        assert all("@@" not in english for english in out), out
    raw = [h for r in recorders for h in r.hypotheses]
    assert any(h and h[-1].endswith("@@") for h in raw)  # some were cut inside a word


@pytest.mark.parametrize("kind", ["sentencepiece", "bpe"])
def test_target_prefix_is_forced_and_stripped(
    kind: str, prefixed_dirs: dict[str, Path], recorders: list[Recorder]
) -> None:
    from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

    folder = prefixed_dirs[kind]
    tokenizer: Callable[[list[str]], str] = (
        BPETokenizer(folder / "bpe.model", "zh", "en").decode
        if kind == "bpe"
        else SentencePieceTokenizer(folder / "sentencepiece.model").decode
    )
    out = engine_for(folder).translate_batch(SENTENCES)
    assert all(english.strip() for english in out), out
    assert all(PREFIX not in english for english in out), out
    for options, hypotheses in recorders[0].calls:
        assert options["target_prefix"] == [[PREFIX]] * len(hypotheses)
        for pieces in hypotheses:
            assert pieces[0] == PREFIX  # CTranslate2 returns the prefix: the engine must drop it
            words = [*pieces[1:-1], pieces[-1].removesuffix("@@")] if len(pieces) > 1 else []
            assert tokenizer(words).strip() in out


def test_target_prefix_changes_the_translation(
    prefixed_dirs: dict[str, Path], tmp_path: Path
) -> None:
    folder = prefixed_dirs["sentencepiece"]
    unprefixed = Path(shutil.copytree(folder, tmp_path / "unprefixed"))
    meta = json.loads((folder / "metadata.json").read_text("utf-8"))
    del meta["target_prefix"]
    (unprefixed / "metadata.json").write_text(json.dumps(meta), "utf-8")
    with_prefix = engine_for(folder).translate_batch(SENTENCES)
    # the decoder is conditioned on the prefix: dropping it from metadata changes the English
    assert engine_for(unprefixed).translate_batch(SENTENCES) != with_prefix


def test_install_accepts_bpe_package(argos_home: Path, bpe_dir: Path, tmp_path: Path) -> None:
    archive = zip_package(bpe_dir, tmp_path / f"{BPE_NAME}.argosmodel", top=BPE_NAME)
    info = install_package(archive)
    assert (info.path / "bpe.model").is_file() and info.name == BPE_NAME
    assert [p.name for p in list_packages()] == [BPE_NAME]
    english = ArgosEngine(find_zh_en(), Decoding(threads=1)).translate_batch(SENTENCES[:1])
    assert english[0].strip() and "@@" not in english[0]


def test_install_rejects_bpe_package_without_codes(
    argos_home: Path, bpe_dir: Path, tmp_path: Path
) -> None:
    archive = zip_package(bpe_dir, tmp_path / "full.argosmodel", top=BPE_NAME)
    stripped = tmp_path / "no-codes.argosmodel"
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            if item.filename != f"{BPE_NAME}/bpe.model":
                zout.writestr(item, zin.read(item.filename))
    with pytest.raises(PackageError, match="has no tokenizer"):
        install_package(stripped)
    assert list_packages() == []
