"""`zhbrief status` reports what `zhbrief run` would do: the same plan, not a second opinion."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from fakes import FakeEngine

from zhbrief.config import Settings
from zhbrief.run.runner import run
from zhbrief.run.status import collect_status, render_status

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)
ARTICLE = "城市图书馆推出夜间开放服务\n本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。\n"


@pytest.fixture
def settings(tmp_path: Path, installed_model: Path) -> Settings:
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(name + ARTICLE, encoding="utf-8")
    return Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)


def go(settings: Settings) -> tuple[str, ...]:
    return run(settings, engine_factory=FakeEngine, clock=lambda: CLOCK).written


def test_status_after_a_run_is_all_done(settings: Settings) -> None:
    go(settings)
    report = collect_status(settings)
    assert report.pending == () and report.done == ("a.txt", "b.txt")
    assert render_status(report).startswith("0 pending, 2 done, 0 failed")


@pytest.mark.parametrize(
    "change", [{"sentences": 3}, {"summarizer": "lexrank"}, {"beam_size": 2}, {"key_terms": 3}]
)
def test_settings_change_makes_status_and_run_agree(
    settings: Settings, change: dict[str, object]
) -> None:
    go(settings)
    changed = Settings(**{**{k: getattr(settings, k) for k in Settings.__slots__}, **change})
    report = collect_status(changed)
    assert report.pending == ("a.txt", "b.txt") and report.done == ()
    assert go(changed) == report.pending  # run redoes exactly what status called pending
    assert collect_status(changed).pending == ()


def test_changed_source_is_pending_in_both(settings: Settings) -> None:
    go(settings)
    (settings.input / "b.txt").write_text("改动了\n" + ARTICLE, encoding="utf-8")
    assert collect_status(settings).pending == ("b.txt",)
    assert go(settings) == ("b.txt",)
