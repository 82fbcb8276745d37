"""One article on its own (`run FILE`, `run -`, `-o -`): what it means, and its plan of one.

The plan then goes through the same work, writes and foreign-file check as a folder run's
(`runner.run_single`); nothing here briefs, names or translates on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import zhbrief
from zhbrief.config import Settings
from zhbrief.errors import SourceError, UsageError
from zhbrief.ingest.scan import scan_sources
from zhbrief.output.files import output_names
from zhbrief.run.plan import Plan

STDIN = Path("-")  # `zhbrief run -`: the article comes on standard input
STDOUT = Path("-")  # `-o -`: the brief goes to standard output


def is_single(source: Path) -> bool:
    """Whether `zhbrief run SOURCE` means one article (stdin or a file), not a folder."""
    return source == STDIN or source.is_file()


def _inside(source: Path, input_dir: Path) -> str | None:
    """The source's path relative to the input folder, None when it lies elsewhere."""
    try:
        return source.resolve().relative_to(input_dir.resolve()).as_posix()
    except ValueError:
        return None


def source_name(source: Path, input_dir: Path) -> str:
    """The name the brief gives its source: relative to the input folder when inside it."""
    if source == STDIN:
        return "-"
    return _inside(source, input_dir) or source.name


def read_stdin(stream: BinaryIO, max_bytes: int) -> bytes:
    """The article's bytes from a stream, refusing more than `max_bytes`."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise SourceError(f"is larger than the {max_bytes:,}-byte limit; pass --max-bytes")
    if not raw:
        raise SourceError("is empty; nothing to translate")
    return raw


def plan_of_one(settings: Settings, source: Path, fingerprint: str) -> Plan:
    """The plan of a run over one article: pending, named as a folder run would name it."""
    rel = source_name(source, settings.input)
    name = _name(settings, source, rel)
    return Plan({rel: source}, {rel: name}, (rel,), fingerprint, rules=zhbrief.RULES_VERSION)


def _name(settings: Settings, source: Path, rel: str) -> str:
    """The brief's name: the folder run's for a file of the input folder, else from `rel`."""
    if source != STDIN and _inside(source, settings.input) is not None:
        scan = scan_sources(settings.input, [settings.output], settings.follow_symlinks)
        names = output_names(list(scan.sources))
        if rel in names:  # siblings decide collisions (a.md beside a.txt) as in a folder run
            return names[rel]
    return output_names([rel])[rel]


def check_single_options(single: bool, to_stdout: bool, as_json: bool) -> None:
    """Refuse combinations with no sensible meaning, before any work."""
    if to_stdout and not single:
        raise UsageError("-o - (stdout) takes one article: give a file or - (stdin), not a folder.")
    if to_stdout and as_json:
        raise UsageError("--json needs the brief written into a folder (-o DIR), not to stdout.")
