"""`fetch --list`: what the last fetch found at a source, in words."""

from __future__ import annotations

from zhbrief.fetch.listing import last_result
from zhbrief.store.fetches import FeedState

WHEN = "2026-03-12T08:00:00Z"


def test_last_results() -> None:
    assert last_result(None) == "never fetched"
    failed = FeedState(url="u", checked=WHEN, result="failed", error="HTTP 404")
    assert last_result(failed) == f"{WHEN}, failed: HTTP 404"
    read = FeedState(url="u", kind="site", checked=WHEN, result="read", links=12, new=1, failed=2)
    assert last_result(read) == f"{WHEN}, site of 12 links: 1 new page, 2 failed"
    same = FeedState(url="u", kind="feed", checked=WHEN, result="unchanged")
    assert last_result(same) == f"{WHEN}, feed unchanged since the fetch before (HTTP 304)"
