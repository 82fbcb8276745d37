"""Settings: defaults, then zhbrief.toml, then ZHBRIEF_* environment variables, then flags."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhbrief.config_fetch import FetchSettings, parse_fetch_table
from zhbrief.config_files import (
    CONFIG_NAME,
    MAX_CONFIG_BYTES,
    USER_CONFIG_NAME,
    config_path,
    read_setting_text,
)
from zhbrief.config_rules import (
    COMPUTE_TYPES,
    FORMATS,
    RANGES,
    coerce,
    format_set,
    kind_of,
    scheduler_problem,
    source_date,
)
from zhbrief.config_translation import (
    ENGINE_FLAGS,
    TranslationSettings,
    parse_translation_table,
    with_flags,
)
from zhbrief.errors import UsageError
from zhbrief.places import config_home
from zhbrief.summarizers import NAMES as SUMMARIZERS
from zhbrief.translation.device import DEVICES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ENV_PREFIX = "ZHBRIEF_"
EPOCH = "SOURCE_DATE_EPOCH"  # reproducible output: the clock of every run (run/report.py)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything one run needs; built once by the CLI."""

    input: Path = Path("input")
    output: Path = Path("output")
    model: Path | None = None
    summarizer: str = "news"
    sentences: int | None = None
    ratio: float | None = None
    key_terms: int = 8
    beam_size: int = 4
    threads: int = 0
    compute_type: str = "auto"
    max_bytes: int = 5_000_000
    download: bool = True
    log_file: Path | None = None
    force: bool = False
    retry_failed: bool = False
    prune: bool = False
    formats: str = "md,html"  # comma list; md is the record and always written, html the site
    base_url: str = ""  # where the output folder is served; empty: relative links
    fetch: FetchSettings = field(default_factory=FetchSettings)  # the [fetch] table
    translation: TranslationSettings = field(default_factory=TranslationSettings)  # [translation]
    follow_symlinks: bool = False
    rebuild_state: bool = False
    device: str = "auto"
    inter_threads: int = 0
    workers: int = 0
    scheduler: str | None = None
    story_days: int = 7  # a new brief is compared, for its story, with briefs made this near


FIELDS = {f.name: f for f in dataclasses.fields(Settings)}
# Per-run switches, not something a config file or environment should pin.
FLAG_ONLY = {"force", "retry_failed", "prune", "rebuild_state", "workers"}
ARGOS_DEVICE = "ARGOS_DEVICE_TYPE"  # Argos Translate's own variable, read when we are silent
TABLES = {
    "fetch",
    "translation",
}  # read from their own TOML table, never from a flat key or the environment
# Two ways to say one thing (summary length): one layer may set only one; a later layer's wins.
EXCLUSIVE = ("sentences", "ratio")


