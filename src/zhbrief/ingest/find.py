"""Find the input files and read each into a Document (text, Markdown or HTML)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import fields, replace
from pathlib import Path
from typing import Literal

from zhbrief.controls import drop_controls
from zhbrief.documents import Document, PageMeta
from zhbrief.errors import NotChineseError, ReadPermissionError, SourceError
from zhbrief.ingest.decode import NOT_CHINESE, decode_text
from zhbrief.ingest.html import extract_html
from zhbrief.ingest.scan import scan_sources
from zhbrief.places import read_regular
from zhbrief.zh import HAN

HTML_SUFFIXES = (".html", ".htm")
# a web page saved under .txt (or .md) is still a page: read it as HTML, not its markup as prose
# A feed file (RSS, Atom, RSS 1.0) after any XML declaration, stylesheet line or comment
_FEED_START = re.compile(r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]", re.S)
FEED_FILE = (
    "is an RSS or Atom feed, not an article: list the feed's address under [fetch] sources "
    "in zhbrief.toml and 'zhbrief fetch' saves each of its articles into the input folder"
)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def find_sources(input_dir: Path, follow_symlinks: bool = False) -> list[Path]:
    """Return the article files under `input_dir`, recursively, sorted by relative POSIX path."""
    return list(scan_sources(input_dir, follow_symlinks=follow_symlinks).sources.values())


def read_source(path: Path, input_dir: Path, max_bytes: int = 5_000_000) -> Document:
    """Read and decode one input file; raise SourceError (no path in the message) if unusable."""
    return parse_source(read_bytes(path, max_bytes), _relative(path, input_dir))


def parse_source(raw: bytes, rel: str) -> Document:
    """Decode the bytes of the source `rel` (its suffix says HTML) into a Document."""
    decoded = decode_text(raw)
    text = decoded.text
    if _FEED_START.match(text[:4096]):
        raise SourceError(FEED_FILE)
    kind: Literal["text", "html"] = "text"
    meta = PageMeta()
    if rel.lower().endswith(HTML_SUFFIXES) or _HTML_START.match(text):
        kind = "html"
        text, meta = extract_html(text)
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # what a page's entities spell (&#27;, &#x202E;) enters here: no control reaches a brief
    text, meta = drop_controls(text), _clean_meta(meta)
    if not HAN.search(text) and not HAN.search(meta.title):
        raise NotChineseError(NOT_CHINESE)
    return Document(
        rel=rel,
        sha256=hashlib.sha256(raw).hexdigest(),
        text=text,
        encoding=decoded.encoding,
        kind=kind,
        meta=meta,
        replaced=decoded.replaced,
    )


def _clean_meta(meta: PageMeta) -> PageMeta:
    """The page's metadata without controls or bidi overrides."""
    values = {f.name: getattr(meta, f.name) for f in fields(meta)}
    return replace(meta, **{k: drop_controls(v) for k, v in values.items() if isinstance(v, str)})


def _relative(path: Path, input_dir: Path) -> str:
    """The path relative to the input folder, POSIX separators; the path itself if outside it."""
    try:
        return path.relative_to(input_dir).as_posix()
    except ValueError:
        return path.as_posix()


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing files over `max_bytes` before reading them whole."""
    try:
        raw = read_regular(path, max_bytes + 1)
    except PermissionError:
        raise ReadPermissionError(
            "cannot be read: permission denied; check the file's permissions"
        ) from None
    except IsADirectoryError:
        raise SourceError(
            "is a folder, not a file; rename it or move it out of the input folder"
        ) from None
    except FileNotFoundError:
        raise SourceError(
            "cannot be read: it is a broken link or was removed during the run"
        ) from None
    except OSError as exc:
        raise SourceError(f"cannot be read: {exc.strerror or exc}") from None
    if raw is None:
        raise SourceError("is not a regular file (a pipe, device or socket); it is not read")
    if len(raw) > max_bytes:
        raise SourceError(
            f"is larger than the {max_bytes:,}-byte limit; raise max_bytes in zhbrief.toml "
            "or pass --max-bytes to read it"
        )
    if not raw:
        raise SourceError("is empty; nothing to translate")
    return raw
