"""Packages: install, list, remove, find, and every archive refused before it is used."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from zhbrief.errors import NoModelError, PackageError
from zhbrief.places import packages_dir
from zhbrief.translation.packages import (
    find_zh_en,
    install_package,
    list_packages,
    remove_package,
)

TOP = "translate-zh_en-synthetic"


def rewrite_zip(src: Path, dest: Path, edit: dict[str, bytes | None]) -> Path:
    """Copy an archive, replacing (bytes) or dropping (None) members, adding new ones."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for item in zin.infolist():
            if item.filename in edit:
                continue
            zout.writestr(item, zin.read(item.filename))
        for name, data in edit.items():
            if data is not None:
                zout.writestr(name, data)
    return dest


def metadata_bytes(**changes: str) -> bytes:
    """The synthetic package's metadata.json with some fields changed."""
    meta = {"package_version": "1.9", "from_code": "zh", "to_code": "en", "type": "translate"}
    meta.update(changes)
    return json.dumps(meta).encode()


def assert_nothing_installed(root: Path) -> None:
    """The packages folder holds no package and no leftover temp folder."""
    leftovers = list(root.iterdir()) if root.exists() else []
    assert leftovers == []


def test_packages_dir_follows_env_per_call(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert packages_dir() == tmp_path / "xdg" / "argos-translate" / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "explicit"))
    assert packages_dir() == tmp_path / "explicit"
    assert not (tmp_path / "xdg").exists() and not (tmp_path / "explicit").exists()


def test_install_list_remove(argos_home: Path, tiny_argosmodel: Path) -> None:
    info = install_package(tiny_argosmodel)
    assert (info.name, info.version, info.from_code, info.to_code) == (TOP, "1.9", "zh", "en")
    assert info.path == argos_home / TOP and (info.path / "model" / "model.bin").is_file()
    assert list_packages() == [info]
    assert find_zh_en() == info
    assert remove_package("zh_en") == info
    assert list_packages() == []
    assert_nothing_installed(argos_home)


def test_reinstall_replaces_and_remove_by_folder_name(
    argos_home: Path, tiny_argosmodel: Path
) -> None:
    install_package(tiny_argosmodel)
    info = install_package(tiny_argosmodel)
    assert [p.name for p in list_packages()] == [TOP]
    assert sorted(p.name for p in argos_home.iterdir()) == [TOP]  # no temp folders left
    assert remove_package(TOP) == info


def test_remove_unknown_names_installed(installed_model: Path) -> None:
    with pytest.raises(PackageError, match=f"No installed package named 'de_en'.*{TOP}"):
        remove_package("de_en")


def test_list_skips_broken_folders(installed_model: Path) -> None:
    root = installed_model.parent
    (root / "broken").mkdir()
    (root / "broken" / "metadata.json").write_text("{not json")
    (root / "half").mkdir()
    (root / "half" / "metadata.json").write_text('{"from_code": "zh", "to_code": "en"}')
    assert [p.name for p in list_packages()] == [TOP]


