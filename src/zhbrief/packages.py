"""Find, install, list and remove Argos zh→en packages, and download the official one."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from zhbrief.errors import NoModelError, PackageError

FROM_CODE, TO_CODE = "zh", "en"
PAIR = f"{FROM_CODE}_{TO_CODE}"
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
INSTALL_HINT = (
    "Install one offline from a file with 'zhbrief model install PATH.argosmodel', "
    "or download the official package with 'zhbrief model install zh_en'."
)

Opener = Callable[[str, float], IO[bytes]]


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """An Argos package folder and what its metadata says."""

    name: str  # folder name
    version: str
    from_code: str
    to_code: str
    path: Path

    @property
    def label(self) -> str:
        """'name version', as shown to users and used as the engine name."""
        return f"{self.name} {self.version}"


def packages_dir() -> Path:
    """The Argos packages folder, computed from the environment on every call, as Argos does."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def default_cache_dir() -> Path:
    """Where --model .argosmodel files are unpacked: $XDG_CACHE_HOME/zhbrief/models."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "zhbrief" / "models"


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key for versions like '1.9', '1.10', '2.0a'."""
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"[._-]", version))


def _read_metadata(text: bytes | str, where: str) -> dict[str, Any]:
    """Parse metadata.json content; PackageError if it is not a JSON object."""
    try:
        meta = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise PackageError(f"{where}: metadata.json is not valid JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise PackageError(f"{where}: metadata.json is not a JSON object")
    return meta


def read_package(folder: Path) -> PackageInfo:
    """Describe an unpacked package folder; PackageError if it is not a complete package."""
    meta_path = folder / "metadata.json"
    if not meta_path.is_file():
        raise PackageError(f"{folder} is not an Argos package: no metadata.json")
    meta = _read_metadata(meta_path.read_bytes(), str(folder))
    if not (folder / "model" / "model.bin").is_file():
        raise PackageError(f"{folder} is not a complete Argos package: no model/model.bin")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise PackageError(f"{folder} has no tokenizer (sentencepiece.model or bpe.model)")
    return PackageInfo(
        name=folder.name,
        version=str(meta.get("package_version", "")),
        from_code=str(meta.get("from_code", "")),
        to_code=str(meta.get("to_code", "")),
        path=folder,
    )


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
    root = packages_dir() if root is None else root
    if not root.is_dir():
        return []
    found = []
    for folder in sorted(root.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue  # our own in-progress install/remove folders are hidden
        try:
            found.append(read_package(folder))
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
    if model.is_dir():
        return _require_pair(read_package(model), model)
    if model.is_file():
        return _unpack_cached(model, default_cache_dir() if cache_dir is None else cache_dir)
    raise NoModelError(f"Model {model} does not exist. " + INSTALL_HINT)


def _file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unpack_cached(archive: Path, cache_dir: Path) -> PackageInfo:
    """Validate and unpack `archive` once into cache_dir/<hash>/, atomically."""
    target = cache_dir / _file_sha256(archive)[:20]
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
            raise PackageError(f"{archive} contains an unsafe path {name!r}; refusing to install it")
        tops.add(parts[0])
    if len(tops) != 1:
        raise PackageError(
            f"{archive} is not an Argos package: expected one top folder, found {len(tops)}"
        )
    return tops.pop()


def _check_archive(zf: zipfile.ZipFile, archive: Path) -> str:
    """Validate layout and metadata of an open package archive; return its top folder."""
    top = _safe_names(zf, archive)
    names = set(zf.namelist())
    if f"{top}/metadata.json" not in names:
        raise PackageError(f"{archive} is not an Argos package: no {top}/metadata.json")
    meta = _read_metadata(zf.read(f"{top}/metadata.json"), str(archive))
    from_code, to_code = meta.get("from_code"), meta.get("to_code")
    if (from_code, to_code) != (FROM_CODE, TO_CODE):
        raise PackageError(
            f"{archive} is a {from_code}→{to_code} package; zhbrief needs zh→en. " + INSTALL_HINT
        )
    if f"{top}/model/model.bin" not in names:
        raise PackageError(f"{archive} is not a complete Argos package: no {top}/model/model.bin")
    if not any(f"{top}/{t}" in names for t in TOKENIZER_FILES):
        raise PackageError(f"{archive} has no tokenizer (sentencepiece.model or bpe.model)")
    return top


def _extract_checked(archive: Path, dest: Path) -> str:
    """Validate `archive` and extract it into the new folder `dest`; return its top folder."""
    if not zipfile.is_zipfile(archive):
        raise PackageError(
            f"{archive} is not an Argos package (not a zip archive). "
            "Download the .argosmodel file again."
        )
    try:
        with zipfile.ZipFile(archive) as zf:
            top = _check_archive(zf, archive)
            zf.extractall(dest)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError) as exc:
        raise PackageError(
            f"{archive} is corrupt ({exc}). Download the .argosmodel file again."
        ) from exc
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


def urlopen(url: str, timeout: float) -> IO[bytes]:
    """Open a URL with a socket timeout (monkeypatch this in tests)."""
    request = urllib.request.Request(url, headers={"User-Agent": "zhbrief"})
    response: IO[bytes] = urllib.request.urlopen(request, timeout=timeout)
    return response


def _offline_error(url: str, exc: BaseException) -> NoModelError:
    """The error shown when the network is unreachable."""
    return NoModelError(
        f"Cannot download {url} ({exc}). If this machine is offline, copy a zh→en "
        ".argosmodel file here and run 'zhbrief model install PATH.argosmodel'."
    )


def _fetch_index(url: str, timeout: float, opener: Opener) -> list[dict[str, Any]]:
    """Download and parse the argospm package index."""
    try:
        with opener(url, timeout) as response:
            data = response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise _offline_error(url, exc) from exc
    try:
        index = json.loads(data)
    except ValueError as exc:
        raise NoModelError(f"The package index at {url} is not valid JSON ({exc})") from exc
    return [e for e in index if isinstance(e, dict)] if isinstance(index, list) else []


def _pick_zh_en(index: list[dict[str, Any]], url: str) -> str:
    """The download link of the newest zh→en translate package in the index."""
    entries = [
        e
        for e in index
        if e.get("from_code") == FROM_CODE and e.get("to_code") == TO_CODE and e.get("links")
    ]
    if not entries:
        raise NoModelError(f"The package index at {url} lists no zh→en package. " + INSTALL_HINT)
    best = max(entries, key=lambda e: version_key(str(e.get("package_version", ""))))
    return str(best["links"][0])


def _download(link: str, part: Path, timeout: float, progress: bool, opener: Opener) -> None:
    """Stream `link` into `part` with a tqdm bar."""
    from tqdm import tqdm

    try:
        with opener(link, timeout) as response, part.open("wb") as out:
            size = getattr(response, "headers", {}).get("Content-Length")
            total = int(size) if size else None
            with tqdm(total=total, unit="B", unit_scale=True, disable=not progress) as bar:
                for block in iter(lambda: response.read(1 << 16), b""):
                    out.write(block)
                    bar.update(len(block))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        part.unlink(missing_ok=True)
        raise _offline_error(link, exc) from exc


def download_official(
    dest_dir: Path, progress: bool, timeout: float = 15.0, opener: Opener | None = None
) -> Path:
    """Download the official zh→en .argosmodel into dest_dir; fail fast when offline."""
    opener = urlopen if opener is None else opener
    url = os.environ.get("ARGOS_PACKAGE_INDEX") or INDEX_URL
    if url.endswith("/"):  # Argos names the index folder, as in its own settings
        url += "index.json"
    link = _pick_zh_en(_fetch_index(url, timeout, opener), url)
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / (PurePosixPath(link).name or "translate-zh_en.argosmodel")
    part = final.with_name(final.name + ".part")
    _download(link, part, timeout, progress, opener)
    if not zipfile.is_zipfile(part):
        part.unlink(missing_ok=True)
        raise PackageError(f"The download from {link} is not a zip archive; try again later.")
    os.replace(part, final)
    return final
