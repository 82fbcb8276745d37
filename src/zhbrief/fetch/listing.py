"""`zhbrief fetch --list`: every source with what its last fetch found (read-only, no network)."""

from __future__ import annotations

from zhbrief.fetch.job import FetchJob
from zhbrief.fetch.runner import fetch_log
from zhbrief.run.report import counted
from zhbrief.store.fetches import FeedState
from zhbrief.web.urls import to_uri


def list_sources(job: FetchJob) -> list[str]:
    """One line per source of the job: `URL: when, what the last fetch found`."""
    with fetch_log(job.output, write=False) as fetches:
        known = fetches.feeds()
    lines = []
    for source in job.sources:
        uri = to_uri(source)
        state = known.get(uri) if uri else None
        lines.append(f"{source}: {'not an http(s) URL' if uri is None else last_result(state)}")
    return lines


def last_result(state: FeedState | None) -> str:
    """What the last fetch of a source found, in words."""
    if state is None:
        return "never fetched"
    if state.result == "failed":
        return f"{state.checked}, failed: {state.error}"
    if state.result == "unchanged":
        return f"{state.checked}, {state.kind} unchanged since the fetch before (HTTP 304)"
    found = f"{state.kind} of {counted(state.links, 'link')}: {counted(state.new, 'new page')}"
    return f"{state.checked}, {found}" + (f", {state.failed} failed" if state.failed else "")
