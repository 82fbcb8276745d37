"""stories/: story text, MinHash (as datasketch computes it), the direct similarity, grouping;
the front matter's story fields; the store's fingerprints and their window."""

from __future__ import annotations

from dataclasses import replace

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

from zhbrief.documents import Entry, Story, StoryMember
from zhbrief.ingest import prepare_article
from zhbrief.output.frontmatter import front_matter, split_front_matter, with_story
from zhbrief.run.stories import StoryBook, window
from zhbrief.store.db import Store
from zhbrief.store.stories import Kept, text_digest
from zhbrief.stories.arrival import arrival_of
from zhbrief.stories.groups import label, shown_once
from zhbrief.stories.match import fingerprint, overlap, story_id
from zhbrief.stories.minhash import signature
from zhbrief.stories.text import hash32, shingles

TITLE, PARAS = RATE_CUT


def text_of(data: str, rel: str = "a.txt") -> str:
    return fingerprint(prepare_article(data.encode("utf-8"), rel)).text


def test_signature_is_datasketchs_minhash() -> None:
    from datasketch import MinHash

    found = shingles("中国人民银行5日宣布下调金融机构存款准备金率")
    ours = signature(hash32(s) for s in found)
    theirs = MinHash(num_perm=len(ours), seed=1)
    for s in found:
        theirs.update(s.encode("utf-8"))
    assert ours.tolist() == theirs.hashvalues.tolist()


def test_copies_read_as_the_same_story_text() -> None:
    original = text_of(story_text(TITLE, PARAS))
    assert text_of(with_furniture(TITLE, PARAS), "b.html") == original  # furniture gone
    traditional = text_of(story_text(*in_traditional(TITLE, PARAS, "中央社台北5日電 ")))
    assert overlap(original, traditional).contained > 0.9  # folded back to Simplified
    noted = text_of(story_text("新标题", with_note(PARAS, "降准")))
    assert "编者按" not in noted and noted == original
    edited = text_of(story_text("新标题", edited_copy(PARAS)))
    assert overlap(original, edited).same and len(edited) < len(original) * 0.85


def test_different_stories_of_one_topic_are_not_the_same() -> None:
    original = text_of(story_text(TITLE, PARAS))
    analysis = text_of(story_text(RATE_CUT_ANALYSIS[0], (*RATE_CUT_ANALYSIS[1], STATEMENT)))
    balloon = text_of(story_text(BALLOON[0], (*BALLOON[1], STATEMENT)))
    assert not overlap(original, analysis).same
    assert not overlap(analysis, balloon).same  # one long statement quoted by both
    assert overlap(analysis, balloon).contained > 0.2  # ...which they do share


def test_a_short_text_has_no_bands_and_ids_are_stable() -> None:
    assert fingerprint(prepare_article("短讯\n\n今天下雨。\n".encode(), "s.txt")).bands == ()
    assert story_id("a.txt", "0" * 64) == story_id("a.txt", "0" * 64) != story_id("b.txt", "0")


def entry(output: str, story: str = "", day: str = "", chars: int = 10, **more: str) -> Entry:
    base = Entry(output, output[:-3] + ".txt", output, "", (), (), "2026-03-05T00:00:00Z")
    return replace(base, story=story, published=day, chars=chars, **more)


def test_shown_once_under_the_earliest_then_fullest_brief() -> None:
    found = shown_once(
        [
            entry("late.md", "s", "2026-03-06", 999),
            entry("short.md", "s", "2026-03-05", 5),
            entry("full.md", "s", "2026-03-05", 50),
            entry("alone.md", "", "2026-03-05"),
            entry("other.md", "", "2026-03-05"),
        ]
    )
    assert [(s.entry.output, [o.output for o in s.also]) for s in found] == [
        ("full.md", ["short.md", "late.md"]),
        ("alone.md", []),
        ("other.md", []),
    ]


def test_label_names_the_site_and_the_script() -> None:
    assert label(entry("x.md", site="中央社", script="traditional")) == "中央社 (Traditional)"
    assert label(entry("y.md", url="https://news.example.cn/a")) == "news.example.cn"
    assert label(entry("z.md")) == "z.md"


def test_with_story_replaces_only_the_story_fields() -> None:
    markdown = front_matter({"source": "a.txt", "story": "old", "same_story": []}) + "\n\n# T\n"
    member = StoryMember("b.md", "中央社", "https://x.tw/1", "2026-03-05", "traditional")
    new = with_story(markdown, Story("abc", (member,)))
    head, body = split_front_matter(new)
    assert body == "\n\n# T\n" and "source: a.txt" in head and "story: abc" in head
    assert "script: traditional" in head and "old" not in head


def test_the_store_finds_candidates_by_band_within_the_window() -> None:
    store = Store.open(":memory:")
    prints = store.stories()
    a = arrival_of(prepare_article(story_text(TITLE, PARAS).encode(), "a.txt"), "a.md", "")
    prints.put(Kept("a.txt", "s1", "2026-03-05", a.print.text), a.print.bands)
    assert [k.rel for k in prints.candidates(a.print.bands, *window("2026-03-07", 2))] == ["a.txt"]
    assert prints.candidates(a.print.bands, *window("2026-03-08", 2)) == []
    assert prints.candidates(a.print.bands[:0], "", "9999") == []
    assert prints.forget_before("2026-03-05") == 0  # not older than that day
    assert prints.forget_before("2026-03-06") == 1 and prints.forget_before("2026-03-06") == 0
    kept = prints.of("a.txt")
    assert kept is not None and (kept.story, kept.text) == ("s1", "")
    assert kept.digest == text_digest(a.print.text)  # a rerun still knows the text
    assert prints.candidates(a.print.bands, "", "9999") == []
    assert prints.remove("a.txt") == "s1" and prints.stale() == ["s1"]
    assert prints.candidates(a.print.bands, "", "9999") == []
    store.close()


def test_the_book_joins_a_copy_in_one_batch_and_keeps_a_rerun() -> None:
    store = Store.open(":memory:")
    book = StoryBook(days=7)
    raw = {
        "a.txt": story_text(TITLE, PARAS),
        "b.txt": story_text("央行今年首次降准", with_note(PARAS, "降准")),
        "c.txt": story_text(*BALLOON),
    }
    got = [
        arrival_of(prepare_article(t.encode(), rel), rel[0] + ".md", "2026-03-05")
        for rel, t in raw.items()
    ]
    stories = book.assign(store, got)
    assert stories["a.txt"].id == stories["b.txt"].id != stories["c.txt"].id
    assert [m.file for m in stories["b.txt"].others] == ["a.md"]
    for a in got:
        book.record(store, a.rel)
    again = StoryBook(days=7).assign(store, list(reversed(got)))  # a rerun, in another order
    assert {r: s.id for r, s in again.items()} == {r: s.id for r, s in stories.items()}
    store.close()
