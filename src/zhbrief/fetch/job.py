"""What one `zhbrief fetch` does, from the settings and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from zhbrief.config import Settings
from zhbrief.config_files import MAX_LIST_BYTES, read_setting_text
from zhbrief.fetch.opml import read_opml
from zhbrief.web.client import Polite


@dataclass(frozen=True, slots=True)
class FetchJob:
    """What one fetch does: small values, not the Settings."""

    input: Path
    output: Path  # its state database records the fetches; its lock is shared with `run`
    sources: tuple[str, ...]  # feeds, sites, sitemaps (an OPML file's too), as written
    urls: tuple[tuple[str, str], ...]  # one-off pages: (where it was listed, URL)
    max_per_source: int = 50
    refetch: bool = False
    dry_run: bool = False
    polite: Polite = field(default_factory=Polite)


def job_of(
    settings: Settings, urls: list[str], refetch: bool, dry_run: bool, opml: Path | None = None
) -> FetchJob:
    """The fetch the settings describe; `urls` (the command line) replace the configured sources
    and URL list; `opml` (the command line) replaces the configured OPML file."""
    fs = settings.fetch
    listed = [("command line", u) for u in urls]
    if not urls and fs.urls_file is not None:
        listed = [(str(fs.urls_file), u) for u in read_url_list(fs.urls_file)]
    subscriptions = opml or (None if urls else fs.opml)
    sources = () if urls else fs.sources
    if subscriptions is not None:
        sources += tuple(read_opml(subscriptions))
    return FetchJob(
        input=settings.input,
        output=settings.output,
        sources=tuple(dict.fromkeys(sources)),
        urls=tuple(listed),
        max_per_source=fs.max_per_source,
        refetch=refetch,
        dry_run=dry_run,
        polite=Polite(delay=fs.delay, timeout=fs.timeout, max_bytes=settings.max_bytes),
    )


def read_url_list(path: Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and # comments ignored."""
    fix = "fix urls_file in zhbrief.toml"
    text = read_setting_text(path, "fetch.urls_file", fix, MAX_LIST_BYTES)
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]
