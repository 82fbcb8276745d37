"""The `[fetch]` table of zhbrief.toml: what to fetch and how politely."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from zhbrief.errors import UsageError
from zhbrief.web.urls import to_uri

N = TypeVar("N", int, float)

MAX_DELAY = 60.0  # seconds between two requests to one host, at most (robots.txt Crawl-delay too)
# The allowed range of each number of the table: one place, so every message names the same.
FETCH_RANGES: dict[str, tuple[float, float]] = {
    "max_per_source": (1, 10_000),
    "delay": (0.0, MAX_DELAY),
    "timeout": (0.1, 600.0),  # seconds: a tenth of a second is a test's, ten minutes a long wait
}


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Where new articles come from and how fast they may be fetched."""

    sources: tuple[str, ...] = ()  # feed, site or sitemap URLs
    urls_file: Path | None = None  # one article URL a line
    opml: Path | None = None  # a feed reader's subscriptions (OPML export): more sources
    max_per_source: int = 50  # new pages per source and fetch
    delay: float = 2.0  # seconds between two requests to one host
    timeout: float = 30.0  # seconds to connect, and between two reads


KNOWN = ("sources", "urls_file", "opml", "max_per_source", "delay", "timeout")


def parse_fetch_table(table: object, where: str) -> FetchSettings:
    """FetchSettings from a TOML `[fetch]` table, refusing unknown keys and bad values."""
    if not isinstance(table, Mapping):
        raise UsageError(f"{where}: fetch must be a table ([fetch]) with {', '.join(KNOWN)}.")
    unknown = sorted(k for k in table if k.replace("-", "_") not in KNOWN)
    if unknown:
        raise UsageError(
            f"{where}: unknown fetch setting {unknown[0]!r}; known: {', '.join(KNOWN)}."
        )
    values = {k.replace("-", "_"): v for k, v in table.items()}
    sources = values.get("sources", [])
    if isinstance(sources, str) or not isinstance(sources, list):
        raise UsageError(
            f'{where}: fetch.sources must be a list of URLs, e.g. ["https://…/rss.xml"].'
        )
    return FetchSettings(
        sources=tuple(_url(s, f"{where}: fetch.sources") for s in sources),
        urls_file=_path(values, "urls_file", where),
        opml=_path(values, "opml", where),
        max_per_source=_number(values, "max_per_source", 50, where, int),
        delay=_number(values, "delay", 2.0, where, float),
        timeout=_number(values, "timeout", 30.0, where, float),
    )


def _url(value: object, where: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text.lower().startswith(("http://", "https://")) or to_uri(text) is None:
        raise UsageError(f"{where}: {value!r} is not an http(s) URL.")
    return text


def _path(values: Mapping[str, object], key: str, where: str) -> Path | None:
    raw = values.get(key)
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        example = "subscriptions.opml" if key == "opml" else "urls.txt"
        raise UsageError(f'{where}: fetch.{key} must be a file name in quotes, e.g. "{example}".')
    return Path(raw).expanduser()


def _number(values: Mapping[str, object], key: str, default: N, where: str, kind: type[N]) -> N:
    """A number of the table, of its kind and within FETCH_RANGES (nan and inf never are)."""
    raw = values.get(key, default)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise UsageError(f"{where}: fetch.{key} must be a number, not {raw!r}.")
    if kind is int and not isinstance(raw, int):
        raise UsageError(f"{where}: fetch.{key} must be a whole number, not {raw!r}.")
    low, high = FETCH_RANGES[key]
    if not (math.isfinite(raw) and low <= raw <= high):
        unit = "" if kind is int else " (seconds)"
        raise UsageError(f"{where}: fetch.{key} must be from {low:g} to {high:g}{unit}; got {raw}.")
    return kind(raw)
