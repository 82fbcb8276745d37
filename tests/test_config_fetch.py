"""The [fetch] table: defaults, values, and every mistake named with where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.config import load_settings
from zhbrief.config_fetch import FetchSettings, parse_fetch_table
from zhbrief.errors import UsageError


def test_defaults_and_values() -> None:
    assert parse_fetch_table({}, "f") == FetchSettings()
    table = {
        "sources": ["https://e.cn/rss.xml"],
        "urls-file": "u.txt",
        "max_per_source": 5,
        "delay": 1,
    }
    assert parse_fetch_table(table, "f") == FetchSettings(
        sources=("https://e.cn/rss.xml",), urls_file=Path("u.txt"), max_per_source=5, delay=1.0
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            [],
            "f: fetch must be a table ([fetch]) with sources, urls_file, max_per_source, delay, timeout.",
        ),
        (
            {"feeds": []},
            "f: unknown fetch setting 'feeds'; known: sources, urls_file, max_per_source, delay, timeout.",
        ),
        ({"sources": ["e.cn/rss"]}, "f: fetch.sources: 'e.cn/rss' is not an http(s) URL."),
        ({"delay": "2"}, "f: fetch.delay must be a number, not '2'."),
        ({"max_per_source": 2.5}, "f: fetch.max_per_source must be a whole number, not 2.5."),
        (
            {"max_per_source": 0},
            "f: fetch.max_per_source must be at least 1, delay zero or more, timeout positive.",
        ),
        (
            {"delay": -1},
            "f: fetch.max_per_source must be at least 1, delay zero or more, timeout positive.",
        ),
    ],
)
def test_mistakes(table: object, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_fetch_table(table, "f")
    assert str(caught.value) == message


@pytest.mark.parametrize("layout", ["flat", "zhbrief table"])
def test_the_fetch_table_beside_the_other_settings(tmp_path: Path, layout: str) -> None:
    head = 'output = "o"\n' if layout == "flat" else '[zhbrief]\noutput = "o"\n'
    config = tmp_path / "zhbrief.toml"
    config.write_text(head + '\n[fetch]\nsources = ["https://e.cn/rss.xml"]\ndelay = 0.5\n')
    settings = load_settings({}, config=config, env={})
    assert settings.output == tmp_path / "o"  # relative to the config file's folder
    assert settings.fetch == FetchSettings(sources=("https://e.cn/rss.xml",), delay=0.5)


def test_no_fetch_table_no_fetch_settings(tmp_path: Path) -> None:
    config = tmp_path / "zhbrief.toml"
    config.write_text('output = "o"\n')
    assert load_settings({}, config=config, env={"ZHBRIEF_FETCH": "x"}).fetch == FetchSettings()
