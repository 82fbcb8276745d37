"""Engine scores: the `unsure` rule, and scores flowing from CTranslate2 through the cache into
a brief's flags on the synthetic package."""

from __future__ import annotations

import statistics
from datetime import datetime, timezone
from pathlib import Path

import pytest
from synthetic_package import ZH_LINES

from zhbrief.config import Settings
from zhbrief.documents import Translation
from zhbrief.run.runner import run
from zhbrief.store.db import Store
from zhbrief.translation import scores
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.engine import Decoding, cache_key, translate_sentences
from zhbrief.translation.packages import find_zh_en
from zhbrief.translation.quality import level, note
from zhbrief.translation.scores import mark_unsure, unsure

CLOCK = datetime(2026, 3, 12, 8, 0, 0, tzinfo=timezone.utc)
EVEN = [-0.42, -0.45, -0.39, -0.44, -0.41, -0.43, -0.40]


def test_a_sentence_far_below_its_article_is_unsure() -> None:
    assert unsure([*EVEN, -1.6]) == (*[False] * 7, True)
    assert unsure([*EVEN, -0.7]) == (False,) * 8  # below, but within the floor: not far
    assert unsure([-1.6, *EVEN]) == (True, *[False] * 7)  # wherever it stands


def test_no_norm_no_flag() -> None:
    assert unsure([*EVEN[:4], -3.0]) == (False,) * 5  # too few scored sentences to compare
    assert unsure([None] * 6 + [-3.0]) == (False,) * 7
    assert unsure([*EVEN, None]) == (False,) * 8  # no score: never flagged
    wide = [-0.2, -0.9, -1.6, -0.5, -1.2, -0.3, -1.9]
    assert unsure(wide) == (False,) * 7  # a spread-out article: nothing lies far from it


def test_the_flag_is_soft_and_says_what_it_means() -> None:
    assert level(("unsure",)) == "low"
    assert note("unsure") == "the engine was far less sure of this sentence than of the rest"


def test_title_and_body_are_judged_together_and_keep_their_shape() -> None:
    body = (tuple(Translation(f"s{i}", (), s) for i, s in enumerate(EVEN[:3])),)
    body += (tuple(Translation(f"t{i}", ("missing:5",), s) for i, s in enumerate(EVEN[3:])),)
    title, marked = mark_unsure(Translation("T", (), -1.6), body)
    assert title == Translation("T", ("unsure",), -1.6)
    assert marked == body  # nothing else changes
    _, low = mark_unsure(None, (*body, (Translation("x", ("missing:5",), -1.6),)))
    assert low[-1][0].flags == ("missing:5", "unsure")


def test_real_scores_are_cached_and_read_back(installed_model: Path) -> None:
    engine = ArgosEngine(find_zh_en(), Decoding(threads=1))
    cache = Store.open(":memory:").translations(cache_key(engine, engine.decoding))
    first = translate_sentences(engine, list(ZH_LINES[:4]), cache)
    expected = engine.translate_scored(list(ZH_LINES[:4]))
    assert [(t.en, t.score) for t in first] == [(a.en, a.score) for a in expected]
    assert all(t.score is not None and t.score < 0 for t in first)

    class Refusing(ArgosEngine):
        def translate_scored(self, sentences: object) -> list:  # type: ignore[override]
            raise AssertionError("the cache answers")

    again = translate_sentences(
        Refusing(engine.package, engine.decoding), list(ZH_LINES[:4]), cache
    )
    assert again == first


def clauses() -> list[str]:
    """Distinct clauses of the synthetic package's lines, each a short sentence of its own."""
    found = []
    for line in ZH_LINES:
        found += [c + "。" for c in line.replace("，", "。").split("。") if len(c) >= 4]
    return list(dict.fromkeys(found))


def test_an_outlier_of_the_synthetic_package_is_flagged_in_its_brief(
    tmp_path: Path, installed_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = ArgosEngine(find_zh_en(), Decoding(threads=1))
    pool = clauses()
    scored = dict(zip(pool, (a.score for a in engine.translate_scored(pool)), strict=True))
    middle = statistics.median(scored.values())
    even = sorted(pool, key=lambda c: abs(scored[c] - middle))[:8]
    low = min(pool, key=lambda c: scored[c])
    spread = max(abs(scored[c] - middle) for c in even)
    assert scored[low] < middle - 10 * spread  # the random weights make one clear outlier
    # the random model's scores lie closer together than a real model's: a lower floor
    monkeypatch.setattr(scores, "FLOOR", (middle - scored[low]) / 2)
    body = [*even[1:4], low, *even[4:]]
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text(f"{even[0]}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    settings = Settings(input=source, output=tmp_path / "out", download=False)
    assert run(settings, clock=lambda: CLOCK).written == ("a.txt",)
    brief = (tmp_path / "out" / "a.md").read_text(encoding="utf-8")
    notes = [line for line in brief.splitlines() if "far less sure" in line]
    assert len(notes) == 1 and low in notes[0]
    # from the cache (--force: nothing new to translate), the same scores give the same brief
    monkeypatch.setattr(ArgosEngine, "translate_scored", None)
    forced = Settings(input=source, output=tmp_path / "out", download=False, force=True)
    assert run(forced, clock=lambda: CLOCK).written == ("a.txt",)
    assert (tmp_path / "out" / "a.md").read_text(encoding="utf-8") == brief
