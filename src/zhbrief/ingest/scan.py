"""Walk the input folder safely: regular files only, links kept inside, zhbrief's own folders out."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zhbrief.controls import bad_in_name, escaped
from zhbrief.errors import UsageError
from zhbrief.layout import STATE  # a folder holding it is an output folder: never read as input

SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm")
OUTSIDE_LINK = "is a link to a file outside the input folder; pass --follow-symlinks to read it"
OUTSIDE_DIR = "is a link to a folder outside the input folder; pass --follow-symlinks to read it"


@dataclass(frozen=True, slots=True)
class Scan:
    """The readable sources of an input folder, and what was left out and why."""

    sources: dict[str, Path] = field(default_factory=dict)  # relative POSIX path → file
    skipped: tuple[tuple[str, str], ...] = ()  # links, special files: left alone
    failed: tuple[tuple[str, str], ...] = ()  # names that cannot be recorded: the user must act


def shown_name(rel: str) -> str:
    """A printable form of a path whose bytes are not UTF-8 (kept as surrogates by Python)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def scan_sources(
    input_dir: Path, exclude: Iterable[Path] = (), follow_symlinks: bool = False
) -> Scan:
    """The article files under `input_dir`, recursively, sorted by relative POSIX path."""
    if not input_dir.is_dir():
        raise UsageError(
            f"Input folder not found: {input_dir}. "
            "Create it and put .txt, .md or .html articles in it."
        )
    walker = _Walker(input_dir, {os.path.realpath(p) for p in exclude}, follow_symlinks)
    walker.walk()
    return Scan(
        {rel: walker.found[rel] for rel in sorted(walker.found)},
        tuple(sorted(walker.skipped)),
        tuple(sorted(walker.failed)),
    )


class _Walker:
    """One walk: folders once each (links loop), links checked, special files left out."""

    def __init__(self, root: Path, exclude: set[str], follow: bool) -> None:
        self.root = root
        self.real_root = os.path.realpath(root)
        self.exclude = exclude
        self.follow = follow
        self.found: dict[str, Path] = {}
        self.skipped: list[tuple[str, str]] = []
        self.failed: list[tuple[str, str]] = []

    def walk(self) -> None:
        """Fill found, skipped and failed."""
        seen: set[str] = set()
        # followlinks=True so linked folders count; _keep_dir decides which links are entered
        for root, dirs, files in os.walk(self.root, followlinks=True):
            real = os.path.realpath(root)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if self._keep_dir(Path(root, d)))
            for name in files:
                if not name.startswith(".") and name.lower().endswith(SOURCE_SUFFIXES):
                    self._consider(Path(root, name))

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _inside(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return real == self.real_root or real.startswith(self.real_root.rstrip("/") + "/")

    def _keep_dir(self, path: Path) -> bool:
        if path.name.startswith("."):
            return False
        if os.path.realpath(path) in self.exclude or _holds_state(str(path)):
            return False  # the output folder, or another run's: reading it would feed on itself
        if path.is_symlink() and not self.follow and not self._inside(path):
            self.skipped.append((self._rel(path), OUTSIDE_DIR))
            return False
        return True

    def _consider(self, path: Path) -> None:
        rel = self._rel(path)
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            self.failed.append((shown_name(rel), _BAD_NAME))
            return
        if bad_in_name(rel):  # it would carry an ESC or a bidi override into the outputs
            self.failed.append((escaped(rel), _CONTROL_NAME))
            return
        if path.is_symlink() and not self.follow and not self._inside(path):
            self.skipped.append((rel, OUTSIDE_LINK))
            return
        try:
            mode = os.stat(path).st_mode
        except OSError:  # a broken link or a file removed while walking: reading reports it
            self.found[rel] = path
            return
        if stat.S_ISREG(mode):
            self.found[rel] = path
        else:
            self.skipped.append((rel, "is not a regular file (a pipe, device or socket)"))


_BAD_NAME = (
    "file name is not valid UTF-8 (shown with \\x escapes); "
    "rename it, e.g. with 'convmv -f gbk -t utf-8 --notest FILE'"
)


_CONTROL_NAME = "file name holds a control character or a bidi override (shown escaped); rename it"


def _holds_state(folder: str) -> bool:
    """Whether `folder` is a zhbrief output folder (it has a .zhbrief state folder)."""
    return os.path.isdir(os.path.join(folder, STATE))
