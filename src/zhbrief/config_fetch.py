"""The `[fetch]` table of zhbrief.toml: what to fetch and how politely."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from zhbrief.errors import UsageError

N = TypeVar("N", int, float)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Where new articles come from and how fast they may be fetched."""

    sources: tuple[str, ...] = ()  # feed, site or sitemap URLs
    urls_file: Path | None = None  # one article URL a line
    max_per_source: int = 50  # new pages per source and fetch
    delay: float = 2.0  # seconds between two requests to one host
    timeout: float = 30.0  # seconds to connect, and between two reads


KNOWN = ("sources", "urls_file", "max_per_source", "delay", "timeout")


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
    settings = FetchSettings(
        sources=tuple(_url(s, f"{where}: fetch.sources") for s in sources),
        urls_file=Path(str(values["urls_file"])).expanduser() if "urls_file" in values else None,
        max_per_source=_number(values, "max_per_source", 50, where, int),
        delay=_number(values, "delay", 2.0, where, float),
        timeout=_number(values, "timeout", 30.0, where, float),
    )
    if settings.max_per_source < 1 or settings.delay < 0 or settings.timeout <= 0:
        raise UsageError(
            f"{where}: fetch.max_per_source must be at least 1, delay zero or more, timeout positive."
        )
    return settings


def _url(value: object, where: str) -> str:
    text = str(value).strip()
    if not text.lower().startswith(("http://", "https://")):
        raise UsageError(f"{where}: {value!r} is not an http(s) URL.")
    return text


def _number(values: Mapping[str, object], key: str, default: N, where: str, kind: type[N]) -> N:
    raw = values.get(key, default)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise UsageError(f"{where}: fetch.{key} must be a number, not {raw!r}.")
    if kind is int and not isinstance(raw, int):
        raise UsageError(f"{where}: fetch.{key} must be a whole number, not {raw!r}.")
    return kind(raw)
