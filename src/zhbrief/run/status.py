"""`zhbrief status`: what is pending, done, failed or skipped, from the same plan a run acts on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from zhbrief.config import Settings
from zhbrief.layout import Layout
from zhbrief.run.engine_choice import known_model
from zhbrief.run.plan import make_plan
from zhbrief.run.report import REPORT_SCHEMA, counted
from zhbrief.run.safety import environment_errors
from zhbrief.store.db import Record, Store


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The state of every source, grouped."""

    pending: tuple[str, ...]
    done: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...]
    deleted: tuple[str, ...]
    model: str | None = None  # the engine the plan was made with; None when none is installed
    fetches: tuple[tuple[str, int], ...] = ()  # `zhbrief fetch` URLs by status
    stories: int = 0  # the stories of the briefs (copies of one story count once)


def collect_status(settings: Settings) -> StatusReport:
    """Compare the input folder with the state database the way `zhbrief run` would."""
    records: dict[str, Record] = {}
    fetches: dict[str, int] = {}
    stories = 0
    db = Layout(settings.output).db
    if db.exists():
        with environment_errors(settings.output):
            store = Store.open(db)
            records = store.records()
            fetches = store.fetches().counts()
            briefs = [rel for rel, r in records.items() if r.status == "done" and r.output]
            stories = count_stories(store, briefs)
            store.close()
    model = known_model(settings)  # None: the run would download one; compare sources alone
    plan = make_plan(settings, records, model)
    done, failed, skipped = [], list(plan.unusable), list(plan.ignored)
    pending = []
    for rel in plan.sources:
        rec = records.get(rel)
        if rel in plan.pending and rec is not None and rec.status == "failed":
            # still failing: counted as failed, and the next run tries it again
            failed.append((rel, f"{rec.error or ''} (the next run retries it)"))
            continue
        if rel in plan.pending or rec is None:
            pending.append(rel)
            continue
        if rec.status == "done":
            done.append(rel)
        elif rec.status == "failed":
            failed.append((rel, rec.error or ""))
        else:
            skipped.append((rel, rec.error or ""))
    deleted, _ = plan.gone(records)
    return StatusReport(
        tuple(pending),
        tuple(done),
        tuple(failed),
        tuple(skipped),
        tuple(deleted),
        None if model is None else model.label,
        tuple(sorted(fetches.items())),
        stories,
    )


def count_stories(store: Store, briefs: list[str]) -> int:
    """How many stories these briefs tell (a brief made before stories: a story of its own)."""
    known = store.stories().story_of(briefs)
    return len(set(known.values())) + sum(1 for rel in briefs if rel not in known)


def render_status(report: StatusReport) -> str:
    """Plain text for the terminal."""
    lines = [
        f"{len(report.pending)} pending, {len(report.done)} done, {len(report.failed)} failed, "
        f"{len(report.skipped)} skipped, {len(report.deleted)} deleted; "
        f"{counted(report.stories, 'story', 'stories')}"
    ]
    if report.fetches:
        lines.append("fetched pages: " + ", ".join(f"{n} {s}" for s, n in report.fetches))
    lines += [f"pending  {rel}" for rel in report.pending]
    lines += [f"failed   {rel}: {why}" for rel, why in report.failed]
    lines += [f"skipped  {rel}: {why}" for rel, why in report.skipped]
    lines += [f"deleted  {rel} (brief kept; run --prune to remove it)" for rel in report.deleted]
    return "\n".join(lines) + "\n"


def status_json(report: StatusReport) -> str:
    """The same report for scripts: JSON with the report schema version."""
    data = {
        "schema": REPORT_SCHEMA,
        "model": report.model,
        "pending": list(report.pending),
        "done": list(report.done),
        "failed": [{"source": s, "reason": r} for s, r in report.failed],
        "skipped": [{"source": s, "reason": r} for s, r in report.skipped],
        "deleted": list(report.deleted),
        "stories": report.stories,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
