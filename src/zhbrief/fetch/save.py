"""A fetched page on disk: input/<host>/<YYYY-MM-DD>-<slug>.html, written atomically."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from zhbrief.fetch.urls import host_folder, slug_of, url_hash
from zhbrief.ingest.html import page_date
from zhbrief.output.files import write_bytes_atomic

__all__ = ["page_date", "page_name", "save_page"]  # page_date: the one reading of a page's date


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
