"""A converted CTranslate2 model folder and what its files say: which family, which tokenizers,
which language tags (the folder engine, installs and Dask workers ask it).

Two families are known, told apart by their files:
- OPUS-MT (Marian): `source.spm` and `target.spm`, a shared or a source/target vocabulary; the
  source ends with `</s>` (unless `config.json` has CTranslate2 add it).
- NLLB-200 and M2M-100: one SentencePiece model (`sentencepiece.bpe.model`, as converted from
  Hugging Face); the source starts with its language code and the target is forced to start
  with English's: `zho_Hans`/`eng_Latn` (NLLB-200) or `__zh__`/`__en__` (M2M-100).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from zhbrief.errors import PackageError

Family = Literal["marian", "nllb", "m2m100"]
FAMILY_NAMES: dict[Family, str] = {"marian": "OPUS-MT", "nllb": "NLLB-200", "m2m100": "M2M-100"}
SINGLE_SPM = ("sentencepiece.bpe.model", "sentencepiece.model", "spm.model")
# the language codes of a family: (source tag, target prefix)
TAGS: dict[Family, tuple[str, str]] = {
    "nllb": ("zho_Hans", "eng_Latn"),
    "m2m100": ("__zh__", "__en__"),
}
MARIAN_ENGLISH = ">>eng<<"  # a multi-target OPUS-MT model's tag for English output
FOLDER_HINT = (
    "A CTranslate2 model folder holds model.bin, config.json, its vocabulary "
    "(shared_vocabulary.json, or source_ and target_vocabulary.json) and its SentencePiece "
    "model: source.spm and target.spm (OPUS-MT) or sentencepiece.bpe.model (NLLB-200, M2M-100); "
    "convert a model with ct2-transformers-converter --copy_files and those files."
)


@dataclass(frozen=True, slots=True)
class FolderInfo:
    """A CTranslate2 model folder: its family, tokenizers and the tags a source and target take."""

    name: str  # folder name
    path: Path
    family: Family
    source_spm: Path
    target_spm: Path
    source_tag: str = ""  # the first source token (a language code), or none
    target_tag: str = ""  # the forced first target token, or none
    add_eos: bool = True  # end the source with </s> (CTranslate2 does it when config.json says)

    engine: ClassVar[str] = "ctranslate2"

    @property
    def label(self) -> str:
        """The engine name: the translation cache key and the brief's `model`."""
        return f"ctranslate2 {self.name}"

    def identity(self) -> list[str]:
        """What a brief's settings fingerprint takes of the model."""
        return [self.engine, self.name, self.family]


def read_folder(folder: Path, shown: Path | None = None) -> FolderInfo:
    """Describe a CTranslate2 model folder; PackageError (naming `shown`) if it is not one."""
    where = folder if shown is None else shown
    if (folder / "model" / "model.bin").is_file() and (folder / "metadata.json").is_file():
        raise PackageError(f"{where} is an Argos package: use it with --engine argos.")
    if not (folder / "model.bin").is_file() or not (folder / "config.json").is_file():
        raise PackageError(f"{where} is not a CTranslate2 model folder. {FOLDER_HINT}")
    config = _json(folder / "config.json", where)
    source, target = _vocabularies(folder, where)
    add_eos = not bool(config.get("add_source_eos", False)) if isinstance(config, dict) else True
    if (folder / "source.spm").is_file() and (folder / "target.spm").is_file():
        tag = MARIAN_ENGLISH if MARIAN_ENGLISH in source else ""
        spm = (folder / "source.spm", folder / "target.spm")
        return FolderInfo(folder.name, folder, "marian", *spm, tag, "", add_eos)
    single = next((folder / n for n in SINGLE_SPM if (folder / n).is_file()), None)
    if single is None:
        raise PackageError(f"{where} has no SentencePiece model. {FOLDER_HINT}")
    for family, (zh, en) in TAGS.items():
        if zh in source and en in target:
            return FolderInfo(folder.name, folder, family, single, single, zh, en, add_eos)
    raise PackageError(
        f"{where} has one SentencePiece model but its vocabulary has no language codes for "
        "Chinese and English (zho_Hans and eng_Latn of NLLB-200, __zh__ and __en__ of M2M-100)."
    )


def _vocabularies(folder: Path, where: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The source and target vocabularies (the same set when shared)."""
    shared = _vocabulary(folder, "shared_vocabulary", where)
    if shared is not None:
        return shared, shared
    source = _vocabulary(folder, "source_vocabulary", where)
    target = _vocabulary(folder, "target_vocabulary", where)
    if source is None or target is None:
        raise PackageError(f"{where} has no vocabulary. {FOLDER_HINT}")
    return source, target


def _vocabulary(folder: Path, stem: str, where: Path) -> frozenset[str] | None:
    """A vocabulary file's tokens: a JSON list (CTranslate2 4) or one token a line (older)."""
    if (folder / f"{stem}.json").is_file():
        tokens = _json(folder / f"{stem}.json", where)
        if not isinstance(tokens, list):
            raise PackageError(f"{where}: {stem}.json is not a list of tokens")
        return frozenset(str(t) for t in tokens)
    if (folder / f"{stem}.txt").is_file():
        return frozenset((folder / f"{stem}.txt").read_text(encoding="utf-8").splitlines())
    return None


def _json(path: Path, where: Path) -> object:
    """A JSON file's content; PackageError naming the folder if it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"{where}: {path.name} is not readable JSON ({exc})") from exc
