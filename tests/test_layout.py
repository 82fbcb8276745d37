"""The output layout: every place named once, and the names a brief may not take."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhbrief.layout import (
    Layout,
    archive_name,
    brief_of_page,
    digest_name,
    models_dir,
    page_name,
    public,
    reserved,
    site_feed_name,
)
from zhbrief.output.files import output_names


def test_the_state_folder_and_its_files() -> None:
    layout = Layout(Path("out"))
    assert (layout.db, layout.lock, layout.last_run, layout.models) == (
        Path("out/.zhbrief/state.db"),
        Path("out/.zhbrief/lock"),
        Path("out/.zhbrief/last-run.json"),
        Path("out/.zhbrief/models"),
    )
    assert (layout.index, layout.site) == (Path("out/index.md"), Path("out/site"))


def test_models_go_to_the_cache_when_there_is_no_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert models_dir(None) == tmp_path / "cache" / "zhbrief" / "models"
    assert models_dir(tmp_path / "out") == tmp_path / "out" / ".zhbrief" / "models"


def test_pages_and_digests() -> None:
    assert page_name("a.md") == "a.html"
    assert page_name("news/2026/b.txt.md") == "news/2026/b.txt.html"
    assert digest_name("2026-03-12", ".html") == "digest/2026-03-12.html"
    assert archive_name("2026-03") == "digest/2026-03.html"
    assert brief_of_page("news/2026/b.txt.html") == "news/2026/b.txt.md"


@pytest.mark.parametrize(
    ("site", "name"),
    [
        ("新华网", "feeds/新华网.xml"),
        ("example.cn", "feeds/example.cn.xml"),
        ("people_daily-2", "feeds/people_daily-2.xml"),
    ],
)
def test_a_safe_site_name_is_its_feed_name(site: str, name: str) -> None:
    assert site_feed_name(site) == name


@pytest.mark.parametrize(
    "site",
    [
        "BBC News",
        "bbc news",
        "BBC",
        "../../etc/passwd",
        ".hidden",
        "a/b",
        "a\\b",
        "",
        "digests",
        "CON",
        "新华网\u202e",
        "x" * 300,
        "联合早报" * 40,
        "a\x00b",
    ],
)
def test_any_other_site_name_gets_a_safe_unique_feed_name(site: str) -> None:
    name = site_feed_name(site)
    assert name.startswith("feeds/") and name.endswith(".xml") and public(name)
    stem = name[len("feeds/") : -len(".xml")]
    assert re.fullmatch(r"[\w.-]+", stem) and not stem.startswith((".", "-"))
    assert len(stem.encode("utf-8")) < 200 and stem != "digests"
    assert site_feed_name(site) == name  # stable from run to run
    others = {site_feed_name(s) for s in ("BBC News", "bbc news", "BBC", "bbc", "a/b", "a b")}
    assert len(others) == 6


def test_what_a_server_may_answer() -> None:
    for name in (
        "site/index.html",
        "site/style.css",
        "site/search-index.js",
        "feed.xml",
        "feeds/新华网.xml",
        "digest/2026-03-12.md",
        "news/a.md",
    ):
        assert public(name), name
    for name in (
        ".zhbrief/state.db",
        ".zhbrief/last-run.json",
        "a/.zhbrief-tmp-0a1b",
        "site",
        "digest/",
        "x.db",
        "x.py",
        "",
        ".env",
        "site/.git/config",
    ):
        assert not public(name), name


def test_a_brief_never_takes_the_index_or_a_digest() -> None:
    assert reserved("index.md") and reserved("digest/2026-03-12.md")
    assert not reserved("news/index.md") and not reserved("digest/a/b.md")
    names = output_names(["index.txt", "digest/2026-03-12.txt", "news/index.txt", "a.txt"])
    assert names == {
        "a.txt": "a.md",
        "digest/2026-03-12.txt": "digest/2026-03-12.txt.md",
        "index.txt": "index.txt.md",
        "news/index.txt": "news/index.md",
    }
