"""Which URLs are articles, and the file names their pages are saved under."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import unquote, urlsplit

_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def is_home_page(url: str) -> bool:
    """Whether a URL is a site's front page, which is never an article."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def host_folder(url: str) -> str:
    """The input sub-folder of a URL's host: the host name, then _port if not the default."""
    netloc = urlsplit(url).netloc.replace("[", "").replace("]", "")  # an IPv6 literal's
    return netloc.replace(":", "_")


def slug_of(url: str) -> str:
    """A short ASCII file-name part from the URL's path; a hash when the path gives none."""
    path = unquote(urlsplit(url).path).rstrip("/")  # /%E6%96%B0 is 新: no slug of escapes
    last = path.rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    slug = _SLUG_DROP.sub("-", stem.lower()).strip("-")[:60].strip("-")
    return slug or url_hash(url)


def url_hash(url: str) -> str:
    """Eight hex digits naming a URL."""
    return hashlib.sha256(url.encode()).hexdigest()[:8]
