"""What a setting may be: types read from TOML or the environment, ranges, allowed names.

Plain data and conversions; config.py checks a whole `Settings` against them.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FORMATS = frozenset({"md", "html"})
KINDS = {"Path": "a path", "bool": "true or false", "float": "a number", "int": "a whole number"}
# Dask's address schemes (distributed.comm); inproc:// lives in one process only, not here
SCHEDULER_SCHEMES = ("tcp", "tls", "ws", "wss")
LAST_EPOCH = 253_402_300_799  # 9999-12-31T23:59:59Z: the last second a date can name


def coerce(kind: str, raw: Any, text: bool = True) -> Any:
    """`raw` as the annotated type `kind`; ValueError if not. Environment text (`text`) is
    parsed; a TOML value must already have the type (`beam_size = "4"` is refused)."""
    if not text and not _typed(kind, raw):
        raise ValueError(raw)
    if "Path" in kind:
        return Path(_text(raw)).expanduser()
    if "bool" in kind:
        return _to_bool(raw)
    if "float" in kind:
        return _to_float(raw)
    if "int" in kind:
        return _to_int(raw)
    return _text(raw)


def kind_of(kind: str) -> str:
    """What a setting of annotated type `kind` is, in words: "a whole number"."""
    return next((words for name, words in KINDS.items() if name in kind), "text")


def _typed(kind: str, raw: Any) -> bool:
    """Whether a TOML value has the setting's type (an int is a number too)."""
    if "bool" in kind:
        return isinstance(raw, bool)
    if isinstance(raw, bool):
        return False
    if "float" in kind:
        return isinstance(raw, int | float)
    if "int" in kind:
        return isinstance(raw, int)
    return isinstance(raw, str)


def _text(raw: Any) -> str:
    """A string as it is: a list or table (`output = ["a"]`) is no path or name."""
    if isinstance(raw, (str, Path)):
        return str(raw)
    raise ValueError(raw)


def _to_int(raw: Any) -> int:
    """A whole number: never a bool, and 3.7 or 1e99 is refused rather than cut."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lstrip("+-").isdigit():
        return int(raw)
    raise ValueError(raw)


def _to_float(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise ValueError(raw)
    value = float(raw)
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(raw)


# The allowed range of each number: one table, so every message names the same bounds.
RANGES: dict[str, tuple[float, float]] = {
    "sentences": (1, 100),
    "key_terms": (0, 50),
    "beam_size": (1, 16),  # memory grows with the beam: 100000 exhausted the machine
    "threads": (0, 64),  # 0: all cores; huge counts crash CTranslate2
    "inter_threads": (0, 64),  # 0: from the core count
    "workers": (0, 1024),  # 0: no Dask
    "max_bytes": (1, 100_000_000),
    "story_days": (0, 3650),  # 0: the same day only
}
COMPUTE_TYPES = (
    "auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
    "int16", "float16", "bfloat16", "float32",
)  # fmt: skip


def format_set(formats: str) -> frozenset[str]:
    """The output formats named in a comma list such as "md,html"."""
    return frozenset(f.strip().lower() for f in formats.split(",") if f.strip())


def scheduler_problem(address: str) -> str | None:
    """What is wrong with a Dask scheduler address (tcp://HOST:PORT), or None."""
    try:
        parts = urlsplit(address.strip())
        port = parts.port
    except ValueError:
        return "its port is not a number from 1 to 65535"
    if parts.scheme.lower() not in SCHEDULER_SCHEMES:
        return f"it must start with {', '.join(s + '://' for s in SCHEDULER_SCHEMES)}"
    if not parts.hostname or parts.path.strip("/") or parts.query:
        return "give a host and a port, nothing after them"
    if not port:
        return "its port is missing (1 to 65535; dask scheduler listens on 8786)"
    return None


def source_date(raw: str) -> datetime:
    """The moment SOURCE_DATE_EPOCH names (seconds since 1970, UTC); ValueError if none."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()):
        raise ValueError("not a whole number of seconds since 1970-01-01")
    if len(text) > 12 or int(text) > LAST_EPOCH:
        raise ValueError(f"after the year 9999 (at most {LAST_EPOCH})")
    return datetime.fromtimestamp(int(text), timezone.utc)
