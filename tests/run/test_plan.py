"""What the next run retries: the environment's failures on their own, a source's when it changes."""

from __future__ import annotations

import dataclasses
import errno
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fakes import FakeEngine
from processes import run_here

import zhbrief
from zhbrief.config import Settings
from zhbrief.documents import Brief
from zhbrief.errors import DiskError, EngineError
from zhbrief.run import work
from zhbrief.run.plan import LEGACY_VERSION, fingerprint, work_on
from zhbrief.run.report import RunReport
from zhbrief.run.runner import run
from zhbrief.run.status import collect_status, render_status
from zhbrief.store.db import Store
from zhbrief.translation.packages import find_zh_en

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)
ARTICLE = "城市图书馆推出夜间开放服务\n本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。\n"


class BrokenEngine(FakeEngine):
    """A model that cannot load: every batch fails."""

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        raise EngineError("Cannot load the translation model (bad compute_type)")


@pytest.fixture
def tree(tmp_path: Path, installed_model: Path) -> Settings:
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(ARTICLE + name, encoding="utf-8")
    return Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)


def go(settings: Settings, engine: type = FakeEngine, **changes: object) -> RunReport:
    values = {k: getattr(settings, k) for k in Settings.__slots__}
    values.update(changes)
    return run(Settings(**values), engine_factory=engine, clock=lambda: CLOCK)


def test_environment_failures_heal_on_the_next_run(tree: Settings) -> None:
    report = go(tree, engine=BrokenEngine)
    assert dict(report.failed).keys() == {"a.txt", "b.txt"}
    store = Store.of_output(tree.output)
    assert {r.kind for r in store.records().values()} == {"environment"}
    store.close()
    status = render_status(collect_status(tree))
    assert status.startswith("0 pending, 0 done, 2 failed")
    assert "(the next run retries it)" in status
    report = go(tree)  # the model is fixed: no --retry-failed needed
    assert report.written == ("a.txt", "b.txt") and not report.failed
    assert (tree.output / "a.md").is_file()


def test_source_failures_wait_for_a_change_and_keep_being_counted(tree: Settings) -> None:
    (tree.input / "empty.txt").write_text("", encoding="utf-8")
    assert dict(go(tree).failed).keys() == {"empty.txt"}
    report = go(tree)
    assert report.new == 0 and report.still_failing == 1
    assert "0 failed; 0 new, 3 unchanged; 1 still failing (--retry-failed retries them)" in (
        report.summary_line()
    )
    assert "1 failed" in render_status(collect_status(tree)).splitlines()[0]
    assert dict(go(tree, summarizer="lsa").failed).keys() == {"empty.txt"}  # settings changed
    (tree.input / "empty.txt").write_text(ARTICLE, encoding="utf-8")  # the source changed
    assert go(tree, summarizer="lsa").written == ("empty.txt",)


def test_a_failed_write_is_retried_and_a_full_disk_exits_6(tree: Settings) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("zhbrief.output.files.write_bytes_atomic", full)
        with pytest.raises(DiskError) as caught:
            go(tree)
    assert caught.value.exit_code == 6
    assert str(caught.value) == (
        f"No space left on the disk of {tree.output}: free some space and run again "
        "(briefs already written are kept; the rest is retried)."
    )
    assert go(tree).written == ("a.txt", "b.txt")  # space freed: the next run writes them


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 160 KiB tmpfs: a real full disk (the suite runs as root, so mount works)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mount is not permitted here; the patched write above covers a full disk")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def test_real_full_disk_is_one_line_and_heals(
    tmp_path: Path, module_model: Path, tiny_disk: Path
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        (src / f"a{i:02d}.txt").write_text(f"{ARTICLE}第{i}号。" * 20, encoding="utf-8")
    proc = run_here(src, tiny_disk / "out")  # an exception (a traceback) would fail here
    assert proc.returncode in (1, 6), proc.stderr  # 1: some briefs did not fit, the rest ran
    assert "No space left" in proc.stderr
    subprocess.run(["mount", "-o", "remount,size=64m", str(tiny_disk)], check=True)
    proc = run_here(src, tiny_disk / "out")
    assert proc.returncode == 0, proc.stderr
    assert len(list((tiny_disk / "out").glob("a*.md"))) == 60


def test_a_rules_update_rewrites_exactly_the_briefs_it_changes(
    tree: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    go(tree)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in tree.output.glob("?.md")}
    monkeypatch.setattr(zhbrief, "RULES_VERSION", zhbrief.RULES_VERSION + 1)
    rendered = work.render_brief  # the new rules: b's brief gains a line, a's stays the same

    def new_rules(brief: Brief) -> str:
        return rendered(brief) + ("A new rule.\n" if brief.article.rel == "b.txt" else "")

    monkeypatch.setattr(work, "render_brief", new_rules)
    FakeEngine.built = 0
    later = datetime(2026, 3, 13, 9, 0, 0, tzinfo=timezone.utc)
    report = run(tree, engine_factory=FakeEngine, clock=lambda: later)
    assert (report.written, report.rebriefed, report.kept, report.new) == (("b.txt",), 1, 1, 0)
    assert report.summary_line().startswith(
        "1 brief written, 0 failed; 0 new, 0 unchanged; "
        "1 re-briefed after a zhbrief update (1 unchanged); "
    )
    assert FakeEngine.built == 0  # every translation came from the cache
    a, b = tree.output / "a.md", tree.output / "b.md"
    assert (a.read_bytes(), a.stat().st_mtime_ns) == before["a.md"]  # not even touched
    assert b.read_text(encoding="utf-8").endswith("A new rule.\n")
    assert "\ncreated: '2026-03-13T09:00:00Z'\n" in b.read_text(encoding="utf-8")
    with closing(Store.of_output(tree.output)) as store:
        records = store.records()
    assert {r.rules for r in records.values()} == {zhbrief.RULES_VERSION}
    assert (records["a.txt"].created, records["b.txt"].created) == (
        "2026-03-12T08:00:00Z",
        "2026-03-13T09:00:00Z",
    )
    assert go(tree).written == () and go(tree).unchanged == 2  # settled until the next update


def test_a_brief_of_zhbrief_0_1_is_a_rules_update(tree: Settings, installed_model: Path) -> None:
    package = find_zh_en()
    then = fingerprint(tree, package, LEGACY_VERSION)  # 0.1 hashed its version in
    assert then != fingerprint(tree, package)
    go(tree)
    with closing(Store.of_output(tree.output)) as store:
        rec = store.records()["a.txt"]
    old = dataclasses.replace(rec, fingerprint=then, rules=None)
    same = (fingerprint(tree, package), then)
    path, name = tree.input / "a.txt", "a.md"
    assert work_on(tree, old, path, name, same, zhbrief.RULES_VERSION) == "update"
    other = dataclasses.replace(old, fingerprint="0" * 16)  # other settings: a new brief
    assert work_on(tree, other, path, name, same, zhbrief.RULES_VERSION) == "brief"
    assert work_on(tree, rec, path, name, same, zhbrief.RULES_VERSION) == ""
    assert work_on(tree, rec, path, name, same, zhbrief.RULES_VERSION + 1) == "update"
