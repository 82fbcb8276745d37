"""Polite HTTP: per-host delay, retries with backoff, bounded bodies, same-host redirects only."""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import IO

from zhbrief import __version__
from zhbrief.errors import FetchError
from zhbrief.fetch.urls import host_of, normalize_url, same_host

USER_AGENT = f"zhbrief/{__version__} (offline Chinese news briefs; honours robots.txt)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
READ_CHUNK = 64 * 1024
SLOW_FACTOR = 4  # a whole body may take 4 read timeouts; a dripping server is cut off after that


@dataclass(frozen=True, slots=True)
class Polite:
    """How a client treats the servers it asks."""

    delay: float = 2.0  # seconds between requests to one host; retries wait 2, 4, 8 times it
    timeout: float = 30.0
    max_bytes: int = 5_000_000  # largest body kept, after decompression
    retries: int = 3
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Response:
    """A successful (2xx) response with its decompressed body."""

    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    body: bytes

    def is_html(self) -> bool:
        """Whether the body is an HTML or XHTML page (by type, or by its start when untyped)."""
        if self.content_type:
            return self.content_type in HTML_TYPES
        return self.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the client, which checks the target's host itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Client:
    """One request at a time, `delay` apart per host; a host that cannot be reached is given up."""

    polite: Polite = field(default_factory=Polite)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    host_delay: dict[str, float] = field(default_factory=dict)  # robots.txt Crawl-delay
    requests: int = 0  # requests sent
    answered: int = 0  # requests that got an HTTP response
    _last: dict[str, float] = field(default_factory=dict)
    _down: dict[str, str] = field(default_factory=dict)

    def get(self, url: str) -> Response:
        """GET url, following up to max_redirects redirects within its host; raise FetchError."""
        seen = {url}
        for _ in range(self.polite.max_redirects + 1):
            status, location, response = self._with_retries(url)
            if response is not None:
                return response
            target = normalize_url(location, url) if location else None
            if target is None:
                raise FetchError(
                    f"HTTP {status} redirect without a usable Location", permanent=True
                )
            if not same_host(url, target):
                raise FetchError(f"redirects to another host ({host_of(target)})", permanent=True)
            if target in seen:
                raise FetchError("redirect loop", permanent=True, status=status)
            seen.add(target)
            url = target
        raise FetchError(f"more than {self.polite.max_redirects} redirects", permanent=True)

    def _with_retries(self, url: str) -> tuple[int, str | None, Response | None]:
        host = host_of(url)
        if host in self._down:
            raise FetchError(f"host unreachable ({self._down[host]})")
        for attempt in range(self.polite.retries + 1):
            if attempt:
                self.sleep(self.polite.delay * 2**attempt)
            try:
                return self._once(url)
            except FetchError as exc:
                retry = exc.status is None or exc.status >= 500  # network or server error
                if exc.permanent or not retry or attempt == self.polite.retries:
                    if exc.status is None and not exc.permanent:
                        self._down[host] = str(exc)
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str) -> tuple[int, str | None, Response | None]:
        self._wait_for(host_of(url))
        request = urllib.request.Request(
            url, headers={"User-Agent": self.polite.user_agent, "Accept-Encoding": "gzip, deflate"}
        )
        opener = urllib.request.build_opener(_NoRedirect)
        self.requests += 1
        try:
            with opener.open(request, timeout=self.polite.timeout) as raw:
                return self._read(url, raw.status, raw.headers, raw)
        except urllib.error.HTTPError as exc:
            with exc:
                return self._read(url, exc.code, exc.headers, exc)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise FetchError(_network_reason(exc)) from None
        finally:
            self._last[host_of(url)] = self.clock()

    def _read(
        self, url: str, status: int, headers: Message, body: IO[bytes]
    ) -> tuple[int, str | None, Response | None]:
        self.answered += 1
        if 300 <= status < 400:
            return status, headers.get("Location"), None
        if status >= 500:
            raise FetchError(f"HTTP {status}", status=status)
        if status >= 400:
            raise FetchError(f"HTTP {status}", permanent=True, status=status)
        length = headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.polite.max_bytes:
            raise _too_large(self.polite.max_bytes)
        deadline = time.monotonic() + SLOW_FACTOR * self.polite.timeout
        try:
            data = _read_body(
                body, headers.get("Content-Encoding", ""), self.polite.max_bytes, deadline
            )
        except FetchError as exc:
            exc.status = status  # an answer came: the host is up, only this body is unusable
            raise
        kind = headers.get_content_type() if headers.get("Content-Type") else ""
        return status, None, Response(url, status, kind.lower(), data)

    def _wait_for(self, host: str) -> None:
        gap = max(self.polite.delay, self.host_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - self.clock()
            if wait > 0:
                self.sleep(wait)


def _read_body(body: IO[bytes], encoding: str, limit: int, deadline: float) -> bytes:
    """The body, decompressed, never holding more than limit + one chunk in memory."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return b"".join(_chunks(body, limit, deadline))
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", permanent=True)
    return inflate(_chunks(body, limit, deadline), limit)


def _chunks(body: IO[bytes], limit: int, deadline: float) -> Iterator[bytes]:
    """The raw body in chunks, refused past limit bytes or past the deadline."""
    total = 0
    while chunk := body.read1(READ_CHUNK) if hasattr(body, "read1") else body.read(READ_CHUNK):
        total += len(chunk)
        if total > limit:  # compressed, more than the limit means more once decompressed too
            raise _too_large(limit)
        if time.monotonic() > deadline:  # a server dripping bytes under the read timeout
            raise FetchError("too slow: the page did not arrive in time")
        yield chunk


def inflate(chunks: Iterator[bytes], limit: int) -> bytes:
    """Decompress gzip or zlib data, stopping as soon as the output would pass limit bytes."""
    unpack = zlib.decompressobj(32 + zlib.MAX_WBITS)  # 32: gzip or zlib header, detected
    out = bytearray()
    try:
        for chunk in chunks:
            # max_length bounds the output: a gzip bomb never expands past limit + 1 bytes
            out += unpack.decompress(chunk, limit + 1 - len(out))
            if len(out) > limit:
                raise _too_large(limit, " once decompressed")
        out += unpack.flush()
    except zlib.error as exc:
        raise FetchError(f"corrupt compressed body ({exc})", permanent=True) from None
    if len(out) > limit:
        raise _too_large(limit, " once decompressed")
    return bytes(out)


def _too_large(limit: int, how: str = "") -> FetchError:
    return FetchError(
        f"larger than the {limit:,}-byte limit{how}; raise max_bytes to keep it", permanent=True
    )


def _network_reason(exc: BaseException) -> str:
    """A short reason for a failure below HTTP: DNS, refused, timeout, reset."""
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, socket.gaierror):
        return "DNS lookup failed (offline, or no such host)"
    if isinstance(inner, TimeoutError | socket.timeout):
        return "timed out"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused"
    if isinstance(inner, ConnectionError | http.client.HTTPException):
        return f"connection failed ({type(inner).__name__})"
    return f"network error ({inner})"
