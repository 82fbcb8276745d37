"""Files the settings name (the config file, a URL list, an OPML export), read the way articles
are: regular files only, size-capped, never blocking on a pipe or a device; one clear line when
one cannot be used, never silence.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from zhbrief.errors import UsageError
from zhbrief.places import config_home, read_regular

CONFIG_NAME = "zhbrief.toml"
USER_CONFIG_NAME = "config.toml"  # in $XDG_CONFIG_HOME/zhbrief/
MAX_CONFIG_BYTES = 1_000_000  # a config file is a few hundred bytes
MAX_LIST_BYTES = 10_000_000  # a URL list or an OPML export of thousands of feeds


def read_setting_bytes(path: Path, what: str, fix: str, limit: int) -> bytes:
    """The bytes of a file a setting names; UsageError saying what is wrong and `fix`."""
    try:
        raw = read_regular(path, limit + 1)
    except FileNotFoundError:
        raise UsageError(f"{what} {path}: not found; {fix}.") from None
    except IsADirectoryError:
        raise UsageError(f"{what} {path}: a folder, not a file; {fix}.") from None
    except PermissionError:
        raise UsageError(f"{what} {path}: cannot be read (permission denied); {fix}.") from None
    except OSError as exc:
        raise UsageError(f"{what} {path}: cannot be read ({exc.strerror or exc}); {fix}.") from None
    if raw is None:
        raise UsageError(f"{what} {path}: not a regular file (a pipe, device or socket); {fix}.")
    if len(raw) > limit:
        raise UsageError(f"{what} {path}: larger than {limit:,} bytes; {fix}.")
    return raw


def read_setting_text(path: Path, what: str, fix: str, limit: int) -> str:
    """The UTF-8 text (a BOM allowed) of a file a setting names; UsageError if it is not."""
    raw = read_setting_bytes(path, what, fix, limit)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{what} {path}: not UTF-8 text; save it as UTF-8.") from None


def config_path(
    config: Path | None = None, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Path | None:
    """The config file a run reads: --config, $ZHBRIEF_CONFIG, ./zhbrief.toml, the user's one."""
    env = os.environ if env is None else env
    if config is not None:
        return config
    named = env.get("ZHBRIEF_CONFIG")
    if named:
        return Path(named)
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if _present(local):
        return local
    user = config_home(env) / USER_CONFIG_NAME
    return user if _present(user) else None


def _present(path: Path) -> bool:
    """Whether something stands at `path` (reading it then says if it is usable)."""
    try:
        os.lstat(path)  # a dangling link is there too: reading it says so
    except FileNotFoundError:
        return False
    except OSError as exc:  # not os.path.exists: it calls a folder it may not search "empty"
        raise UsageError(
            f"Cannot look for {path}: {exc.strerror or exc} in {path.parent}; make the folder "
            "readable, or name a config file with --config or ZHBRIEF_CONFIG."
        ) from None
    return True
