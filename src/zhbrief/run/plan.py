"""What a run has to do: the one decision `zhbrief run` acts on and `zhbrief status` reports."""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from zhbrief import __version__
from zhbrief.config import Settings, format_set
from zhbrief.ingest.scan import scan_sources
from zhbrief.output.files import output_names
from zhbrief.places import file_sha256
from zhbrief.run.work import Recipe
from zhbrief.store.db import SOURCE, Record
from zhbrief.summarizers import SummaryOptions
from zhbrief.translation.engine import Decoding
from zhbrief.translation.packages import PackageInfo


@dataclass(frozen=True, slots=True)
class Plan:
    """The sources of a run, their brief names, and which of them need work."""

    sources: dict[str, Path]  # relative POSIX path → file
    names: dict[str, str]  # relative path → brief path inside the output folder
    pending: tuple[str, ...]
    fingerprint: str | None  # None: no model to compare with (status without a package)
    ignored: tuple[tuple[str, str], ...] = ()  # links and special files left alone, with why
    unusable: tuple[tuple[str, str], ...] = ()  # files that cannot be recorded (bad names)

    def still_failing(self, records: dict[str, Record]) -> int:
        """Sources that failed before and wait for a change (not retried this run)."""
        return sum(
            1
            for rel in self.sources
            if rel not in self.pending and rel in records and records[rel].status == "failed"
        )


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
    settings: Settings, model: str, decoding: Decoding, created: datetime, progress: bool
) -> Recipe:
    """What shapes every brief of a run (folder, single article or Dask), from its settings."""
    return Recipe(
        summary=summary_options(settings),
        key_terms=settings.key_terms,
        model=model,
        decoding=decoding,
        created=created,
        progress=progress,
        html="html" in format_set(settings.formats),
    )


def fingerprint(settings: Settings, package: PackageInfo) -> str:
    """A hash of everything that shapes a brief besides the source itself."""
    summary = summary_options(settings)
    parts = {
        "zhbrief": __version__,
        "model": [package.name, package.version],
        "summarizer": [summary.method, summary.sentences, summary.ratio],
        "key_terms": settings.key_terms,
        "decoding": decoding_of(settings).fingerprint(),
    }
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


def needs_work(
    settings: Settings, rec: Record | None, path: Path, fp: str | None, name: str
) -> bool:
    """Whether a source must be (re)processed this run."""
    if rec is None or settings.force:
        return True
    if rec.sha256 != source_key(path, settings.max_bytes):
        return True
    if rec.status == "failed":
        # the environment heals outside zhbrief; a source's own failure waits for a change
        changed = fp is not None and rec.fingerprint != fp
        return settings.retry_failed or rec.kind != SOURCE or changed
    if rec.status == "skipped":
        return False
    if (fp is not None and rec.fingerprint != fp) or rec.output != name:
        return True
    return not (settings.output / name).is_file()


def make_plan(settings: Settings, records: dict[str, Record], fp: str | None) -> Plan:
    """Find the sources and decide, for each, whether it needs work."""
    scan = scan_sources(settings.input, [settings.output], settings.follow_symlinks)
    sources = scan.sources
    names = output_names(list(sources))
    pending = tuple(
        rel
        for rel, path in sources.items()
        if needs_work(settings, records.get(rel), path, fp, names[rel])
    )
    return Plan(sources, names, pending, fp, scan.skipped, scan.failed)
