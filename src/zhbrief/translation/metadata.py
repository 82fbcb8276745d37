"""An Argos package folder and what its metadata.json says (engine, checks and installs ask it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from packaging.version import InvalidVersion, Version

from zhbrief.errors import PackageError

FROM_CODE, TO_CODE = "zh", "en"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """An Argos package folder and what its metadata says."""

    name: str  # folder name
    version: str
    from_code: str
    to_code: str
    path: Path

    engine: ClassVar[str] = "argos"

    @property
    def label(self) -> str:
        """'name version', as shown to users and used as the engine name."""
        return f"{self.name} {self.version}"

    def identity(self) -> list[str]:
        """What a brief's settings fingerprint takes of the model (as zhbrief 0.1 did)."""
        return [self.name, self.version]


def version_key(version: str) -> Version:
    """Sort key for package versions ('1.9' < '1.10'); an unparsable one sorts first."""
    try:
        return Version(version)
    except InvalidVersion:
        return Version("0")


def _read_metadata(text: bytes | str, where: str) -> dict[str, Any]:
    """Parse metadata.json content; PackageError if it is not a JSON object."""
    try:
        meta = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"{where}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise PackageError(f"{where}: metadata.json is not a JSON object")
    return meta


def read_package(folder: Path, shown: Path | None = None) -> PackageInfo:
    """Describe an unpacked package folder; PackageError (naming `shown`) if it is incomplete."""
    where = folder if shown is None else shown
    meta_path = folder / "metadata.json"
    if not meta_path.is_file():
        raise PackageError(f"{where} is not an Argos package: no metadata.json")
    meta = _read_metadata(meta_path.read_bytes(), str(where))
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError(f"{where} is not a complete Argos package: no model/model.bin")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise PackageError(f"{where} has no tokenizer (sentencepiece.model or bpe.model)")
    return PackageInfo(
        name=folder.name,
        version=str(meta.get("package_version", "")),
        from_code=str(meta.get("from_code", "")),
        to_code=str(meta.get("to_code", "")),
        path=folder,
    )
