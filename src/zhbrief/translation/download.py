"""Download the official zh→en package from the Argos index, and install it: the one place.

The network is the one HTTP client's (`zhbrief.web.client`): its user agent and timeouts, a size
cap, and the archive streamed into a file.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from zhbrief.errors import FetchError, NoModelError, PackageError
from zhbrief.translation.metadata import FROM_CODE, TO_CODE, PackageInfo, version_key
from zhbrief.translation.packages import INSTALL_HINT, OFFLINE_HINT, install_package
from zhbrief.translation.verify import MAX_UNPACKED
from zhbrief.web.client import Client, Polite

INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_BYTES = 10_000_000  # the index lists every package in a few hundred kB
MAX_ARCHIVE = MAX_UNPACKED  # an archive bigger than it may unpack would be refused anyway


def model_client(max_bytes: int, timeout: float) -> Client:
    """The client for the index and the package: no retry, no whole-body deadline, mirrors allowed."""
    polite = Polite(
        delay=0.0,
        timeout=timeout,
        max_bytes=max_bytes,
        retries=0,  # offline fails fast: one attempt, one line
        slow_factor=None,  # 74 MB on a slow line may take minutes; each read still times out
        other_hosts=True,  # an index link may redirect to its mirror
        oversize="that is not the official package; try again later",
    )
    return Client(polite)


def _offline_error(url: str, exc: BaseException) -> NoModelError:
    """The error shown when the network is unreachable."""
    return NoModelError(f"Cannot download {url} ({exc}). " + OFFLINE_HINT)


def _fetch_index(url: str, timeout: float) -> list[dict[str, Any]]:
    """Download and parse the argospm package index."""
    try:
        data = model_client(INDEX_BYTES, timeout).get(url).body
    except FetchError as exc:
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


def _download(link: str, part: Path, timeout: float, progress: bool) -> None:
    """Stream `link` into `part`, capped at MAX_ARCHIVE bytes, with a download bar."""
    try:
        with part.open("wb") as out:
            model_client(MAX_ARCHIVE, timeout).download(link, out, progress)
    except FetchError as exc:
        part.unlink(missing_ok=True)
        raise _offline_error(link, exc) from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def download_official(dest_dir: Path, progress: bool, timeout: float = 15.0) -> Path:
    """Download the official zh→en .argosmodel into dest_dir; fail fast when offline."""
    url = os.environ.get("ARGOS_PACKAGE_INDEX") or INDEX_URL
    if url.endswith("/"):  # Argos names the index folder, as in its own settings
        url += "index.json"
    link = _pick_zh_en(_fetch_index(url, timeout), url)
    dest_dir.mkdir(parents=True, exist_ok=True)
    final = dest_dir / (PurePosixPath(link).name or "translate-zh_en.argosmodel")
    part = final.with_name(final.name + ".part")
    _download(link, part, timeout, progress)
    if not zipfile.is_zipfile(part):
        part.unlink(missing_ok=True)
        raise PackageError(f"The download from {link} is not a zip archive; try again later.")
    os.replace(part, final)
    return final


def download_and_install(progress: bool) -> PackageInfo:
    """Download the official zh→en package into a temp folder and install it."""
    with tempfile.TemporaryDirectory(prefix="zhbrief-download-") as tmp:
        return install_package(download_official(Path(tmp), progress=progress))
