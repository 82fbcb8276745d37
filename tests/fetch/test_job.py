"""The fetch a config and command line describe: sources, URL list, one-off URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.config import Settings
from zhbrief.config_fetch import FetchSettings
from zhbrief.errors import UsageError
from zhbrief.fetch.job import job_of, read_url_list


def settings(tmp_path: Path, **fetch: object) -> Settings:
    return Settings(input=tmp_path / "in", max_bytes=1234, fetch=FetchSettings(**fetch))  # type: ignore[arg-type]


def test_configured_sources_and_url_list(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "\ufeff# pages\nhttps://e.cn/a.html  # first\n\nhttps://e.cn/b.html\n", encoding="utf-8"
    )
    job = job_of(
        settings(tmp_path, sources=("https://e.cn/rss",), urls_file=urls, delay=0.5),
        [],
        False,
        True,
    )
    assert job.sources == ("https://e.cn/rss",)
    assert job.urls == ((str(urls), "https://e.cn/a.html"), (str(urls), "https://e.cn/b.html"))
    assert (job.polite.delay, job.polite.max_bytes, job.dry_run) == (0.5, 1234, True)


def test_urls_on_the_command_line_replace_the_sources(tmp_path: Path) -> None:
    job = job_of(settings(tmp_path, sources=("https://e.cn/rss",)), ["https://e.cn/x"], True, False)
    assert job.sources == () and job.urls == (("command line", "https://e.cn/x"),) and job.refetch


def test_a_missing_url_list_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^fetch.urls_file .*nope.txt: not found; fix urls_file"):
        read_url_list(tmp_path / "nope.txt")
    with pytest.raises(UsageError, match=r"^fetch.urls_file /dev/urandom: not a regular file"):
        read_url_list(Path("/dev/urandom"))  # never read forever
    (tmp_path / "gbk.txt").write_bytes("网址".encode("gbk"))
    with pytest.raises(UsageError, match=r"not UTF-8 text; save it as UTF-8\.$"):
        read_url_list(tmp_path / "gbk.txt")