def load_settings(
    flags: Mapping[str, Any],
    config: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Merge defaults, the config file, ZHBRIEF_* variables and flags (None means unset)."""
    env = os.environ if env is None else env
    engine_flags = {k: v for k, v in flags.items() if k in ENGINE_FLAGS}
    flags = {k: v for k, v in flags.items() if k not in ENGINE_FLAGS}
    values: dict[str, Any] = {}
    path = config_path(config, env, cwd)
    if path is not None:
        _merge(values, _read_config(path), str(path))
    _merge(values, _read_env(env), "the ZHBRIEF_* environment")
    _merge(values, {k: v for k, v in flags.items() if v is not None}, "the command line")
    if "device" not in values and env.get(ARGOS_DEVICE):
        values["device"] = env[ARGOS_DEVICE].strip().lower()
    translation = values.get("translation", TranslationSettings())
    values["translation"] = with_flags(translation, engine_flags, "the command line")
    _check_epoch(env)
    settings = Settings(**values)
    validate(settings)
    return settings


def config_note(config: Path | None = None) -> str:
    """One line for -v: which config file a run reads, or where it looked."""
    path = config_path(config)
    if path is not None:
        return f"Settings read from {path}"
    user = config_home() / USER_CONFIG_NAME
    return f"No config file: looked for ./{CONFIG_NAME} and {user}"


def _merge(values: dict[str, Any], layer: dict[str, Any], where: str) -> None:
    """Lay `layer` over `values`; within one layer the exclusive settings conflict."""
    given = [name for name in EXCLUSIVE if name in layer]
    if len(given) > 1:
        raise UsageError(
            f"{where}: --sentences (-n) and --ratio both set the summary length; give only one."
        )
    if given:
        for name in EXCLUSIVE:
            values.pop(name, None)
    values.update(layer)


def _read_config(path: Path) -> dict[str, Any]:
    fix = "fix the path, or name another file with --config or ZHBRIEF_CONFIG"
    text = read_setting_text(path, "Config file", fix, MAX_CONFIG_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc}); fix or remove the file.") from None
    fetch_table = data.pop("fetch", None)
    translation_table = data.pop("translation", None)
    data = data.get("zhbrief", data)
    fetch_table = data.pop("fetch", fetch_table)
    translation_table = data.pop("translation", translation_table)
    values: dict[str, Any] = {}
    if translation_table is not None:
        values["translation"] = parse_translation_table(translation_table, str(path), path.parent)
    if fetch_table is not None:
        fetch = parse_fetch_table(fetch_table, str(path))
        # relative to the config file, as every path in it
        files = {k: path.parent / v for k in ("urls_file", "opml") if (v := getattr(fetch, k))}
        values["fetch"] = dataclasses.replace(fetch, **files)
    for key, raw in data.items():
        name = key.replace("-", "_")
        if name not in FIELDS or name in FLAG_ONLY:
            known = ", ".join(sorted(set(FIELDS) - FLAG_ONLY - TABLES))
            raise UsageError(f"{path}: unknown setting {key!r}; known settings: {known}.")
        value = _coerce(name, raw, f"{path}: {key}", text=False)
        # a path in a config file means the same wherever zhbrief is started from
        values[name] = path.parent / value if isinstance(value, Path) else value
    return values


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for name in FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "" and name not in FLAG_ONLY | TABLES:
            values[name] = _coerce(name, raw, ENV_PREFIX + name.upper(), text=True)
    return values


def _coerce(name: str, raw: Any, where: str, text: bool) -> Any:
    """`raw` as the type of setting `name` (from text: parsed), or a UsageError naming `where`."""
    kind = str(FIELDS[name].type)
    try:
        return coerce(kind, raw, text)
    except ValueError:
        raise UsageError(
            f"{where}: {raw!r} is not a valid value for {name} ({kind_of(kind)})."
        ) from None


def _check_epoch(env: Mapping[str, str]) -> None:
    """SOURCE_DATE_EPOCH, when set, is a time the clock can be."""
    raw = env.get(EPOCH)
    if raw:
        try:
            source_date(raw)
        except ValueError as exc:
            raise UsageError(f"{EPOCH}={raw[:40]!r}: {exc}; unset it or fix it.") from None


def validate(s: Settings) -> None:
    """Every setting in its allowed range or set; UsageError naming the bound otherwise."""
    if s.summarizer not in SUMMARIZERS:
        raise UsageError(
            f"Unknown summarizer {s.summarizer!r}; choose one of {', '.join(SUMMARIZERS)}."
        )
    for name, (low, high) in RANGES.items():
        value = getattr(s, name)
        if value is not None and not low <= value <= high:
            flag = "" if name in ("key_terms", "story_days") else f" (--{name.replace('_', '-')})"
            raise UsageError(f"{name}{flag} must be from {low:,} to {high:,}; got {value:,}.")
    if s.ratio is not None and not 0 < s.ratio <= 1:
        raise UsageError(f"ratio (--ratio) must be above 0 and at most 1; got {s.ratio}.")
    if s.compute_type not in COMPUTE_TYPES:
        raise UsageError(
            f"compute_type {s.compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}."
        )
    _validate_output(s)
    _validate_scale(s)


def _validate_output(s: Settings) -> None:
    chosen = format_set(s.formats)
    if not chosen <= FORMATS or "md" not in chosen:
        raise UsageError(
            f"Unknown formats {s.formats!r}: give md or md,html (Markdown is the record, always on)."
        )
    if s.base_url and not s.base_url.startswith(("http://", "https://")):
        raise UsageError(f"base_url {s.base_url!r} must start with http:// or https://.")


def _validate_scale(s: Settings) -> None:
    """Device and distribution settings."""
    if s.device not in DEVICES:
        raise UsageError(f"Unknown device {s.device!r}; choose one of {', '.join(DEVICES)}.")
    if s.workers and s.scheduler:
        raise UsageError("Give --workers (a cluster on this machine) or --scheduler, not both.")
    problem = None if s.scheduler is None else scheduler_problem(s.scheduler)
    if problem is not None:
        raise UsageError(
            f"scheduler (--scheduler) {s.scheduler!r} is not a Dask scheduler address like "
            f"tcp://HOST:8786: {problem}."
        )


__all__ = [
    "CONFIG_NAME",
    "FORMATS",
    "USER_CONFIG_NAME",
    "Settings",
    "config_note",
    "config_path",
    "format_set",
    "load_settings",
]
