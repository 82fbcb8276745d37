"""The output folder's layout: every file and folder zhbrief keeps there, named in one place.

    output/
      index.md                 the index of briefs (Markdown)
      a/b.md                   one brief per source (input/a/b.txt)
      site/index.html, style.css, search-index.js, a/b.html    the reading site
      feed.xml                 the Atom feed of every brief
      feeds/<site>.xml, feeds/digests.xml     a feed per site, and one of the digests
      digest/YYYY-MM-DD.md, .html             one digest a day
      digest/YYYY-MM.html                     one archive page a month
      .zhbrief/state.db, lock, last-run.json, models/    the state folder

Every module asks this one (the store included, so it imports nothing of zhbrief but places).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from zhbrief.places import cache_dir

STATE = ".zhbrief"  # a folder holding this is an output folder: never read as input
INDEX = "index.md"
SITE = "site"
SITE_INDEX = f"{SITE}/index.html"
STYLESHEET = f"{SITE}/style.css"
SEARCH_DATA = f"{SITE}/search-index.js"  # what the index's search box looks through
FEED = "feed.xml"
FEEDS = "feeds"
DIGEST_FEED = f"{FEEDS}/digests.xml"
DIGEST = "digest"
# What `zhbrief serve` may answer: the reading side's kinds of file, never a hidden name (the
# state folder, a run's temp files).
PUBLIC_SUFFIXES = frozenset({".html", ".css", ".js", ".xml", ".md"})
# A site's name as a file name: letters and digits of any script, `-`, `_` and `.` inside.
_SAFE_NAME = re.compile(r"[^\w.-]+")
_TAKEN = frozenset(
    {"digests", "con", "prn", "aux", "nul"}
    | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
)
MAX_FEED_NAME = 60  # characters of a site's name kept in its feed's file name


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


def brief_of_page(page: str) -> str:
    """The Markdown brief of a site page, inside the output folder: `a/b.html` → `a/b.md`."""
    return str(PurePosixPath(page).with_suffix(".md"))


def digest_name(day: str, suffix: str) -> str:
    """A day's digest inside the output folder: `digest/2026-03-12.md` (suffix ".md", ".html")."""
    return f"{DIGEST}/{day}{suffix}"


def archive_name(month: str) -> str:
    """A month's archive page inside the output folder: `digest/2026-03.html`."""
    return f"{DIGEST}/{month}.html"


def site_feed_name(site: str) -> str:
    """The feed of one site inside the output folder: `feeds/新华网.xml`, `feeds/bbc-news-1a2b3c.xml`.

    A name that is already a safe file name is kept as it is; any other (spaces, slashes, upper
    case, a leading dot, too long, a name a system reserves) is cleaned and given a short hash of
    the whole name, so two sites never share a feed and a site's feed never moves.
    """
    name = unicodedata.normalize("NFC", site)
    slug = _SAFE_NAME.sub("-", name).strip("-.").lower()[:MAX_FEED_NAME].strip("-.")
    if not slug or slug != site or slug in _TAKEN:
        tag = hashlib.sha256(site.encode("utf-8", "surrogatepass")).hexdigest()[:6]
        slug = f"{slug}-{tag}" if slug else tag
    return f"{FEEDS}/{slug}.xml"


def public(name: str) -> bool:
    """Whether a path inside the output folder is part of the reading side a server may answer."""
    path = PurePosixPath(name)
    visible = all(part and not part.startswith(".") for part in path.parts)
    return visible and path.suffix in PUBLIC_SUFFIXES


def reserved(name: str) -> bool:
    """Whether a brief may not take this name: the index, or a place of the digests."""
    return name == INDEX or PurePosixPath(name).parent == PurePosixPath(DIGEST)
