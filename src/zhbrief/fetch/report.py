"""What a fetch did: the pages saved, the URLs that failed (a host's failure said once), the
summary line."""

from __future__ import annotations

from dataclasses import dataclass, field

from zhbrief.web.urls import site_root


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What a fetch did, for the summary line and the `url: reason` lines."""

    new: tuple[tuple[str, str], ...]  # (url, saved path relative to the input folder)
    failed: tuple[tuple[str, str], ...]  # (url, reason)
    skipped: tuple[tuple[str, str], ...]  # (url, reason): robots.txt
    planned: tuple[str, ...]  # --dry-run: the URLs that would be fetched
    sources: int
    seconds: float = 0.0
    dry_run: bool = False
    # (site, reason, pages): hosts left for this fetch (down, paused, robots.txt), said once
    held: tuple[tuple[str, str, int], ...] = ()

    @property
    def failures(self) -> int:
        """URLs that failed, those of held hosts included."""
        return len(self.failed) + sum(pages for _, _, pages in self.held)

    def summary_line(self) -> str:
        """`12 new pages from 3 sources, 1 failed (4.2 s)`."""
        count = len(self.planned) if self.dry_run else len(self.new)
        pages = "page" if count == 1 else "pages"
        sources = "source" if self.sources == 1 else "sources"
        what = f"{count} {pages} to fetch" if self.dry_run else f"{count} new {pages}"
        return (
            f"{what} from {self.sources} {sources}, {self.failures} failed ({self.seconds:.1f} s)"
        )

    def held_lines(self) -> list[str]:
        """One line per held host: `http://e.cn: reason (3 pages left for the next fetch)`."""
        return [
            f"{site}: {reason} ({pages} {'page' if pages == 1 else 'pages'} left for the next fetch)"
            for site, reason, pages in self.held
        ]


@dataclass(slots=True)
class Tally:
    """What a fetch did so far."""

    new: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    held: dict[str, tuple[str, int]] = field(default_factory=dict)  # site → (reason, pages)

    def hold(self, url: str, reason: str) -> None:
        """A page not asked because its host is left for this fetch: counted under the host."""
        site = site_root(url)
        first, pages = self.held.get(site, (reason, 0))
        self.held[site] = (first, pages + 1)

    def report(self, sources: int, seconds: float, dry_run: bool) -> FetchReport:
        """The frozen report of this tally."""
        return FetchReport(
            tuple(self.new),
            tuple(self.failed),
            tuple(self.skipped),
            tuple(self.planned),
            sources,
            seconds,
            dry_run,
            tuple((site, reason, pages) for site, (reason, pages) in self.held.items()),
        )
