"""What a failed exchange means: ask again now (and when), give the host up, or fail one URL.

A host is given up only when it cannot be connected to at all (DNS, refused, no route, connect
timeout); anything after a connection was made (a page that hangs, a body cut short, a bad TLS
certificate, a malformed answer) fails that one URL and leaves the host to the others.
"""

from __future__ import annotations

import errno
import http.client
import socket
import ssl
import urllib.error
from datetime import datetime, timezone
from email.message import Message
from email.utils import parsedate_to_datetime

from zhbrief.errors import FetchError

MAX_RETRY_AFTER = 120.0  # seconds the client waits when a server asks (Retry-After) at most
_NO_ROUTE = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL, errno.ENETDOWN)
_ASK_AGAIN = (408, 429)  # 4xx that mean "not now" rather than "never"


class Failure(FetchError):
    """A FetchError with the client's verdict on it."""

    def __init__(
        self,
        reason: str,
        *,
        permanent: bool = False,
        status: int | None = None,
        again: bool = False,  # worth asking again within this fetch
        unreachable: bool = False,  # the host could not be connected to at all
        wait: float | None = None,  # seconds the server asked to be left alone (Retry-After)
        host_wide: bool = False,  # the host's failure, not this URL's: the URL was not asked
    ) -> None:
        super().__init__(reason, permanent=permanent, status=status)
        self.again = again
        self.unreachable = unreachable
        self.wait = wait
        self.host_wide = host_wide


def status_failure(status: int, headers: Message, max_wait: float) -> Failure:
    """The failure of an HTTP error status: 5xx, 408 and 429 are asked again, other 4xx never."""
    if status < 500 and status not in _ASK_AGAIN:
        return Failure(f"HTTP {status}", permanent=True, status=status)
    wait = retry_after(headers) if status in (429, 503) else None
    if wait is not None and wait > max_wait:
        reason = f"HTTP {status}: {pause_reason(wait, max_wait)}"
        return Failure(reason, status=status, wait=wait)
    return Failure(f"HTTP {status}", status=status, again=True, wait=wait)


def pause_reason(wait: float, max_wait: float) -> str:
    """Why a URL is not asked for: the pause its server asked is longer than the client waits."""
    return (
        f"the server asks for a pause of {wait:,.0f} s (Retry-After), more than the "
        f"{max_wait:,.0f} s zhbrief waits; asked again next time"
    )


def retry_after(headers: Message) -> float | None:
    """Seconds a Retry-After header asks for (a number, or an HTTP date); None without one."""
    value = (headers.get("Retry-After") or "").strip()
    if value.isascii() and value.isdigit():
        return float(value) if len(value) <= 12 else 1e12  # no int() of a million digits
    when = _http_date(value)
    if when is None:
        return None
    # measured against the server's own clock when it sends one: no skew between the two
    now = _http_date(headers.get("Date") or "") or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _http_date(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def network_failure(exc: BaseException, connected: bool, overdue: bool) -> Failure:
    """The failure of an exchange that got no HTTP status (or no whole body)."""
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if overdue:  # the watch cut a server that dripped its answer
        return Failure("too slow: the page did not arrive in time")
    if isinstance(inner, ssl.SSLError | ssl.CertificateError):  # before ValueError: one too
        return Failure(f"TLS failed ({getattr(inner, 'reason', None) or inner})")
    if not isinstance(inner, BaseException) or isinstance(inner, ValueError):
        return Failure(f"cannot request this URL ({inner})", permanent=True)
    if isinstance(inner, http.client.InvalidURL):
        return Failure(f"invalid URL ({inner})", permanent=True)
    if isinstance(inner, socket.gaierror):
        return Failure("DNS lookup failed (offline, or no such host)", again=True, unreachable=True)
    if not connected and isinstance(inner, ConnectionRefusedError | TimeoutError):
        refused = isinstance(inner, ConnectionRefusedError)
        reason = "connection refused" if refused else "timed out connecting"
        return Failure(reason, again=True, unreachable=True)
    if not connected and isinstance(inner, OSError) and inner.errno in _NO_ROUTE:
        return Failure(str(inner.strerror).lower(), again=True, unreachable=True)
    return _after_connecting(inner)


def _after_connecting(inner: BaseException) -> Failure:
    """A failure once connected: this URL's alone; asked again now only if that is cheap."""
    if isinstance(inner, TimeoutError):  # a hanging page: costly to wait for again now
        return Failure("timed out waiting for the server")
    if isinstance(inner, http.client.IncompleteRead):  # a chunked body that stops midway
        return Failure(f"body cut short after {len(inner.partial):,} bytes", again=True)
    if isinstance(inner, ConnectionError):
        return Failure(f"connection failed ({type(inner).__name__})", again=True)
    if isinstance(inner, http.client.HTTPException):
        return Failure(f"not a valid HTTP answer ({type(inner).__name__})")
    return Failure(f"network error ({inner})", again=True)
