"""`zhbrief status`: what is pending, done, failed or skipped, read from the state database."""

from __future__ import annotations

from dataclasses import dataclass

from zhbrief.config import Settings
from zhbrief.sources import find_sources
from zhbrief.state import State, source_key, state_dir


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The state of every source, grouped."""

    pending: tuple[str, ...]
    done: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    deleted: tuple[str, ...]


def collect_status(settings: Settings) -> StatusReport:
    """Compare the input folder with the state database (content hashes only; no model needed)."""
    paths = {p.relative_to(settings.input).as_posix(): p for p in find_sources(settings.input)}
    records = {}
    if (state_dir(settings.output) / "state.db").exists():
        state = State.open(settings.output)
        records = state.records()
        state.close()
    pending, done, failed, skipped = [], [], [], []
    for rel, path in paths.items():
        rec = records.get(rel)
        if rec is None or rec.sha256 != source_key(path, settings.max_bytes):
            pending.append(rel)
        elif rec.status == "done":
            done.append(rel)
        elif rec.status == "failed":
            failed.append((rel, rec.error or ""))
        else:
            skipped.append((rel, rec.error or ""))
    deleted = sorted(rel for rel, r in records.items() if rel not in paths and r.status == "done")
    return StatusReport(tuple(pending), tuple(done), tuple(failed), tuple(skipped), tuple(deleted))


def render_status(report: StatusReport) -> str:
    """Plain text for the terminal."""
    lines = [
        f"{len(report.pending)} pending, {len(report.done)} done, {len(report.failed)} failed, "
        f"{len(report.skipped)} skipped, {len(report.deleted)} deleted"
    ]
    lines += [f"pending  {rel}" for rel in report.pending]
    lines += [f"failed   {rel}: {why}" for rel, why in report.failed]
    lines += [f"skipped  {rel}: {why}" for rel, why in report.skipped]
    lines += [f"deleted  {rel} (brief kept; run --prune to remove it)" for rel in report.deleted]
    return "\n".join(lines) + "\n"
