"""The whole run through the library: incremental, isolated failures, deleted sources, bad inputs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from builders import GOLDEN, check_golden
from fakes import FakeEngine

from zhbrief.config import Settings
from zhbrief.errors import EngineError
from zhbrief.ingest.segment import split_sentences
from zhbrief.run.report import RunReport
from zhbrief.run.runner import run

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)

ARTICLE_A = (
    "城市图书馆推出夜间开放服务\n\n"
    "2026年3月12日，本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。\n"
    "馆长李明表示：“延长开放时间是读者呼声最高的建议。”据介绍，自助借还机将全部开放。\n"
    "图书馆去年接待读者约120万人次，同比增长8.5%\n"
)
ARTICLE_B = (
    "人工智能公司发布新模型\n"
    "人工智能公司Anthropic周三发布了新模型，OpenAI随后推出GPT-5。\n"
    "分析人士认为，两家公司的竞争将推动行业快速发展。\n"
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path, installed_model: Path) -> Settings:
    """An input tree of two articles and settings pointing at it."""
    write(tmp_path / "in" / "a.txt", ARTICLE_A)
    write(tmp_path / "in" / "sub" / "b.md", ARTICLE_B)
    FakeEngine.built = 0
    return Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)


def go(settings: Settings, engine: type = FakeEngine, **changes: object) -> RunReport:
    values = {k: getattr(settings, k) for k in Settings.__slots__}
    values.update(changes)
    return run(Settings(**values), engine_factory=engine, clock=lambda: CLOCK)


def snapshot(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


def briefs(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.md"))


def test_first_run_writes_a_brief_per_article_and_the_index(tree: Settings) -> None:
    report = go(tree)
    assert report.written == ("a.txt", "sub/b.md") and not report.failed
    assert briefs(tree.output) == ["a.md", "digest/2026-03-12.md", "index.md", "sub/b.md"]
    brief = (tree.output / "a.md").read_text(encoding="utf-8")
    fields = yaml.safe_load(brief.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert fields["title"]
    assert fields["title_zh"] == "城市图书馆推出夜间开放服务"
    assert fields["source"] == "a.txt" and len(fields["source_sha256"]) == 64
    assert fields["model"] == "translate-zh_en-synthetic 1.9"
    assert fields["summarizer"] == "news" and isinstance(fields["sentences"], int)
    assert fields["created"] == "2026-03-12T08:00:00Z"
    assert fields["decoding"]["beam_size"] == 4
    assert "## Summary" in brief and "## Translation" in brief
    unescaped = brief.replace("\\", "")
    for line in ARTICLE_A.splitlines()[1:]:
        for sentence in split_sentences(line.strip()):
            assert f"\n> {sentence}\n" in unescaped
    index = (tree.output / "index.md").read_text(encoding="utf-8")
    assert "(a.md)" in index and "(sub/b.md)" in index
    assert (tree.output / ".zhbrief" / "last-run.json").is_file()


def test_unchanged_rerun_writes_nothing_and_never_builds_the_engine(tree: Settings) -> None:
    go(tree)
    before = snapshot(tree.output)
    FakeEngine.built = 0
    report = go(tree)
    assert report.written == () and report.unchanged == 2 and report.new == 0
    assert "0 new, 2 unchanged" in report.summary_line()
    assert FakeEngine.built == 0
    after = {k: v for k, v in snapshot(tree.output).items() if not k.startswith(".zhbrief")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".zhbrief")}


def test_changed_file_and_changed_settings_are_reprocessed(tree: Settings) -> None:
    go(tree)
    write(tree.input / "a.txt", ARTICLE_A + "下一步，图书馆计划设立分馆。\n")
    assert go(tree).written == ("a.txt",)
    assert go(tree, summarizer="lexrank").written == ("a.txt", "sub/b.md")
    assert go(tree, summarizer="lexrank").written == ()
    assert go(tree, summarizer="lexrank", force=True).written == ("a.txt", "sub/b.md")


def test_forced_rerun_is_served_by_the_translation_cache(tree: Settings) -> None:
    go(tree)
    FakeEngine.built = 0
    assert go(tree, force=True).written == ("a.txt", "sub/b.md")
    assert FakeEngine.built == 0


def test_deleted_brief_is_rewritten(tree: Settings) -> None:
    go(tree)
    (tree.output / "a.md").unlink()
    assert go(tree).written == ("a.txt",)


def test_deleted_source_keeps_its_brief_until_prune(tree: Settings) -> None:
    go(tree)
    (tree.input / "a.txt").unlink()
    report = go(tree)
    assert report.deleted == ("a.txt",) and (tree.output / "a.md").exists()
    assert "1 source deleted" in report.summary_line()
    report = go(tree, prune=True)
    assert report.pruned == ("a.txt",) and not (tree.output / "a.md").exists()
    assert "(a.md)" not in (tree.output / "index.md").read_text(encoding="utf-8")
    assert go(tree).deleted == ()


BAD_INPUTS: dict[str, str | bytes] = {
    "empty.txt": "",
    "blank.txt": " \n\t\n　\n",
    "binary.txt": b"\x00\x01\x02PNG\x00" * 50,
    "huge.txt": "大" * 400,
    "english.txt": "The quick brown fox jumps over the lazy dog.\n",
}


def test_each_bad_input_fails_alone(tree: Settings) -> None:
    for name, content in BAD_INPUTS.items():
        write(tree.input / name, content)
    (tree.input / "loop").symlink_to(tree.input)
    (tree.input / "dangling.txt").symlink_to(tree.input / "missing.txt")
    report = go(tree, max_bytes=1000)
    assert set(report.written) == {"a.txt", "sub/b.md"}
    failed = dict(report.failed)
    assert set(failed) == {"empty.txt", "blank.txt", "binary.txt", "huge.txt", "dangling.txt"}
    assert "1,000-byte limit" in failed["huge.txt"]
    assert dict(report.skipped).keys() == {"english.txt"}
    # failures are not retried on an unchanged re-run, only with --retry-failed
    assert go(tree, max_bytes=1000).new == 0
    assert dict(go(tree, max_bytes=1000, retry_failed=True).failed).keys() == failed.keys()


def test_awkward_file_names(tree: Settings) -> None:
    names = ["with space.txt", "新闻 一.txt", "-leading-dash.txt", "--x.md"]
    for name in names:
        write(tree.input / name, ARTICLE_B)
    report = go(tree)
    assert set(names) <= set(report.written)
    for name in names:
        assert (tree.output / (name.rsplit(".", 1)[0] + ".md")).is_file()


def test_output_symlink_cannot_lead_outside(tree: Settings, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    tree.output.mkdir()
    (tree.output / "sub").symlink_to(outside)
    report = go(tree)
    assert dict(report.failed).keys() == {"sub/b.md"}
    assert list(outside.iterdir()) == []


class ExplodingEngine(FakeEngine):
    """Fails on any batch holding the word 竞争 (only article b has it)."""

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        if any("竞争" in s for s in sentences):
            raise EngineError("engine crashed")
        return super().translate_batch(sentences)


def test_engine_error_fails_only_its_article(tree: Settings) -> None:
    report = go(tree, engine=ExplodingEngine)
    assert report.written == ("a.txt",)
    assert dict(report.failed) == {"sub/b.md": "engine crashed"}
    assert (tree.output / "a.md").exists() and not (tree.output / "sub" / "b.md").exists()


def test_report_json_counts(tree: Settings) -> None:
    import json

    go(tree)
    data = json.loads((tree.output / ".zhbrief" / "last-run.json").read_text(encoding="utf-8"))
    assert data["written"] == ["a.txt", "sub/b.md"] and data["failed"] == []
    assert data["summary"].startswith("2 briefs written, 0 failed")
    assert data["started"] == "2026-03-12T08:00:00Z"  # the run's clock, taken before the work


def test_scraped_article_matches_golden_brief(tmp_path: Path, installed_model: Path) -> None:
    """Input article → expected Markdown, byte for byte (fake engine, fixed clock)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "library.txt").write_bytes((GOLDEN / "library.txt").read_bytes())
    settings = Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)
    assert go(settings).written == ("library.txt",)
    check_golden("library.md", (tmp_path / "out" / "library.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_scraped_tech_article_with_captions_and_subheadings(
    tmp_path: Path, installed_model: Path, encoding: str
) -> None:
    """Breadcrumb, a long headline with Latin names, long 第N张 captions, subheadings, a quote."""
    source = (GOLDEN / "scraped.txt").read_text(encoding="utf-8")
    write(tmp_path / "in" / "scraped.txt", source.encode(encoding))
    settings = Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)
    assert go(settings).written == ("scraped.txt",)
    brief = (tmp_path / "out" / "scraped.md").read_text(encoding="utf-8")
    if encoding == "utf-8":
        check_golden("scraped.md", brief)
    fields = yaml.safe_load(brief.split("\n---\n", 1)[0].removeprefix("---\n"))
    headline = source.splitlines()[1]
    assert fields["title_zh"] == headline
    assert (fields["site"], fields["published"]) == ("示例科技网", "2025-10-05")
    body = brief.split("## Translation", 1)[1].replace("\\", "")
    assert "第1张" not in brief and "第2张" not in brief and "正文" not in brief
    assert (
        "### " in body and "\n> 为何人才频频出走?\n" in body and "\n> 悄然升级的人才争夺\n" in body
    )
    kept = [line for line in source.splitlines()[3:] if "第" not in line and "责任编辑" not in line]
    for line in kept:
        for sentence in split_sentences(line):
            assert body.count(f"\n> {sentence}\n") == 1, sentence
    terms = brief.split("## Key terms", 1)[1].split("## Translation", 1)[0]
    assert "- 智算 (zhìsuàn): English of 2 characters. _(model)_" in terms
    assert "- 林若溪 (Lín Ruòxī): Lin Ruoxi _(name)_" in terms


def test_index_of_briefs_made_before_entries_existed(tree: Settings) -> None:
    """A store migrated from 0.1 has records but no entries: the index still lists them."""
    go(tree)
    import sqlite3

    conn = sqlite3.connect(tree.output / ".zhbrief" / "state.db")
    conn.execute("DELETE FROM entries")
    conn.commit()
    conn.close()
    (tree.output / "index.md").unlink()
    go(tree)
    index = (tree.output / "index.md").read_text(encoding="utf-8")
    assert "(a.md)" in index and "(sub/b.md)" in index
