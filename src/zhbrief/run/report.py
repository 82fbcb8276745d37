"""What a run did: the summary line, the exit code's evidence, and last-run.json."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone


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

    @property
    def new(self) -> int:
        """Sources processed this run (written, failed or skipped)."""
        return len(self.written) + len(self.failed) + len(self.skipped) - self.walk_notes

    def summary_line(self) -> str:
        """The one line a run ends with."""
        parts = [f"{len(self.written)} briefs written, {len(self.failed)} failed"]
        parts.append(f"{self.new} new, {self.unchanged} unchanged")
        if self.still_failing:
            parts.append(f"{self.still_failing} still failing (--retry-failed retries them)")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.flagged:
            parts.append(f"{self.flagged} sentences flagged")
        if self.deleted:
            parts.append(f"{len(self.deleted)} sources deleted (briefs kept; --prune removes them)")
        if self.pruned:
            parts.append(f"{len(self.pruned)} briefs pruned")
        return "; ".join(parts) + f" ({self.seconds:.1f} s)"


def report_json(report: RunReport) -> str:
    """The machine-readable run report."""
    data = asdict(report)
    data["failed"] = [{"source": s, "reason": r} for s, r in report.failed]
    data["skipped"] = [{"source": s, "reason": r} for s, r in report.skipped]
    data["summary"] = report.summary_line()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def now_utc() -> datetime:
    """The run's clock: SOURCE_DATE_EPOCH when set (reproducible output), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
