"""A run writes the reading side: pages, index.html, feed.xml, digests; unchanged runs touch none."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

import feedparser
import pytest
from fakes import FakeEngine

from zhbrief.config import Settings
from zhbrief.run.report import RunReport
from zhbrief.run.runner import run

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)
ARTICLE = (
    "城市图书馆推出夜间开放服务\n\n本市中心图书馆宣布延长开放时间。\n馆长表示，读者呼声最高。\n"
)
OTHER = "火箭发射成功\n\n火箭今天发射成功。\n卫星进入预定轨道。\n"
READING = [
    "digest/2026-03-12.html",
    "digest/2026-03-12.md",
    "digest/2026-03.html",
    "feed.xml",
    "feeds/digests.xml",
]
SITE = [
    "site/a.html",
    "site/index.html",
    "site/search-index.js",
    "site/style.css",
    "site/sub/b.html",
]


class CountingEngine(FakeEngine):
    """The fake engine, remembering every sentence any instance was asked to translate."""

    asked: ClassVar[list[str]] = []

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        CountingEngine.asked += sentences
        return super().translate_batch(sentences)


@pytest.fixture
def tree(tmp_path: Path, installed_model: Path) -> Settings:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.txt").write_text(OTHER, encoding="utf-8")
    return Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)


def go(settings: Settings, engine: type = FakeEngine, **changes: object) -> RunReport:
    values = {k: getattr(settings, k) for k in Settings.__slots__}
    values.update(changes)
    return run(Settings(**values), engine_factory=engine, clock=lambda: CLOCK)


def files(output: Path) -> dict[str, tuple[bytes, int]]:
    """Every output file but the state folder: bytes and mtime."""
    return {
        p.relative_to(output).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in output.rglob("*")
        if p.is_file() and ".zhbrief" not in p.parts
    }


def text_of(html: str) -> str:
    """The page's text with its tags (key-term marks among them) taken out."""
    return re.sub(r"<[^>]+>", "", html)


def test_one_run_writes_pages_index_feed_and_todays_digest(tree: Settings) -> None:
    go(tree)
    written = sorted(files(tree.output))
    assert written == sorted(["a.md", "index.md", "sub/b.md", *READING, *SITE])
    page = (tree.output / "site/sub/b.html").read_text(encoding="utf-8")
    assert 'href="../style.css"' in page and "火箭今天发射成功。" in text_of(page)
    index = (tree.output / "site/index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="sub/b.html"' in index
    feed = feedparser.parse((tree.output / "feed.xml").read_bytes())
    assert not feed.bozo and {e.link for e in feed.entries} == {"site/a.html", "site/sub/b.html"}
    digest = (tree.output / "digest/2026-03-12.md").read_text(encoding="utf-8")
    assert "](../a.md)" in digest and "](../sub/b.md)" in digest


def test_an_unchanged_rerun_changes_no_byte_and_no_mtime(tree: Settings) -> None:
    go(tree)
    before = files(tree.output)
    assert go(tree).written == ()
    assert files(tree.output) == before


def test_a_rerun_with_nothing_to_do_mends_an_index_a_killed_run_left_behind(
    tree: Settings,
) -> None:
    go(tree)
    index = tree.output / "index.md"
    whole = index.read_bytes()
    index.write_bytes(whole.split(b"\n- ")[0] + b"\n")  # as if written before any brief
    assert go(tree).written == ()  # nothing pending
    assert index.read_bytes() == whole


def test_a_changed_article_updates_its_page_and_the_feed_only(tree: Settings) -> None:
    go(tree)
    before = files(tree.output)
    # the lead changes too: the feed shows the summary, and a one-sentence summary keeps the lead
    edited = ARTICLE.replace("延长开放时间", "延长开放时间至晚上十点")
    (tree.input / "a.txt").write_text(edited + "图书馆计划设立分馆。\n", encoding="utf-8")
    assert go(tree).written == ("a.txt",)
    after = files(tree.output)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert "site/a.html" in changed and "feed.xml" in changed and "a.md" in changed
    assert "site/sub/b.html" not in changed and "site/style.css" not in changed
    assert "图书馆计划设立分馆。" in text_of(after["site/a.html"][0].decode("utf-8"))


def test_markdown_only_writes_no_site_and_no_feed(tree: Settings) -> None:
    go(tree, formats="md")
    assert sorted(files(tree.output)) == ["a.md", "digest/2026-03-12.md", "index.md", "sub/b.md"]


def test_base_url_makes_the_feed_absolute(tree: Settings) -> None:
    go(tree, base_url="https://briefs.example.org/zh/")
    feed = feedparser.parse((tree.output / "feed.xml").read_bytes())
    assert {e.link for e in feed.entries} == {
        "https://briefs.example.org/zh/site/a.html",
        "https://briefs.example.org/zh/site/sub/b.html",
    }


def test_pruning_a_source_removes_its_page_and_entry(tree: Settings) -> None:
    go(tree)
    (tree.input / "a.txt").unlink()
    assert go(tree, prune=True).pruned == ("a.txt",)
    assert not (tree.output / "site/a.html").exists()
    index = (tree.output / "site/index.html").read_text(encoding="utf-8")
    assert "a.html" not in index and "sub/b.html" in index
    assert len(feedparser.parse((tree.output / "feed.xml").read_bytes()).entries) == 1


def test_briefs_without_a_page_get_one_from_the_cache_without_force(tree: Settings) -> None:
    """Briefs made before the site existed (or with --format md) get their pages on the next run,
    from the translation cache: no sentence is translated again and no brief is rewritten."""
    go(tree, formats="md")
    conn = sqlite3.connect(tree.output / ".zhbrief" / "state.db")
    conn.execute("DELETE FROM entries")  # as after a migration from 0.1
    conn.commit()
    conn.close()
    briefs = {name: (tree.output / name).stat().st_mtime_ns for name in ("a.md", "sub/b.md")}
    CountingEngine.asked = []
    report = go(tree, engine=CountingEngine)
    assert CountingEngine.asked == [] and report.written == () and report.kept == 2
    assert {n: (tree.output / n).stat().st_mtime_ns for n in briefs} == briefs
    index = (tree.output / "site/index.html").read_text(encoding="utf-8")
    assert 'href="a.html"' in index and 'href="sub/b.html"' in index
    feed = feedparser.parse((tree.output / "feed.xml").read_bytes())
    assert {e.link for e in feed.entries} == {"site/a.html", "site/sub/b.html"}
    assert go(tree).unchanged == 2  # settled
    (tree.output / "site/sub/b.html").unlink()  # a page lost on its own comes back too
    assert go(tree, engine=CountingEngine).kept == 1 and CountingEngine.asked == []
    assert (tree.output / "site/sub/b.html").is_file()
