"""Tests for zhbrief.translation.packages and download: install, list, remove, find, validation and the offline download."""

from __future__ import annotations

import io
import json
import time
import urllib.error
import zipfile
from pathlib import Path
from typing import IO

import pytest

from zhbrief.errors import NoModelError, PackageError
from zhbrief.places import packages_dir
from zhbrief.translation import download as packages
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


def test_offline_download_fails_fast(
    argos_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, float]] = []

    def unreachable(url: str, timeout: float) -> IO[bytes]:
        seen.append((url, timeout))
        raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")

    monkeypatch.setattr(packages, "urlopen", unreachable)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "https://index.invalid/index.json")
    started = time.monotonic()
    with pytest.raises(NoModelError, match=r"zhbrief model download --to DIR"):
        packages.download_official(tmp_path / "dl", progress=False, timeout=2.0)
    assert time.monotonic() - started < 1.0
    assert seen == [("https://index.invalid/index.json", 2.0)]  # one attempt, no retry loop
    assert not (tmp_path / "dl").exists()  # nothing created before the index is fetched


class FakeResponse(io.BytesIO):
    """A urlopen() result with headers."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.headers = {"Content-Length": str(len(data))}


def test_download_picks_zh_en_and_verifies_zip(tiny_argosmodel: Path, tmp_path: Path) -> None:
    index = [
        {
            "from_code": "en",
            "to_code": "zh",
            "package_version": "1.9",
            "links": ["https://x/en_zh.argosmodel"],
        },
        {
            "from_code": "zh",
            "to_code": "en",
            "package_version": "1.7",
            "links": ["https://x/old.argosmodel"],
        },
        {
            "from_code": "zh",
            "to_code": "en",
            "package_version": "1.9",
            "links": ["https://x/zh_en-1_9.argosmodel"],
        },
    ]
    bodies = {"https://x/zh_en-1_9.argosmodel": tiny_argosmodel.read_bytes()}

    def opener(url: str, timeout: float) -> IO[bytes]:
        return FakeResponse(
            json.dumps(index).encode() if url.endswith("index.json") else bodies[url]
        )

    path = packages.download_official(tmp_path / "dl", progress=False, opener=opener)
    assert path == tmp_path / "dl" / "zh_en-1_9.argosmodel"
    assert path.read_bytes() == tiny_argosmodel.read_bytes()


def test_download_of_non_zip_is_rejected(tmp_path: Path) -> None:
    index = [
        {
            "from_code": "zh",
            "to_code": "en",
            "package_version": "1.9",
            "links": ["https://x/p.argosmodel"],
        }
    ]

    def opener(url: str, timeout: float) -> IO[bytes]:
        return FakeResponse(
            json.dumps(index).encode() if url.endswith("json") else b"<html>captive portal</html>"
        )

    with pytest.raises(PackageError, match="not a zip archive"):
        packages.download_official(tmp_path / "dl", progress=False, opener=opener)
    assert list((tmp_path / "dl").iterdir()) == []


def test_model_file_unpacks_into_the_xdg_cache_by_default(
    argos_home: Path, tiny_argosmodel: Path
) -> None:
    info = find_zh_en(tiny_argosmodel)
    cache = argos_home.parent / "cache" / "zhbrief" / "models"
    assert info.path.parent.parent == cache and info.from_code == "zh"
