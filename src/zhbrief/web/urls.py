"""URL spelling: an IRI sent as a URI, one form per page (tracking parameters removed), hosts."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

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
# What may stand unescaped in a path or query (RFC 3986 pchar, "/" and "?"), and "%" of the
# escapes already there; everything else (Chinese, spaces, controls) is sent as UTF-8 escapes.
_SAFE_PATH = "/:@!$&'()*+,;=%"
_SAFE_QUERY = _SAFE_PATH + "?"
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_NAME = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")


def to_uri(url: str, base: str | None = None) -> str | None:
    """An http(s) URL as it is sent (IRI made URI, host lower case); None if it is not one."""
    parts = _split(url, base)
    if parts is None:
        return None
    scheme, netloc, path, query = parts
    return urlunsplit((scheme, netloc, path, query, ""))


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The canonical spelling of an http(s) URL (resolved against base); None if not one."""
    parts = _split(url, base)
    if parts is None:
        return None
    scheme, netloc, path, query = parts
    # latin-1 keeps each escaped byte as it is: a GBK-encoded query stays the same bytes
    pairs = parse_qsl(query, keep_blank_values=True, encoding="latin-1")
    kept = [(k, v) for k, v in pairs if not _tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(kept), encoding="latin-1"), ""))


def _tracking(key: str) -> bool:
    name = key.lower()
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


def _split(url: str, base: str | None) -> tuple[str, str, str, str] | None:
    """(scheme, netloc, path, query) of an http(s) URL in URI form, or None."""
    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
        port = parts.port
        scheme = parts.scheme.lower()
        if scheme not in DEFAULT_PORTS:
            return None
        host = _host(parts)
        path = _escaped(parts.path or "/", _SAFE_PATH)
        query = _escaped(parts.query, _SAFE_QUERY)
    except (ValueError, UnicodeError):  # a bad port, IPv6 literal or host name, lone surrogates
        return None
    if host is None:
        return None
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    return scheme, netloc, path, query


def _host(parts: SplitResult) -> str | None:
    """The host as sent: lower case, IDNA (punycode) for a non-ASCII name, IPv6 in brackets."""
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal (urlsplit has taken its brackets off)
        ipaddress.IPv6Address(host.split("%", 1)[0])  # ValueError if it is not one
        return f"[{host}]"
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    return host if _HOST_NAME.fullmatch(host) else None


def _escaped(text: str, safe: str) -> str:
    """Percent-encode what a URI may not hold as UTF-8; escapes already there are kept."""
    return quote(_LONE_PERCENT.sub("%25", text), safe=safe)


def host_of(url: str) -> str:
    """The host and non-default port of a URL, lower case, without a leading "www."."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = _host(parts) or (parts.hostname or "")
    except (ValueError, UnicodeError):  # not a URL: a "host" no other URL shares
        return url.strip().lower()
    host = host.removeprefix("www.")
    default = DEFAULT_PORTS.get(parts.scheme.lower())
    return host if port is None or port == default else f"{host}:{port}"


def same_host(a: str, b: str) -> bool:
    """Whether two URLs name the same site (www. or not, http or https, any letter case)."""
    return host_of(a) == host_of(b)


def site_root(url: str) -> str:
    """scheme://host[:port] of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
