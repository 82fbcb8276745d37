"""The `[translation]` table of zhbrief.toml and the --engine options: which engine translates.

An API key is never written in a file: `api_key_env` names the environment variable that holds
it, read when the run starts.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from zhbrief.errors import UsageError
from zhbrief.translation.engine import ENGINES, LOCAL_ENGINES

ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
CONCURRENCY = (1, 64)
TIMEOUT = (1.0, 3600.0)


@dataclass(frozen=True, slots=True)
class TranslationSettings:
    """Which engine translates, with which model, where, and how many requests at once."""

    engine: str = "argos"  # argos | ctranslate2 | libretranslate | openai
    model: str = ""  # a server's model name; for argos and ctranslate2 a path (or --model)
    url: str = ""  # a server engine's address
    api_key_env: str = ""  # the NAME of the environment variable holding the API key
    concurrency: int = 4  # requests in flight to a server
    timeout: float = 120.0  # seconds to connect to a server, and to wait for its answer


KNOWN = tuple(f.name for f in dataclasses.fields(TranslationSettings))
# the --engine options of `zhbrief run`, as load_settings receives them, and the key each sets
ENGINE_FLAGS = {"engine": "engine", "engine_url": "url", "engine_model": "model"}


def parse_translation_table(table: object, where: str, folder: Path) -> TranslationSettings:
    """TranslationSettings from a TOML `[translation]` table (a local model path relative to
    `folder`, the config file's), refusing unknown keys, keys and bad values."""
    if not isinstance(table, Mapping):
        raise UsageError(
            f"{where}: translation must be a table ([translation]) with {', '.join(KNOWN)}."
        )
    values = {str(k).replace("-", "_"): v for k, v in table.items()}
    if "api_key" in values:
        raise UsageError(
            f"{where}: never write an API key in a file; put it in an environment variable and "
            'name that variable with api_key_env (e.g. api_key_env = "LIBRETRANSLATE_KEY").'
        )
    unknown = sorted(k for k in values if k not in KNOWN)
    if unknown:
        raise UsageError(
            f"{where}: unknown translation setting {unknown[0]!r}; known: {', '.join(KNOWN)}."
        )
    texts = {
        k: _text(values[k], k, where)
        for k in ("engine", "model", "url", "api_key_env")
        if k in values
    }
    settings = TranslationSettings(
        **texts,
        concurrency=int(_number(values.get("concurrency", 4), "concurrency", where, int)),
        timeout=float(_number(values.get("timeout", 120.0), "timeout", where, float)),
    )
    local = folder / Path(settings.model).expanduser()
    if settings.model and settings.engine in LOCAL_ENGINES and local.exists():
        # a path, relative to the file as every path in it; else the name of an installed folder
        settings = dataclasses.replace(settings, model=str(local))
    return checked(settings, where)


def with_flags(
    settings: TranslationSettings, flags: Mapping[str, object], where: str
) -> TranslationSettings:
    """The settings with the --engine, --engine-url and --engine-model given, checked."""
    given = {
        ENGINE_FLAGS[k]: str(v) for k, v in flags.items() if k in ENGINE_FLAGS and v is not None
    }
    return checked(
        dataclasses.replace(
            settings,
            engine=given.get("engine", settings.engine),
            url=given.get("url", settings.url),
            model=given.get("model", settings.model),
        ),
        where,
    )


def checked(s: TranslationSettings, where: str) -> TranslationSettings:
    """`s` if it is usable, else a UsageError naming `where` and what to give."""
    if s.engine not in ENGINES:
        raise UsageError(
            f"{where}: unknown engine {s.engine!r}; choose one of {', '.join(ENGINES)}."
        )
    if s.engine not in LOCAL_ENGINES and not s.url:
        raise UsageError(
            f"{where}: --engine {s.engine} needs the server's address: --engine-url URL "
            "(or url under [translation])."
        )
    if s.url and not s.url.lower().startswith(("http://", "https://")):
        raise UsageError(f"{where}: engine URL {s.url!r} must start with http:// or https://.")
    if s.engine == "openai" and not s.model:
        raise UsageError(
            f"{where}: --engine openai needs the server's model name: --engine-model NAME "
            "(or model under [translation])."
        )
    if s.api_key_env and not ENV_NAME.fullmatch(s.api_key_env):
        raise UsageError(
            f"{where}: api_key_env must be the NAME of an environment variable (letters, "
            "digits, _) that holds the key: never write the key itself in a file."
        )
    if (
        not CONCURRENCY[0] <= s.concurrency <= CONCURRENCY[1]
        or not TIMEOUT[0] <= s.timeout <= TIMEOUT[1]
    ):
        raise UsageError(
            f"{where}: translation concurrency must be from {CONCURRENCY[0]} to {CONCURRENCY[1]}, "
            f"timeout from {TIMEOUT[0]:g} to {TIMEOUT[1]:g} seconds."
        )
    return s


def _text(value: object, key: str, where: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"{where}: translation.{key} must be text, not {value!r}.")
    return value.strip()


def _number(raw: object, key: str, where: str, kind: type[int] | type[float]) -> int | float:
    if (
        isinstance(raw, bool)
        or not isinstance(raw, int | float)
        or (kind is int and not isinstance(raw, int))
    ):
        what = "a whole number" if kind is int else "a number"
        raise UsageError(f"{where}: translation.{key} must be {what}, not {raw!r}.")
    return kind(raw)
