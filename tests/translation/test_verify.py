"""Hostile packages built at test time: a zip bomb, a package too big, a model that cannot load."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from zhbrief.errors import PackageError
from zhbrief.translation import verify
from zhbrief.translation.packages import install_package, list_packages

TOP = "translate-zh_en-synthetic"


def rewrite_zip(src: Path, dest: Path, edit: dict[str, bytes]) -> Path:
    """Copy an archive (deflated), replacing or adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            if item.filename not in edit:
                zout.writestr(item.filename, zin.read(item.filename))
        for name, data in edit.items():
            zout.writestr(name, data)
    return dest


def test_zip_bomb_is_refused_before_unpacking(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    bomb = rewrite_zip(
        tiny_argosmodel, tmp_path / "bomb.argosmodel", {f"{TOP}/padding.bin": bytes(64 << 20)}
    )
    assert bomb.stat().st_size < 2 << 20  # 64 MiB of zeros packs into well under 2 MiB
    with pytest.raises(PackageError, match=r"bomb\.argosmodel unpacks \d[\d,]* times bigger"):
        install_package(bomb)
    assert list(argos_home.iterdir()) == []  # nothing unpacked, nothing left behind


def test_package_over_the_size_cap_is_refused(
    argos_home: Path, tiny_argosmodel: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(verify, "MAX_UNPACKED", 1000)
    with pytest.raises(PackageError, match=r"would unpack to [\d,]+ bytes, over the 1,000-byte"):
        install_package(tiny_argosmodel)
    assert list(argos_home.iterdir()) == []


def test_garbage_model_is_refused_and_never_picked(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(tiny_argosmodel) as zf:
        meta = json.loads(zf.read(f"{TOP}/metadata.json"))
    meta["package_version"] = "9.9"  # would win over every good package
    garbage = random.Random(7).randbytes(300_000)
    broken = rewrite_zip(
        tiny_argosmodel,
        tmp_path / "garbage.argosmodel",
        {f"{TOP}/model/model.bin": garbage, f"{TOP}/metadata.json": json.dumps(meta).encode()},
    )
    with pytest.raises(PackageError, match=r"garbage\.argosmodel: its model cannot translate"):
        install_package(broken)
    assert list_packages() == []
    assert list(argos_home.iterdir()) == []


def test_the_synthetic_package_passes_the_checks(argos_home: Path, tiny_argosmodel: Path) -> None:
    info = install_package(tiny_argosmodel)
    assert [p.name for p in list_packages()] == [info.name]
