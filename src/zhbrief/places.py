"""The folders zhbrief uses outside a project (computed from the environment on every call),
and the one safe way to read a file a user names."""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path


def cache_dir(fallback_to_temp: bool = False) -> Path:
    """zhbrief's cache folder, $XDG_CACHE_HOME/zhbrief; optionally created, else the temp folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "zhbrief"
    if fallback_to_temp:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path(tempfile.gettempdir())  # a cache is an optimisation
    return folder


def packages_dir() -> Path:
    """The Argos packages folder, the same place Argos Translate itself uses."""
    explicit = os.environ.get("ARGOS_PACKAGES_DIR")
    if explicit:
        return Path(explicit)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "argos-translate" / "packages"


def folders_dir() -> Path:
    """Where `zhbrief model install DIR` keeps CTranslate2 model folders: $XDG_DATA_HOME/zhbrief/models."""
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "zhbrief" / "models"


def config_home(env: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME/zhbrief, where a user-wide config.toml lives (from `env`, default os's)."""
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "zhbrief"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_regular(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file; None for anything else, never blocking on it.

    Raises OSError as opening or reading does (IsADirectoryError for a folder).
    """
    # O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            return None  # a pipe, a device (/dev/urandom never ends), a socket
        chunks, left = [], limit
        while left > 0:  # bounded whatever stat said: the file may grow while read
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
