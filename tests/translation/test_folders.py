"""CTranslate2 model folders: detection from the files, the folder engine on real synthetic
OPUS-MT, NLLB-200 and M2M-100 shaped models, install, list, find and remove."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from synthetic_package import ZH_LINES

from zhbrief.errors import EngineError, NoModelError, PackageError
from zhbrief.translation.engine import Decoding
from zhbrief.translation.folder_engine import FolderEngine
from zhbrief.translation.folder_packages import (
    find_folder,
    install_folder,
    list_folders,
    remove_folder,
)
from zhbrief.translation.folders import read_folder

SENTENCES = [ZH_LINES[1], ZH_LINES[6], ZH_LINES[0], "中国外交部发言人。", ZH_LINES[4]]
Folder = Callable[[str], Path]


def copy(folder: Path, tmp_path: Path, name: str = "copy") -> Path:
    return Path(shutil.copytree(folder, tmp_path / name))


def engine_for(folder: Path) -> FolderEngine:
    return FolderEngine(read_folder(folder), Decoding(threads=1))


@pytest.mark.parametrize(
    ("family", "expected", "tags", "vocabulary"),
    [
        ("opus", "marian", ("", ""), ["shared_vocabulary.json"]),
        ("opus-separate", "marian", ("", ""), ["source_vocabulary.json", "target_vocabulary.json"]),
        ("nllb", "nllb", ("zho_Hans", "eng_Latn"), ["shared_vocabulary.json"]),
        ("m2m100", "m2m100", ("__zh__", "__en__"), ["shared_vocabulary.json"]),
    ],
)
def test_the_family_is_read_from_the_files(
    ct2_folder: Folder, family: str, expected: str, tags: tuple[str, str], vocabulary: list[str]
) -> None:
    folder = ct2_folder(family)
    assert all((folder / name).is_file() for name in vocabulary)
    info = read_folder(folder)
    assert (info.family, (info.source_tag, info.target_tag), info.add_eos) == (expected, tags, True)
    assert info.label == f"ctranslate2 {folder.name}"
    spm = ("source.spm", "target.spm") if expected == "marian" else ("sentencepiece.bpe.model",) * 2
    assert (info.source_spm.name, info.target_spm.name) == spm


def test_a_folder_that_is_not_one_says_what_a_folder_holds(
    ct2_folder: Folder, tmp_path: Path, installed_model: Path
) -> None:
    with pytest.raises(PackageError, match="is an Argos package: use it with --engine argos"):
        read_folder(installed_model)
    broken = copy(ct2_folder("opus"), tmp_path)
    (broken / "model.bin").unlink()
    with pytest.raises(PackageError, match=r"is not a CTranslate2 model folder\. A CTranslate2"):
        read_folder(broken)
    coded = copy(ct2_folder("nllb"), tmp_path, "coded")
    vocab = json.loads((coded / "shared_vocabulary.json").read_text("utf-8"))
    (coded / "shared_vocabulary.json").write_text(
        json.dumps([t for t in vocab if t != "zho_Hans"]), "utf-8"
    )
    with pytest.raises(PackageError, match="no language codes for Chinese and English"):
        read_folder(coded)
    (coded / "sentencepiece.bpe.model").unlink()
    with pytest.raises(PackageError, match="has no SentencePiece model"):
        read_folder(coded)


def test_a_config_that_adds_the_end_token_is_followed(ct2_folder: Folder, tmp_path: Path) -> None:
    folder = copy(ct2_folder("opus"), tmp_path)
    config = json.loads((folder / "config.json").read_text("utf-8"))
    (folder / "config.json").write_text(json.dumps({**config, "add_source_eos": True}), "utf-8")
    assert read_folder(folder).add_eos is False  # CTranslate2 adds </s> itself: not twice


class Recorder:
    """A real ctranslate2.Translator that also keeps each call's sources and options."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.calls: list[tuple[list[list[str]], dict[str, Any]]] = []

    def translate_batch(self, batch: list[list[str]], **options: Any) -> Any:
        self.calls.append((batch, options))
        return self.real.translate_batch(batch, **options)


@pytest.fixture
def recorders(monkeypatch: pytest.MonkeyPatch) -> list[Recorder]:
    import ctranslate2

    real = ctranslate2.Translator
    made: list[Recorder] = []

    def build(*args: Any, **kwargs: Any) -> Recorder:
        made.append(Recorder(real(*args, **kwargs)))
        return made[-1]

    monkeypatch.setattr(ctranslate2, "Translator", build)
    return made


