"""The [translation] table and the --engine options: values, precedence, and every mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.config import load_settings
from zhbrief.config_translation import TranslationSettings, parse_translation_table
from zhbrief.errors import UsageError

HERE = Path("/etc/zhbrief")


def test_defaults_and_values() -> None:
    assert parse_translation_table({}, "f", HERE) == TranslationSettings()
    table = {
        "engine": "openai",
        "url": "http://gpu:8080",
        "model": "qwen2.5-7b",
        "api-key-env": "LLM_KEY",
        "concurrency": 8,
        "timeout": 300,
    }
    assert parse_translation_table(table, "f", HERE) == TranslationSettings(
        "openai", "qwen2.5-7b", "http://gpu:8080", "LLM_KEY", 8, 300.0
    )


def test_a_local_model_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "models" / "opus").mkdir(parents=True)
    table = {"engine": "ctranslate2", "model": "models/opus"}
    assert parse_translation_table(table, "f", tmp_path).model == str(tmp_path / "models/opus")
    named = {"engine": "ctranslate2", "model": "opus-mt-zh-en"}  # no such path: an installed name
    assert parse_translation_table(named, "f", tmp_path).model == "opus-mt-zh-en"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([], "f: translation must be a table ([translation]) with engine, model, url"),
        ({"server": "x"}, "f: unknown translation setting 'server'; known: engine, model"),
        ({"api_key": "sk-1"}, "never write an API key in a file"),
        ({"engine": "deepl"}, "f: unknown engine 'deepl'; choose one of argos, ctranslate2"),
        ({"engine": "libretranslate"}, "needs the server's address: --engine-url URL"),
        ({"engine": "openai", "url": "http://x"}, "needs the server's model name"),
        ({"url": "gpu:8080"}, "engine URL 'gpu:8080' must start with http:// or https://"),
        ({"api_key_env": "sk-abc-123"}, "api_key_env must be the NAME of an environment variable"),
        ({"concurrency": 0}, "concurrency must be from 1 to 64, timeout from 1 to 3600 seconds"),
        ({"concurrency": 2.5}, "f: translation.concurrency must be a whole number, not 2.5."),
        ({"timeout": "60"}, "f: translation.timeout must be a number, not '60'."),
        ({"engine": 3}, "f: translation.engine must be text, not 3."),
    ],
)
def test_mistakes_are_named(table: object, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_translation_table(table, "f", HERE)
    assert message in str(caught.value)
    assert "sk-abc" not in str(caught.value)  # a key put where a name belongs is never echoed


def test_the_options_override_the_table(tmp_path: Path) -> None:
    config = tmp_path / "zhbrief.toml"
    config.write_text(
        '[translation]\nengine = "libretranslate"\nurl = "http://a:5000"\nconcurrency = 2\n',
        "utf-8",
    )
    from_file = load_settings({}, config=config, env={}).translation
    assert (from_file.engine, from_file.url, from_file.concurrency) == (
        "libretranslate",
        "http://a:5000",
        2,
    )
    flags = {"engine": "openai", "engine_url": "http://b:8080", "engine_model": "m"}
    chosen = load_settings(flags, config=config, env={}).translation
    assert (chosen.engine, chosen.url, chosen.model, chosen.concurrency) == (
        "openai",
        "http://b:8080",
        "m",
        2,
    )
    nested = tmp_path / "nested.toml"
    nested.write_text('[zhbrief.translation]\nengine = "ctranslate2"\n', "utf-8")
    assert load_settings({}, config=nested, env={}).translation.engine == "ctranslate2"


def test_the_table_is_never_read_from_the_environment(tmp_path: Path) -> None:
    env = {"ZHBRIEF_TRANSLATION": "openai", "ZHBRIEF_ENGINE": "openai"}
    assert load_settings({}, env=env, cwd=tmp_path).translation == TranslationSettings()
