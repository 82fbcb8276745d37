"""What a run has to do: the one decision `zhbrief run` acts on and `zhbrief status` reports."""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

import zhbrief
from zhbrief.config import Settings, format_set
from zhbrief.ingest.scan import scan_sources
from zhbrief.layout import Layout, page_name
from zhbrief.output.files import output_names
from zhbrief.places import file_sha256
from zhbrief.run.engine_choice import Model, is_local
from zhbrief.run.work import Recipe
from zhbrief.store.db import SOURCE, Record
from zhbrief.summarizers import SummaryOptions
from zhbrief.translation.engine import Decoding

# zhbrief 0.1 put its own version into the fingerprint: a record with that fingerprint and no
# rules version was made with today's settings, only under older rules.
LEGACY_VERSION = "0.1.0"

# What a source needs: nothing; a brief (new, changed, settings changed, --force); or a new
# brief under new rules, written only when it differs from the one on disk.
Work = Literal["", "brief", "update"]


@dataclass(frozen=True, slots=True)
class Plan:
    """The sources of a run, their brief names, and which of them need work."""

    sources: dict[str, Path]  # relative POSIX path → file
    names: dict[str, str]  # relative path → brief path inside the output folder
    pending: tuple[str, ...]
    fingerprint: str | None  # None: no model to compare with (status without a package)
    ignored: tuple[tuple[str, str], ...] = ()  # links and special files left alone, with why
    unusable: tuple[tuple[str, str], ...] = ()  # files that cannot be recorded (bad names)
    rules: int = 0  # the rules version its briefs are made under (zhbrief.RULES_VERSION)
    # pending only because the rules changed: source → `created` of the brief on record
    updating: Mapping[str, str] = field(default_factory=dict)

    def still_failing(self, records: dict[str, Record]) -> int:
        """Sources that failed before and wait for a change (not retried this run)."""
        return sum(
            1
            for rel in self.sources
            if rel not in self.pending and rel in records and records[rel].status == "failed"
        )

    def gone(self, records: dict[str, Record]) -> tuple[list[str], list[str]]:
        """Records whose source is gone: those with a brief kept on disk, and the rest."""
        deleted: list[str] = []
        forgotten: list[str] = []
        for rel, rec in sorted(records.items()):
            if rel not in self.sources:
                has_brief = rec.status == "done" and rec.output is not None
                (deleted if has_brief else forgotten).append(rel)
        return deleted, forgotten


def decoding_of(settings: Settings) -> Decoding:
    """The decoding settings a run uses."""
    return Decoding(
        beam_size=settings.beam_size,
        threads=settings.threads,
        compute_type=settings.compute_type,
        inter_threads=settings.inter_threads,
    )


def summary_options(settings: Settings) -> SummaryOptions:
    """The summary settings a run uses."""
    return SummaryOptions(settings.summarizer, settings.sentences, settings.ratio)


def recipe_of(
    settings: Settings,
    model: str,
    decoding: Decoding,
    created: datetime,
    progress: bool,
    pages: bool = True,
) -> Recipe:
    """What shapes every brief of a run (folder, single article or Dask), from its settings."""
    return Recipe(
        summary=summary_options(settings),
        key_terms=settings.key_terms,
        model=model,
        decoding=decoding,
        created=created,
        progress=progress,
        html=pages and "html" in format_set(settings.formats),
    )


def fingerprint(settings: Settings, model: Model, version: str | None = None) -> str:
    """A hash of the settings and engine that shape a brief (the rules version is kept apart).

    An Argos package's parts are those zhbrief 0.1 hashed, so its briefs stay settled; another
    engine's identity names the engine, so changing engine re-briefs. A server ignores the
    decoding settings."""
    summary = summary_options(settings)
    parts: dict[str, object] = {
        "model": model.identity(),
        "summarizer": [summary.method, summary.sentences, summary.ratio],
        "key_terms": settings.key_terms,
    }
    if is_local(model):
        parts["decoding"] = decoding_of(settings).fingerprint()
    if version is not None:  # the fingerprint zhbrief `version` recorded (see LEGACY_VERSION)
        parts["zhbrief"] = version
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def source_key(path: Path, max_bytes: int) -> str:
    """The content hash of a source; oversized files are keyed by size and mtime, never read."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # never hash a pipe or device: it may never end
            return f"special:{stat.S_IFMT(st.st_mode)}"
        if st.st_size > max_bytes:
            return f"size:{st.st_size}:mtime:{st.st_mtime_ns}"
        return file_sha256(path)
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def work_on(
    settings: Settings,
    rec: Record | None,
    path: Path,
    name: str,
    same: tuple[str, ...] | None,
    rules: int,
) -> Work:
    """What a source needs this run; `same` lists the fingerprints of today's settings."""
    if rec is None or settings.force or rec.sha256 != source_key(path, settings.max_bytes):
        return "brief"
    settings_changed = same is not None and rec.fingerprint not in same
    if rec.status == "failed":
        # the environment heals outside zhbrief; a source's own failure waits for a change
        changed = settings_changed or rec.rules != rules
        return "brief" if settings.retry_failed or rec.kind != SOURCE or changed else ""
    if rec.status == "skipped":
        return ""
    if settings_changed or rec.output != name or not (settings.output / name).is_file():
        return "brief"
    if rec.rules != rules or _page_missing(settings, name):
        # remade from the translation cache; the brief is rewritten only if it changed
        return "update" if rec.created else "brief"
    return ""


def _page_missing(settings: Settings, name: str) -> bool:
    """Whether a brief lacks its reading page (made before the site, or with --format md)."""
    wanted = "html" in format_set(settings.formats)
    return wanted and not (Layout(settings.output).site / page_name(name)).is_file()


def make_plan(settings: Settings, records: dict[str, Record], model: Model | None) -> Plan:
    """Find the sources and decide, for each, whether it needs work (no model: settings aside)."""
    scan = scan_sources(settings.input, [settings.output], settings.follow_symlinks)
    names = output_names(list(scan.sources))
    fp = None if model is None else fingerprint(settings, model)
    same = None if model is None else (fp or "", fingerprint(settings, model, LEGACY_VERSION))
    rules = zhbrief.RULES_VERSION
    pending, updating = [], {}
    for rel, path in scan.sources.items():
        rec = records.get(rel)
        work = work_on(settings, rec, path, names[rel], same, rules)
        if work:
            pending.append(rel)
        if work == "update" and rec is not None:
            updating[rel] = rec.created or ""
    return Plan(scan.sources, names, tuple(pending), fp, scan.skipped, scan.failed, rules, updating)
