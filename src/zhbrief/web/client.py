"""The one HTTP client: polite per host, retries with backoff, bounded bodies, checked redirects.

Everything zhbrief asks of the network goes through `Client.request` (a method, a URL, a body and
headers in; a bounded `Response` out) or `Client.download` (the same, streamed into a file).
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from email.message import Message
from typing import IO, BinaryIO

from zhbrief import __version__
from zhbrief.errors import FetchError
from zhbrief.web.body import (
    Response,
    Take,
    Unwritable,
    body_chunks,
    in_memory,
    into_file,
    too_large,
)
from zhbrief.web.urls import host_of, normalize_url, same_host

USER_AGENT = f"zhbrief/{__version__} (offline Chinese news briefs; honours robots.txt)"


@dataclass(frozen=True, slots=True)
class Polite:
    """How a client treats the servers it asks."""

    delay: float = 2.0  # seconds between requests to one host; retries wait 2, 4, 8 times it
    timeout: float = 30.0  # seconds to connect, and between two reads
    max_bytes: int = 5_000_000  # largest body kept, after decompression
    retries: int = 3  # of a network or server (5xx) error
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    slow_factor: float | None = 4  # a whole body may take this many timeouts; None: no bound
    other_hosts: bool = False  # follow redirects to another host (a download link's mirror)
    oversize: str = "raise max_bytes to keep it"  # what to do about a body over max_bytes


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request, as sent (and sent again on a retry or a redirect)."""

    method: str
    url: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the client, which checks the target itself."""

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
        """GET url with its body in memory; raise FetchError."""
        return self.request("GET", url)

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send a request (following redirects, retrying) and read the 2xx body whole, bounded."""
        return self._send(Request(method, url, body, dict(headers or {})), in_memory)

    def download(self, url: str, into: BinaryIO, progress: bool = False) -> Response:
        """GET url, streaming its body into `into` (bounded by max_bytes), with a bar if asked."""
        try:
            return self._send(Request("GET", url), into_file(into, progress))
        except Unwritable as exc:
            raise exc.__cause__ or exc from None  # the OSError of the disk, as it was

    def _send(self, request: Request, take: Take) -> Response:
        """The request through up to max_redirects redirects (same host unless other_hosts)."""
        seen = {request.url}
        for _ in range(self.polite.max_redirects + 1):
            answer = self._with_retries(request, take)
            if isinstance(answer, Response):
                return answer
            status, location = answer
            target = normalize_url(location, request.url) if location else None
            if target is None:
                raise FetchError(
                    f"HTTP {status} redirect without a usable Location", permanent=True
                )
            if not self.polite.other_hosts and not same_host(request.url, target):
                raise FetchError(f"redirects to another host ({host_of(target)})", permanent=True)
            if target in seen:
                raise FetchError("redirect loop", permanent=True, status=status)
            seen.add(target)
            request = replace(request, url=target)
            if status == 303:  # "see other": fetch the answer, do not send the body again
                request = replace(request, method="GET", body=None)
        raise FetchError(f"more than {self.polite.max_redirects} redirects", permanent=True)

    def _with_retries(self, request: Request, take: Take) -> Response | tuple[int, str | None]:
        host = host_of(request.url)
        if host in self._down:
            raise FetchError(f"host unreachable ({self._down[host]})")
        for attempt in range(self.polite.retries + 1):
            if attempt:
                self.sleep(self.polite.delay * 2**attempt)
            try:
                return self._once(request, take)
            except FetchError as exc:
                retry = exc.status is None or exc.status >= 500  # network or server error
                if exc.permanent or not retry or attempt == self.polite.retries:
                    if exc.status is None and not exc.permanent:
                        self._down[host] = str(exc)
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, request: Request, take: Take) -> Response | tuple[int, str | None]:
        """One exchange: no redirect followed, no retry."""
        self._wait_for(host_of(request.url))
        sent = urllib.request.Request(
            request.url,
            data=request.body,
            method=request.method,
            headers={
                "User-Agent": self.polite.user_agent,
                "Accept-Encoding": "gzip, deflate",
                **request.headers,
            },
        )
        opener = urllib.request.build_opener(_NoRedirect)
        self.requests += 1
        try:
            with opener.open(sent, timeout=self.polite.timeout) as raw:
                return self._answer(request.url, raw.status, raw.headers, raw, take)
        except urllib.error.HTTPError as exc:
            with exc:
                return self._answer(request.url, exc.code, exc.headers, exc, take)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise FetchError(_network_reason(exc)) from None
        finally:
            self._last[host_of(request.url)] = self.clock()

    def _answer(
        self, url: str, status: int, headers: Message, body: IO[bytes], take: Take
    ) -> Response | tuple[int, str | None]:
        self.answered += 1
        if 300 <= status < 400:
            return status, headers.get("Location")
        if status >= 500:
            raise FetchError(f"HTTP {status}", status=status)
        if status >= 400:
            raise FetchError(f"HTTP {status}", permanent=True, status=status)
        p = self.polite
        length = headers.get("Content-Length", "")
        if length.isdigit() and int(length) > p.max_bytes:
            raise too_large(p.max_bytes, p.oversize)
        deadline = None if p.slow_factor is None else time.monotonic() + p.slow_factor * p.timeout
        try:
            chunks = body_chunks(body, headers, p.max_bytes, deadline, p.oversize)
            return take(url, status, headers, chunks)
        except FetchError as exc:
            exc.status = status  # an answer came: the host is up, only this body is unusable
            raise

    def _wait_for(self, host: str) -> None:
        gap = max(self.polite.delay, self.host_delay.get(host, 0.0))
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - self.clock()
            if wait > 0:
                self.sleep(wait)


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
