"""Same story, many sources, through a real run: copies made four ways share the original's
`story`; different stories on the same topic keep their own; ids stay across reruns, --force
and a copy arriving a day later; index, feed and digest show each story once."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml
from builders import (
    BALLOON,
    RATE_CUT,
    RATE_CUT_ANALYSIS,
    STATEMENT,
    edited_copy,
    in_traditional,
    story_text,
    with_furniture,
    with_note,
)
from fakes import FakeEngine

from zhbrief.config import Settings
from zhbrief.run.report import RunReport
from zhbrief.run.runner import run
from zhbrief.run.status import collect_status, status_json
from zhbrief.store.db import Store

CLOCK = datetime(2026, 3, 5, 9, 0, 0, tzinfo=timezone.utc)
COPIES = ("furniture.md", "traditional.md", "edited.md", "note.md")
ATOM = "{http://www.w3.org/2005/Atom}"


def go(settings: Settings, when: datetime = CLOCK, **changes: object) -> RunReport:
    values = {k: getattr(settings, k) for k in Settings.__slots__}
    values.update(changes)
    return run(Settings(**values), engine_factory=FakeEngine, clock=lambda: when)


def put(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def fields(out: Path, name: str) -> dict[str, object]:
    text = (out / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert isinstance(data, dict)
    return data


def stories(out: Path) -> dict[str, str]:
    return {
        p.name: str(fields(out, p.name)["story"])
        for p in sorted(out.glob("*.md"))
        if p.name != "index.md"
    }


def write_mix(folder: Path) -> None:
    """The original, a copy made each of the four ways, and three different stories: the same
    rate cut analysed, and two stories quoting one long statement."""
    title, paras = RATE_CUT
    put(folder, "original.txt", story_text(title, paras))
    put(folder, "furniture.html", with_furniture(title, paras))
    put(folder, "traditional.txt", story_text(*in_traditional(title, paras, "中央社台北5日電 ")))
    put(folder, "edited.txt", story_text("降准0.25个百分点 释放资金5000亿", edited_copy(paras)))
    put(folder, "note.txt", story_text("央行今年首次降准", with_note(paras, "降准")))
    put(
        folder, "analysis.txt", story_text(RATE_CUT_ANALYSIS[0], (*RATE_CUT_ANALYSIS[1], STATEMENT))
    )
    put(folder, "balloon.txt", story_text(BALLOON[0], (*BALLOON[1], STATEMENT)))


@pytest.fixture
def mix(tmp_path: Path, installed_model: Path) -> Settings:
    write_mix(tmp_path / "in")
    return Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)


def test_copies_share_the_story_and_near_topics_keep_their_own(mix: Settings) -> None:
    report = go(mix)
    out = mix.output
    found = stories(out)
    assert len(found) == 7
    assert {found[name] for name in COPIES} == {found["original.md"]}
    assert len({found["original.md"], found["analysis.md"], found["balloon.md"]}) == 3
    assert (report.stories, report.shared) == (3, 1)  # one story of five briefs
    original = fields(out, "original.md")
    listed = original["same_story"]
    assert isinstance(listed, list)
    assert sorted(m["file"] for m in listed) == sorted(COPIES)
    assert any(m.get("script") == "traditional" for m in listed)
    assert fields(out, "analysis.md")["same_story"] == []


def test_index_feed_digest_show_a_story_once(mix: Settings) -> None:
    go(mix)
    out = mix.output
    index = (out / "index.md").read_text(encoding="utf-8")
    lines = [line for line in index.splitlines() if line.startswith("- ")]
    assert len(lines) == 3
    story = next(line for line in lines if "also:" in line)
    assert story.count("](") == 5  # the lead and its four copies
    assert "(Traditional)" in story
    feed = ET.fromstring((out / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    related = [e for e in entries if e.findall(f"{ATOM}link[@rel='related']")]
    assert len(related) == 1 and len(related[0].findall(f"{ATOM}link[@rel='related']")) == 4
    digest = next((out / "digest").glob("*.md")).read_text(encoding="utf-8")
    assert digest.count("\n## ") == 3 and digest.count("also: ") == 1
    html = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('<li class="entry"') == 3 and html.count('class="meta also"') == 1


def test_status_counts_stories_and_briefs(mix: Settings) -> None:
    go(mix)
    status = collect_status(mix)
    assert (len(status.done), status.stories) == (7, 3)
    assert json.loads(status_json(status))["stories"] == 3


def test_ids_stay_after_a_rerun_and_force(mix: Settings) -> None:
    go(mix)
    first = stories(mix.output)
    assert go(mix).written == ()
    assert stories(mix.output) == first
    assert len(go(mix, force=True).written) == 7
    assert stories(mix.output) == first


def test_a_copy_a_day_later_joins_and_is_listed_by_the_others(mix: Settings) -> None:
    (mix.input / "note.txt").unlink()
    go(mix)
    first = stories(mix.output)
    paras = RATE_CUT[1]
    put(mix.input, "note.txt", story_text("央行今年首次降准", with_note(paras, "降准")))
    report = go(mix, CLOCK + timedelta(days=1))
    assert report.written == ("note.txt",)
    after = stories(mix.output)
    assert after["note.md"] == first["original.md"]
    assert {k: v for k, v in after.items() if k != "note.md"} == first
    listed = fields(mix.output, "original.md")["same_story"]
    assert isinstance(listed, list) and "note.md" in {m["file"] for m in listed}


def test_a_copy_outside_the_window_starts_its_own_story(mix: Settings) -> None:
    (mix.input / "note.txt").unlink()
    go(mix, story_days=2)
    paras = RATE_CUT[1]
    put(mix.input, "note.txt", story_text("央行今年首次降准", with_note(paras, "降准")))
    go(mix, CLOCK + timedelta(days=3), story_days=2)
    found = stories(mix.output)
    assert found["note.md"] != found["original.md"]
    assert fields(mix.output, "note.md")["same_story"] == []
    with closing(Store.of_output(mix.output)) as store:  # the old fingerprints are dropped
        old = store.stories().of("original.txt")
        assert old is not None and old.text == "" and old.story == found["original.md"]
    assert go(mix, CLOCK + timedelta(days=4), story_days=2, force=True).written
    assert stories(mix.output) == found  # and the ids stay


def test_a_pruned_copy_leaves_its_story(mix: Settings) -> None:
    go(mix)
    (mix.input / "edited.txt").unlink()
    go(mix)  # a source gone keeps its brief, and its place in the story, until --prune
    listed = fields(mix.output, "original.md")["same_story"]
    assert isinstance(listed, list) and "edited.md" in {m["file"] for m in listed}
    go(mix, prune=True)
    listed = fields(mix.output, "original.md")["same_story"]
    assert isinstance(listed, list) and "edited.md" not in {m["file"] for m in listed}
    assert len(listed) == 3
