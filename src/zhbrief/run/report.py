"""What a run did: the summary line, the exit code's evidence, and last-run.json."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from zhbrief.config import EPOCH
from zhbrief.config_rules import source_date

# version of the JSON report (last-run.json, `run --json`); bump it when a field changes meaning
REPORT_SCHEMA = 1


@dataclass(frozen=True, slots=True)
class RunReport:
    """What a run did, for the summary line, the exit code and last-run.json."""

    written: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    unchanged: int = 0
    deleted: tuple[str, ...] = ()
    pruned: tuple[str, ...] = ()
    flagged: int = 0
    still_failing: int = 0  # failed in earlier runs, waiting for the source or settings to change
    walk_notes: int = 0  # of failed and skipped: files the walk left out (links, pipes, bad names)
    seconds: float = 0.0
    model: str = ""
    started: str = ""
    reprocessed: int = 0  # of the processed sources, those seen before (changed, --force...)
    rebriefed: int = 0  # of `written`: briefs a zhbrief update (new rules version) changed
    kept: int = 0  # briefs a zhbrief update re-made the same: left as they were, not written
    stories: int = 0  # the stories of the briefs written (copies of one story count once)
    shared: int = 0  # of the stories of the briefs written, those with more than one brief

    @property
    def new(self) -> int:
        """Sources processed this run for the first time (files the walk left out are not)."""
        processed = len(self.written) + len(self.failed) + len(self.skipped) - self.walk_notes
        return processed - self.reprocessed - self.rebriefed

    @property
    def idle(self) -> bool:
        """Whether there was nothing at all to look at: no sources, nothing deleted or pruned."""
        seen = self.written or self.failed or self.skipped or self.unchanged or self.kept
        return not (seen or self.deleted or self.pruned)

    def summary_line(self) -> str:
        """The one line a run ends with."""
        parts = [f"{counted(len(self.written), 'brief')} written, {len(self.failed)} failed"]
        counts = [f"{self.new} new"]
        if self.reprocessed:
            counts.append(f"{self.reprocessed} re-processed")
        parts.append(", ".join([*counts, f"{self.unchanged} unchanged"]))
        if self.rebriefed or self.kept:
            after = f"re-briefed after a zhbrief update ({self.kept} unchanged)"
            parts.append(f"{self.rebriefed} {after}")
        if self.still_failing:
            parts.append(f"{self.still_failing} still failing (--retry-failed retries them)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.shared:
            told = f"{self.shared} told by several sources"
            parts.append(f"{counted(self.stories, 'story', 'stories')} ({told})")
        if self.flagged:
            parts.append(f"{counted(self.flagged, 'sentence')} flagged")
        if self.deleted:
            parts.append(
                f"{counted(len(self.deleted), 'source')} deleted (briefs kept; --prune removes them)"
            )
        if self.pruned:
            parts.append(f"{counted(len(self.pruned), 'brief')} pruned")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)"


def counted(n: int, noun: str, plural: str = "") -> str:
    """'1 brief', '2 briefs' ('1 story', '2 stories'): a count with its noun in the right number."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def report_json(report: RunReport) -> str:
    """The machine-readable run report: last-run.json and `zhbrief run --json`."""
    data: dict[str, object] = {"schema": REPORT_SCHEMA}
    data.update(asdict(report))
    data["new"] = report.new
    data["failed"] = [{"source": s, "reason": r} for s, r in report.failed]
    data["skipped"] = [{"source": s, "reason": r} for s, r in report.skipped]
    data["summary"] = report.summary_line()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def now_utc() -> datetime:
    """The run's clock: SOURCE_DATE_EPOCH when set (reproducible output), else now.

    Settings refuse a SOURCE_DATE_EPOCH no date can be (config.py); here it is never a crash.
    """
    epoch = os.environ.get(EPOCH)
    if epoch:
        with contextlib.suppress(ValueError):
            return source_date(epoch)
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
