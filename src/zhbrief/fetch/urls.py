"""URL normalisation: one spelling per page, tracking parameters removed, hosts compared."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that say where a reader came from, not which page it is.
TRACKING = frozenset(
    {
        "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
        "_hsenc", "_hsmi", "ref", "ref_src", "spm", "scm", "share_token", "sharer_shareid",
        "from", "isappinstalled", "wfr", "scene", "clicktime", "enterid", "share_from",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": 80, "https": 443}
_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of an http(s) URL (resolved against base); None if not one."""
    absolute = urljoin(base, url.strip()) if base else url.strip()
    try:
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:  # a bad port or IPv6 literal
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    netloc = parts.hostname.lower().rstrip(".")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    """The host and non-default port of a normalised URL, without a leading "www."."""
    netloc = urlsplit(url).netloc
    return netloc[4:] if netloc.startswith("www.") else netloc


def same_host(a: str, b: str) -> bool:
    """Whether two URLs name the same site (www. or not, http or https)."""
    return host_of(a) == host_of(b)


def site_root(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_home_page(url: str) -> bool:
    """Whether a URL is a site's front page, which is never an article."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def host_folder(url: str) -> str:
    """The input sub-folder of a URL's host: the host name, then _port if not the default."""
    return urlsplit(url).netloc.replace(":", "_")


def slug_of(url: str) -> str:
    """A short ASCII file-name part from the URL's path; a hash when the path gives none."""
    path = urlsplit(url).path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    stem = last.rsplit(".", 1)[0] if "." in last else last
    slug = _SLUG_DROP.sub("-", stem.lower()).strip("-")[:60].strip("-")
    return slug or url_hash(url)


def url_hash(url: str) -> str:
    """Eight hex digits naming a URL."""
    return hashlib.sha256(url.encode()).hexdigest()[:8]
