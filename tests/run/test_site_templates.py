"""A run learns a site's template lines from the pages at hand and remembers them for later runs."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fakes import FakeEngine

from zhbrief.config import Settings
from zhbrief.run.runner import run
from zhbrief.store.db import Store

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)
FOOTER = "欢迎广大读者踊跃投稿，来稿请寄本报新闻部，我们将择优刊登"
STORIES = (
    "本市中心图书馆昨天宣布，自下月起每周五和周六开放至晚上十点。",
    "今年前三季度，全国新能源汽车销量达到九百万辆，同比增长百分之五十。",
    "气象台今天下午发布暴雨黄色预警，预计今晚到明天有大到暴雨。",
)


def save(folder: Path, n: int) -> None:
    """Page n of news.example.cn, saved as `zhbrief fetch` saves it: the story, then the footer."""
    html = (
        f"<html><head><title>第{n}条新闻</title></head><body><div>"
        f"<p>{STORIES[n]}</p><p>{FOOTER}</p></div></body></html>"
    )
    path = folder / "news.example.cn" / f"2026-03-1{n}-page{n}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_pages_of_one_site_lose_its_footer_now_and_in_later_runs(
    tmp_path: Path, installed_model: Path
) -> None:
    settings = Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)
    save(settings.input, 0)
    save(settings.input, 1)
    run(settings, engine_factory=FakeEngine, clock=lambda: CLOCK)
    briefs = sorted((settings.output / "news.example.cn").glob("*.md"))
    assert len(briefs) == 2 and all(FOOTER not in b.read_text("utf-8") for b in briefs)
    save(settings.input, 2)  # a later page of the same site, alone in its run
    run(settings, engine_factory=FakeEngine, clock=lambda: CLOCK)
    later = (settings.output / "news.example.cn" / "2026-03-12-page2.md").read_text("utf-8")
    assert STORIES[2] in later and FOOTER not in later
    store = Store.of_output(settings.output)
    assert set(store.site_lines().recurring()) == {"news.example.cn"}
    store.close()
