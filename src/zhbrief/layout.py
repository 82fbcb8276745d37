"""The output folder's layout: every file and folder zhbrief keeps there, named in one place.

    output/
      index.md                 the index of briefs (Markdown)
      a/b.md                   one brief per source (input/a/b.txt)
      site/index.html, style.css, a/b.html    the reading site
      feed.xml                 the Atom feed
      digest/YYYY-MM-DD.md, .html             one digest a day
      .zhbrief/state.db, lock, last-run.json, models/    the state folder

Every module asks this one (the store included, so it imports nothing of zhbrief but places).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhbrief.places import cache_dir

STATE = ".zhbrief"  # a folder holding this is an output folder: never read as input
INDEX = "index.md"
SITE = "site"
SITE_INDEX = f"{SITE}/index.html"
STYLESHEET = f"{SITE}/style.css"
FEED = "feed.xml"
DIGEST = "digest"


@dataclass(frozen=True, slots=True)
class Layout:
    """The places inside one output folder."""

    root: Path

    @property
    def state(self) -> Path:
        """The state folder: database, lock, run report, unpacked models."""
        return self.root / STATE

    @property
    def db(self) -> Path:
        """The state database (store/db.py owns what is in it)."""
        return self.state / "state.db"

    @property
    def lock(self) -> Path:
        """The run lock, shared by `run` and `fetch`."""
        return self.state / "lock"

    @property
    def last_run(self) -> Path:
        """The machine-readable report of the last folder run."""
        return self.state / "last-run.json"

    @property
    def models(self) -> Path:
        """Where `--model FILE.argosmodel` is unpacked, once per file."""
        return self.state / "models"

    @property
    def index(self) -> Path:
        """index.md, the Markdown index of every brief."""
        return self.root / INDEX

    @property
    def site(self) -> Path:
        """The reading site's folder."""
        return self.root / SITE


def models_dir(output: Path | None) -> Path:
    """Where model files are unpacked: the output's state folder, else the user's cache.

    A run to stdout has no output folder and writes none, so it unpacks into the cache.
    """
    return Layout(output).models if output is not None else cache_dir() / "models"


def page_name(brief: str) -> str:
    """The site page of a Markdown brief, inside site/: `a/b.md` → `a/b.html`."""
    return str(PurePosixPath(brief).with_suffix(".html"))


def digest_name(day: str, suffix: str) -> str:
    """A day's digest inside the output folder: `digest/2026-03-12.md` (suffix ".md", ".html")."""
    return f"{DIGEST}/{day}{suffix}"


def reserved(name: str) -> bool:
    """Whether a brief may not take this name: the index, or a place of the digests."""
    return name == INDEX or PurePosixPath(name).parent == PurePosixPath(DIGEST)
