"""What a setting may be: types read from TOML or the environment, ranges, allowed names.

Plain data and conversions; config.py checks a whole `Settings` against them.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

FORMATS = frozenset({"md", "html"})


def coerce(kind: str, raw: Any) -> Any:
    """`raw` (TOML value or environment text) as the annotated type `kind`; ValueError if not."""
    if "Path" in kind:
        return Path(_text(raw)).expanduser()
    if "bool" in kind:
        return _to_bool(raw)
    if "float" in kind:
        return _to_float(raw)
    if "int" in kind:
        return _to_int(raw)
    return _text(raw)


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