def test_find_picks_highest_version(
    installed_model: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    newer, top = tmp_path / "newer.argosmodel", "translate-zh_en-1_10"
    with zipfile.ZipFile(tiny_argosmodel) as zin, zipfile.ZipFile(newer, "w") as zout:
        for item in zin.infolist():
            if not item.filename.endswith("metadata.json"):
                zout.writestr(item.filename.replace(TOP, top), zin.read(item))
        zout.writestr(f"{top}/metadata.json", metadata_bytes(package_version="1.10"))
    install_package(newer)
    assert sorted(p.version for p in list_packages()) == ["1.10", "1.9"]
    assert find_zh_en().name == top  # 1.10 > 1.9 numerically, not as strings


def test_find_none_installed_says_how_to_install(argos_home: Path) -> None:
    with pytest.raises(NoModelError) as err:
        find_zh_en()
    message = str(err.value)
    assert "zhbrief model install FILE.argosmodel" in message
    assert "zhbrief model install zh_en" in message
    assert str(argos_home) in message


def test_find_with_model_folder(argos_home: Path, installed_model: Path) -> None:
    assert find_zh_en(installed_model).path == installed_model


def test_find_with_model_file_unpacks_once(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    first = find_zh_en(tiny_argosmodel, cache_dir=cache)
    assert first.path.parent.parent == cache and (first.path / "model" / "model.bin").is_file()
    stamp = (first.path / "model" / "model.bin").stat().st_mtime_ns
    again = find_zh_en(tiny_argosmodel, cache_dir=cache)
    assert again == first and (again.path / "model" / "model.bin").stat().st_mtime_ns == stamp
    assert [p.name for p in cache.iterdir()] == [first.path.parent.name]  # no temp leftovers
    assert list_packages() == []  # --model never installs


def test_find_with_missing_model_path(argos_home: Path, tmp_path: Path) -> None:
    with pytest.raises(NoModelError, match="does not exist"):
        find_zh_en(tmp_path / "nope.argosmodel")


def test_a_model_that_is_a_pipe_is_named_never_read(argos_home: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "model.argosmodel"
    os.mkfifo(pipe)  # opening it would wait for a writer forever
    with pytest.raises(NoModelError, match=r"model\.argosmodel is not a file or a folder \(a pipe"):
        find_zh_en(pipe)


def test_non_zip_rejected(argos_home: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"this is not a zip file at all" * 10)
    with pytest.raises(
        PackageError, match=r"bogus\.argosmodel is not an Argos package \(not a zip"
    ):
        install_package(bogus)
    assert_nothing_installed(argos_home)


def test_corrupt_zip_rejected_nothing_half_installed(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    data = bytearray(tiny_argosmodel.read_bytes())
    with zipfile.ZipFile(tiny_argosmodel) as zf:
        info = zf.getinfo(f"{TOP}/model/model.bin")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 100
    data[start : start + 64] = bytes(64)  # damage compressed data, keep the directory intact
    corrupt = tmp_path / "corrupt.argosmodel"
    corrupt.write_bytes(bytes(data))
    with pytest.raises(PackageError, match=r"corrupt\.argosmodel is corrupt.*Download"):
        install_package(corrupt)
    assert_nothing_installed(argos_home)


def test_wrong_language_pair_rejected(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path
) -> None:
    en_de = rewrite_zip(
        tiny_argosmodel,
        tmp_path / "en_de.argosmodel",
        {f"{TOP}/metadata.json": metadata_bytes(from_code="en", to_code="de")},
    )
    with pytest.raises(
        PackageError, match=r"en_de\.argosmodel is a en→de package; zhbrief needs zh→en"
    ):
        install_package(en_de)
    assert_nothing_installed(argos_home)


def test_path_traversal_rejected(argos_home: Path, tiny_argosmodel: Path, tmp_path: Path) -> None:
    evil = rewrite_zip(
        tiny_argosmodel, tmp_path / "evil.argosmodel", {f"{TOP}/../../evil.txt": b"x"}
    )
    with pytest.raises(PackageError, match="unsafe path"):
        install_package(evil)
    assert not (tmp_path / "evil.txt").exists() and not (argos_home.parent / "evil.txt").exists()
    assert_nothing_installed(argos_home)


@pytest.mark.parametrize(
    ("dropped", "reason"),
    [("model/model.bin", "no .*model/model.bin"), ("sentencepiece.model", "no tokenizer")],
)
def test_incomplete_package_rejected(
    argos_home: Path, tiny_argosmodel: Path, tmp_path: Path, dropped: str, reason: str
) -> None:
    broken = rewrite_zip(
        tiny_argosmodel, tmp_path / "broken.argosmodel", {f"{TOP}/{dropped}": None}
    )
    with pytest.raises(PackageError, match=reason):
        install_package(broken)
    assert_nothing_installed(argos_home)


def test_two_top_folders_rejected(argos_home: Path, tiny_argosmodel: Path, tmp_path: Path) -> None:
    two = rewrite_zip(tiny_argosmodel, tmp_path / "two.argosmodel", {"other/README.md": b"hi"})
    with pytest.raises(PackageError, match="one top folder"):
        install_package(two)


def test_model_file_unpacks_into_the_xdg_cache_by_default(
    argos_home: Path, tiny_argosmodel: Path
) -> None:
    info = find_zh_en(tiny_argosmodel)
    cache = argos_home.parent / "cache" / "zhbrief" / "models"
    assert info.path.parent.parent == cache and info.from_code == "zh"
