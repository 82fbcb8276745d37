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
            "f: fetch must be a table ([fetch]) with sources, urls_file, opml, max_per_source, delay, timeout.",
        ),
        (
            {"feeds": []},
            "f: unknown fetch setting 'feeds'; known: sources, urls_file, opml, max_per_source, delay, timeout.",
        ),
        ({"sources": ["e.cn/rss"]}, "f: fetch.sources: 'e.cn/rss' is not an http(s) URL."),
        ({"delay": "2"}, "f: fetch.delay must be a number, not '2'."),
        ({"max_per_source": 2.5}, "f: fetch.max_per_source must be a whole number, not 2.5."),
        ({"max_per_source": 0}, "f: fetch.max_per_source must be from 1 to 10000; got 0."),
        ({"delay": -1}, "f: fetch.delay must be from 0 to 60 (seconds); got -1."),
        ({"delay": 1e9}, "f: fetch.delay must be from 0 to 60 (seconds); got 1000000000.0."),
        ({"delay": float("nan")}, "f: fetch.delay must be from 0 to 60 (seconds); got nan."),
        ({"timeout": float("inf")}, "f: fetch.timeout must be from 0.1 to 600 (seconds); got inf."),
        ({"timeout": 1e300}, "f: fetch.timeout must be from 0.1 to 600 (seconds); got 1e+300."),
        ({"timeout": 0}, "f: fetch.timeout must be from 0.1 to 600 (seconds); got 0."),
        (
            {"urls_file": 5},
            'f: fetch.urls_file must be a file name in quotes, e.g. "urls.txt".',
        ),
        (
            {"opml": ["a"]},
            'f: fetch.opml must be a file name in quotes, e.g. "subscriptions.opml".',
        ),
        ({"sources": [5]}, "f: fetch.sources: 5 is not an http(s) URL."),
        (
            {"sources": ["http://[::1/feed"]},
            "f: fetch.sources: 'http://[::1/feed' is not an http(s) URL.",
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
