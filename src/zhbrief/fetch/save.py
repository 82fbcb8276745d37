"""A fetched page on disk: input/<host>/<YYYY-MM-DD>-<slug>.html, written atomically."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from zhbrief.fetch.feeddates import parse_date
from zhbrief.fetch.urls import host_folder, slug_of, url_hash
from zhbrief.output.files import write_bytes_atomic


def page_date(html: str, url: str) -> str:
    """The publication date a page gives (trafilatura's metadata), "" when it gives none."""
    from trafilatura.metadata import extract_metadata

    try:
        found = extract_metadata(html, default_url=url, extensive=False).date
    except Exception:  # a date is a nicety for the file name; never fail a page over it
        return ""
    return parse_date(str(found or ""))


def page_name(url: str, day: str, taken: set[str]) -> str:
    """The page's path relative to the input folder; the URL's hash is added on a clash."""
    folder = PurePosixPath(host_folder(url))
    name = (folder / f"{day}-{slug_of(url)}.html").as_posix()
    if name in taken:
        name = (folder / f"{day}-{slug_of(url)}-{url_hash(url)}.html").as_posix()
    return name


def save_page(input_dir: Path, name: str, body: bytes) -> Path:
    """Write the raw bytes under the input folder; a reader sees the whole page or none."""
    path = input_dir / name
    write_bytes_atomic(path, body)
    return path
