"""Shared fixtures: a tiny real Argos package built at session start, an isolated Argos home."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from httpsite import Site
from synthetic_ct2 import build_folder
from synthetic_package import build_package


@pytest.fixture(scope="session")
def tiny_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real .argosmodel (tiny Transformer, random int8 weights), built once per session."""
    return build_package(tmp_path_factory.mktemp("pkg") / "translate-zh_en-synthetic.argosmodel")


@pytest.fixture(scope="session")
def ct2_folder(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """A synthetic CTranslate2 model folder of a family (opus, opus-separate, nllb, m2m100),
    built once per session on first use."""
    root = tmp_path_factory.mktemp("ct2")
    built: dict[str, Path] = {}

    def folder(family: str) -> Path:
        if family not in built:
            built[family] = build_folder(root / f"{family}-zh-en", family)
        return built[family]

    return folder


@pytest.fixture(scope="session")
def lexicon_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dictionary index (CC-CEDICT + IDF), built once per session."""
    from zhbrief.terms import cedict, lexicon

    folder = tmp_path_factory.mktemp("lexicon")
    return lexicon.ensure(folder, (cedict.source(), lexicon.idf_source()))


def share_index(index: Path, cache_home: Path) -> None:
    """Put the session's index in a fresh cache folder, so a process there does not rebuild it."""
    folder = cache_home / "zhbrief"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.link(index, folder / index.name)  # the index is opened read-only; a damaged one is
    except OSError:  # replaced by a new file, never rewritten in place
        shutil.copyfile(index, folder / index.name)


@pytest.fixture
def argos_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lexicon_index: Path) -> Path:
    """An empty Argos packages folder for this test only; the real home is never touched."""
    home = tmp_path / "argos-home"
    share_index(lexicon_index, home / "cache")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
    monkeypatch.delenv("ZHBRIEF_CONFIG", raising=False)
    return home / "packages"


@pytest.fixture
def installed_model(argos_home: Path, tiny_argosmodel: Path) -> Iterator[Path]:
    """The tiny package installed into the isolated Argos home."""
    from zhbrief.translation.packages import install_package

    info = install_package(tiny_argosmodel)
    yield info.path


@pytest.fixture(scope="module")
def module_model(
    tmp_path_factory: pytest.TempPathFactory, tiny_argosmodel: Path, lexicon_index: Path
) -> Iterator[Path]:
    """The tiny package installed into an Argos home shared by one test module's tests."""
    from zhbrief.translation.packages import install_package

    home = tmp_path_factory.mktemp("module-argos-home")
    share_index(lexicon_index, home / "cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.setenv("XDG_CONFIG_HOME", str(home / "config"))
        mp.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
        mp.delenv("ZHBRIEF_CONFIG", raising=False)
        yield install_package(tiny_argosmodel).path


@pytest.fixture
def site() -> Iterator[Site]:
    """A real HTTP server on 127.0.0.1 with no routes yet (every path is a 404)."""
    with Site() as running:
        yield running
