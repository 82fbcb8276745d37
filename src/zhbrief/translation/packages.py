"""Find, install, list and remove Argos zh→en packages; archives are checked before use."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import TypeVar

from zhbrief.errors import NoModelError, PackageError
from zhbrief.layout import models_dir
from zhbrief.places import file_sha256, packages_dir
from zhbrief.translation.metadata import (
    FROM_CODE,
    TO_CODE,
    PackageInfo,
    read_package,
    version_key,
)
from zhbrief.translation.verify import check_model, check_sizes

# where the file comes from, for a machine that cannot download it itself
OFFLINE_HINT = (
    "The official package, translate-zh_en (about 74 MB), is published in the Argos package "
    "index (https://github.com/argosopentech/argospm-index). On a connected machine run "
    "'zhbrief model download --to DIR', carry the .argosmodel file from DIR to this machine, "
    "then run 'zhbrief model install FILE'."
)
INSTALL_HINT = (
    "Download the official package with 'zhbrief model install zh_en', or install one from a "
    "file with 'zhbrief model install FILE.argosmodel'. " + OFFLINE_HINT
)

T = TypeVar("T")


def _require_pair(info: PackageInfo, where: Path) -> PackageInfo:
    """Return `info` if it translates zh→en, else raise PackageError."""
    if (info.from_code, info.to_code) != (FROM_CODE, TO_CODE):
        raise PackageError(
            f"{where} is a {info.from_code}→{info.to_code} package; zhbrief needs zh→en. "
            + INSTALL_HINT
        )
    return info


def list_packages(root: Path | None = None) -> list[PackageInfo]:
    """Every complete package installed in `root` (default packages_dir()); broken folders skipped."""
    return installed(packages_dir() if root is None else root, read_package)


def installed(root: Path, read: Callable[[Path], T]) -> list[T]:
    """What `read` makes of each folder in `root`, by name; folders it refuses are skipped."""
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue  # our own in-progress install/remove folders are hidden
        try:
            found.append(read(folder))
        except (PackageError, OSError):
            continue
    return found


def find_zh_en(model: Path | None = None, cache_dir: Path | None = None) -> PackageInfo:
    """The zh→en package to use: `model` (folder or .argosmodel file) or the newest installed."""
    if model is None:
        pairs = [p for p in list_packages() if (p.from_code, p.to_code) == (FROM_CODE, TO_CODE)]
        if not pairs:
            raise NoModelError(
                f"No zh→en translation package found in {packages_dir()}. " + INSTALL_HINT
            )
        return max(pairs, key=lambda p: version_key(p.version))
    try:
        if model.is_dir():
            return _require_pair(read_package(model), model)
        if model.is_file():
            return _unpack_cached(model, models_dir(None) if cache_dir is None else cache_dir)
    except PackageError as exc:  # a --model that is no usable package: no model (exit 3)
        raise NoModelError(str(exc)) from None
    if model.exists():  # a device, a pipe or a socket: never read as a package
        raise NoModelError(f"Model {model} is not a file or a folder (a pipe, device or socket).")
    raise NoModelError(f"Model {model} does not exist. " + INSTALL_HINT)


def _unpack_cached(archive: Path, cache_dir: Path) -> PackageInfo:
    """Validate and unpack `archive` once into cache_dir/<hash>/, atomically."""
    target = cache_dir / file_sha256(archive)[:20]
    if not target.is_dir():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".unpack-", dir=cache_dir) as tmp:
            top = _extract_checked(archive, Path(tmp) / "pkg")
            try:
                os.replace(Path(tmp) / "pkg", target)
            except OSError:
                if not target.is_dir():  # not a concurrent unpack of the same file
                    raise
        return _require_pair(read_package(target / top), archive)
    tops = [d for d in target.iterdir() if d.is_dir()]
    return _require_pair(read_package(tops[0]), archive)


def _safe_names(zf: zipfile.ZipFile, archive: Path) -> str:
    """Check every member path; return the single top folder name."""
    tops = set()
    for name in zf.namelist():
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not parts or name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise PackageError(
                f"{archive} contains an unsafe path {name!r}; refusing to install it"
            )
        tops.add(parts[0])
    if len(tops) != 1:
        raise PackageError(
            f"{archive} is not an Argos package: expected one top folder, found {len(tops)}"
        )
    return tops.pop()


def _extract_checked(archive: Path, dest: Path) -> str:
    """Validate `archive` and extract it into the new folder `dest`; return its top folder."""
    if not zipfile.is_zipfile(archive):
        raise PackageError(
            f"{archive} is not an Argos package (not a zip archive). "
            "Download the .argosmodel file again."
        )
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _safe_names(zf, archive)
            check_sizes(zf, archive)
            zf.extractall(dest)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
        raise PackageError(
            f"{archive} is corrupt ({exc}). Download the .argosmodel file again."
        ) from exc
    # one check for archives and folders alike: what was unpacked must be a zh→en package
    _require_pair(read_package(dest / top, shown=archive), archive)
    check_model(dest / top, archive)
    return top


def install_package(path: Path) -> PackageInfo:
    """Validate and install an .argosmodel file into packages_dir(); all or nothing."""
    if not path.is_file():
        raise PackageError(f"{path} does not exist or is not a file. " + INSTALL_HINT)
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    # the temp folder lives inside root so os.replace stays on one file system
    with tempfile.TemporaryDirectory(prefix=".installing-", dir=root) as tmp:
        top = _extract_checked(path, Path(tmp) / "new")
        target = root / top
        if target.exists():
            os.replace(target, Path(tmp) / "old")
        os.replace(Path(tmp) / "new" / top, target)
    return read_package(target)


def remove_package(name: str) -> PackageInfo:
    """Remove an installed package given its folder name or its pair ('zh_en')."""
    installed = list_packages()
    matches = [p for p in installed if p.name == name]
    if not matches:
        matches = [p for p in installed if f"{p.from_code}_{p.to_code}" == name]
    if not matches:
        names = ", ".join(p.name for p in installed) or "none"
        raise PackageError(f"No installed package named {name!r} (installed: {names})")
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise PackageError(f"{name!r} matches several packages ({names}); give a folder name")
    victim = matches[0]
    trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=victim.path.parent))
    os.replace(victim.path, trash / victim.name)  # vanish from listings at once
    shutil.rmtree(trash, ignore_errors=True)
    return victim
