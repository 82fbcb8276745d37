"""Download the official zh→en package from the Argos index, and install it: the one place."""

from __future__ import annotations

import json
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import IO, Any

from zhbrief import __version__
from zhbrief.errors import NoModelError, PackageError
from zhbrief.translation.packages import (
    FROM_CODE,
    INSTALL_HINT,
    OFFLINE_HINT,
    TO_CODE,
    PackageInfo,
    install_package,
    version_key,
)

INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
Opener = Callable[[str, float], IO[bytes]]


def urlopen(url: str, timeout: float) -> IO[bytes]:
    """Open a URL with a socket timeout (monkeypatch this in tests)."""
    request = urllib.request.Request(url, headers={"User-Agent": f"zhbrief/{__version__}"})
    response: IO[bytes] = urllib.request.urlopen(request, timeout=timeout)
    return response


def _offline_error(url: str, exc: BaseException) -> NoModelError:
    """The error shown when the network is unreachable."""
    return NoModelError(f"Cannot download {url} ({exc}). " + OFFLINE_HINT)


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


def download_and_install(progress: bool) -> PackageInfo:
    """Download the official zh→en package into a temp folder and install it."""
    with tempfile.TemporaryDirectory(prefix="zhbrief-download-") as tmp:
        return install_package(download_official(Path(tmp), progress=progress))