@pytest.mark.parametrize("family", ["opus", "opus-separate", "nllb", "m2m100"])
def test_each_family_translates_in_order_with_its_tags(
    ct2_folder: Folder, family: str, recorders: list[Recorder]
) -> None:
    engine = engine_for(ct2_folder(family))
    scored = engine.translate_scored(SENTENCES)
    assert len(scored) == len(SENTENCES)
    assert all(a.score is not None and a.score < 0 for a in scored)
    # order kept: each sentence alone gives what it got inside the reordered batch
    alone = [engine.translate_batch([s])[0] for s in SENTENCES]
    assert alone == [a.en for a in scored]
    info = engine.folder
    batch, options = recorders[0].calls[0]
    for pieces in batch:
        assert pieces[-1] == "</s>"
        assert (pieces[0] == info.source_tag) if info.source_tag else pieces[0] != "</s>"
    if info.target_tag:
        assert options["target_prefix"] == [[info.target_tag]] * len(batch)
        assert not any(info.target_tag in a.en for a in scored)  # forced, then left out
    else:
        assert options["target_prefix"] is None


def test_the_language_tags_change_the_translation(ct2_folder: Folder, tmp_path: Path) -> None:
    tagged = engine_for(ct2_folder("nllb")).translate_batch(SENTENCES)
    untagged = copy(ct2_folder("nllb"), tmp_path)
    # the same weights read as a Marian folder: no source tag, no forced target
    shutil.copy(untagged / "sentencepiece.bpe.model", untagged / "source.spm")
    shutil.move(untagged / "sentencepiece.bpe.model", untagged / "target.spm")
    assert read_folder(untagged).family == "marian"
    assert engine_for(untagged).translate_batch(SENTENCES) != tagged


def test_a_damaged_model_is_an_engine_error(ct2_folder: Folder, tmp_path: Path) -> None:
    folder = copy(ct2_folder("opus"), tmp_path)
    engine = engine_for(folder)
    (folder / "model.bin").write_bytes(b"garbage")
    with pytest.raises(EngineError, match=r"Cannot load the translation model .*model install DIR"):
        engine.translate_batch(["你好。"])


def test_install_list_find_and_remove(argos_home: Path, ct2_folder: Folder) -> None:
    with pytest.raises(NoModelError, match=r"No CTranslate2 model folder in .*zhbrief/models"):
        find_folder(None)
    opus = install_folder(ct2_folder("opus"))
    assert opus.path.parent.name == "models" and opus.name == ct2_folder("opus").name
    assert find_folder(None) == opus  # the only one
    nllb = install_folder(ct2_folder("nllb"), "nllb-200")
    assert [f.name for f in list_folders()] == sorted([opus.name, "nllb-200"])
    with pytest.raises(NoModelError, match=r"Several model folders .*choose one with --model"):
        find_folder(None)
    assert find_folder(Path("nllb-200")) == nllb
    assert find_folder(ct2_folder("m2m100")).family == "m2m100"  # a folder anywhere
    with pytest.raises(NoModelError, match="Model folder nope does not exist"):
        find_folder(Path("nope"))
    assert remove_folder("nllb-200") == nllb
    assert remove_folder("nllb-200") is None
    assert [f.name for f in list_folders()] == [opus.name]


def test_install_refuses_a_folder_that_cannot_translate(
    argos_home: Path, ct2_folder: Folder, tmp_path: Path
) -> None:
    broken = copy(ct2_folder("opus"), tmp_path)
    (broken / "model.bin").write_bytes(b"garbage")
    with pytest.raises(PackageError, match="its model cannot translate"):
        install_folder(broken, "broken")
    with pytest.raises(PackageError, match="cannot name a model"):
        install_folder(ct2_folder("opus"), "../evil")
    assert list_folders() == []


def test_reinstalling_a_name_replaces_the_folder(argos_home: Path, ct2_folder: Folder) -> None:
    install_folder(ct2_folder("opus"), "mt")
    again = install_folder(ct2_folder("m2m100"), "mt")
    assert [(f.name, f.family) for f in list_folders()] == [("mt", "m2m100")]
    assert not (again.path / "source.spm").exists()  # nothing of the old folder is left


def test_a_dask_worker_loads_a_model_folder_checked_by_its_weights(ct2_folder: Folder) -> None:
    from zhbrief.run.worker_tasks import (
        Identity,
        WorkerPackageError,
        package_identity,
        worker_engine,
    )

    folder = ct2_folder("m2m100")
    mine = package_identity(folder)
    assert (mine.name, mine.version) == (folder.name, "m2m100")
    engine = worker_engine(str(folder), Decoding(threads=1), mine)
    assert engine.name == f"ctranslate2 {folder.name}"
    assert engine.translate_batch(SENTENCES[:2]) == engine_for(folder).translate_batch(
        SENTENCES[:2]
    )
    with pytest.raises(WorkerPackageError, match="install the same package at the same path"):
        worker_engine(str(folder), Decoding(threads=1), Identity(mine.name, mine.version, "0" * 64))
