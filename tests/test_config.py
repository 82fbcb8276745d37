"""Settings precedence: defaults → zhbrief.toml → ZHBRIEF_* → flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.config import Settings, load_settings
from zhbrief.errors import UsageError


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "zhbrief.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_file_env_or_flags(tmp_path: Path) -> None:
    assert load_settings({}, env={}, cwd=tmp_path) == Settings()


def test_precedence_file_then_env_then_flags(tmp_path: Path) -> None:
    write_config(tmp_path, 'summarizer = "lsa"\nsentences = 2\nbeam_size = 2\noutput = "briefs"\n')
    env = {"ZHBRIEF_SENTENCES": "3", "ZHBRIEF_BEAM_SIZE": "5"}
    s = load_settings({"beam_size": 6, "summarizer": None}, env=env, cwd=tmp_path)
    assert s.summarizer == "lsa"  # file only
    assert s.sentences == 3  # env beats file
    assert s.beam_size == 6  # flag beats env
    assert s.output == Path("briefs")


def test_config_file_named_by_env_and_zhbrief_table(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[zhbrief]\ninput = "news"\ndownload = false\n', encoding="utf-8")
    s = load_settings({}, env={"ZHBRIEF_CONFIG": str(path)}, cwd=tmp_path)
    assert s.input == Path("news")
    assert s.download is False


def test_env_booleans(tmp_path: Path) -> None:
    assert load_settings({}, env={"ZHBRIEF_DOWNLOAD": "no"}, cwd=tmp_path).download is False


def test_unknown_key_names_the_file_and_the_known_keys(tmp_path: Path) -> None:
    path = write_config(tmp_path, "summariser = 'lsa'\n")
    with pytest.raises(
        UsageError,
        match=r"zhbrief.toml: unknown setting 'summariser'; known settings: .*summarizer",
    ):
        load_settings({}, env={}, cwd=tmp_path)
    assert path.exists()


def test_bad_values_are_usage_errors(tmp_path: Path) -> None:
    write_config(tmp_path, "sentences = 'many'\n")
    with pytest.raises(UsageError, match="'many' is not a valid value for sentences"):
        load_settings({}, env={}, cwd=tmp_path)
    with pytest.raises(UsageError, match="Unknown summarizer 'bart'"):
        load_settings({"summarizer": "bart"}, env={}, cwd=tmp_path / "none")


def test_invalid_toml(tmp_path: Path) -> None:
    write_config(tmp_path, "sentences = = 3\n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_settings({}, env={}, cwd=tmp_path)


def test_run_switches_cannot_be_pinned_in_the_file(tmp_path: Path) -> None:
    write_config(tmp_path, "force = true\n")
    with pytest.raises(UsageError, match="unknown setting 'force'"):
        load_settings({}, env={}, cwd=tmp_path)


def test_formats_and_base_url_from_the_config_file(tmp_path: Path) -> None:
    write_config(tmp_path, 'formats = "md"\nbase_url = "https://briefs.example.org/"\n')
    s = load_settings({}, env={}, cwd=tmp_path)
    assert s.formats == "md" and s.base_url == "https://briefs.example.org/"
    assert Settings().formats == "md,html"


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            {"formats": "html"},
            "Unknown formats 'html': give md or md,html (Markdown is the record, always on).",
        ),
        (
            {"formats": "md,pdf"},
            "Unknown formats 'md,pdf': give md or md,html (Markdown is the record, always on).",
        ),
        (
            {"base_url": "javascript:alert(1)"},
            "base_url 'javascript:alert(1)' must start with http:// or https://.",
        ),
    ],
)
def test_bad_formats_and_base_url_are_usage_errors(
    tmp_path: Path, flags: dict[str, str], message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        load_settings(flags, env={}, cwd=tmp_path)
    assert str(caught.value) == message
