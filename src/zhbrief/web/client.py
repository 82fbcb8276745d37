"""The one HTTP client: polite per host, retries with backoff, bounded bodies, checked redirects.

Everything zhbrief asks of the network goes through `Client.request` (a method, a URL, a body and
headers in; a bounded `Response` out) or `Client.download` (the same, streamed into a file).
The retry policy (which failures are asked again, when a host is down, Retry-After) is
`web/failures.py`; the connection deadline is `web/connection.py`.
"""

from __future__ import annotations

import http.client
import math
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
    content_type,
    declared_length,
    in_memory,
    into_file,
    too_large,
)
from zhbrief.web.connection import Watch, opener
from zhbrief.web.failures import (
    MAX_RETRY_AFTER,
    Failure,
    network_failure,
    pause_reason,
    status_failure,
)
from zhbrief.web.urls import host_of, normalize_url, same_host, to_uri

USER_AGENT = f"zhbrief/{__version__} (offline Chinese news briefs; honours robots.txt)"
HEADER_TIMEOUTS = 4  # the status line and headers must come within this many timeouts
CONDITIONAL = ("if-none-match", "if-modified-since")  # a 304 to these is an answer, not an error


@dataclass(frozen=True, slots=True)
class Polite:
    """How a client treats the servers it asks."""

    delay: float = 2.0  # seconds between requests to one host; retries wait 2, 4, 8 times it
    timeout: float = 30.0  # seconds to connect, and between two reads
    max_bytes: int = 5_000_000  # largest body kept, after decompression
    retries: int = 3  # of a network error, a 5xx, 408 or 429
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    slow_factor: float | None = 4  # a whole exchange may take this many timeouts; None: no bound
    other_hosts: bool = False  # follow redirects to another host (a download link's mirror)
    oversize: str = "raise max_bytes to keep it"  # what to do about a body over max_bytes
    max_retry_after: float = MAX_RETRY_AFTER  # a longer Retry-After fails the URL instead


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request, as sent (and sent again on a retry or a redirect)."""

    method: str
    url: str
    body: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def conditional(self) -> bool:
        """Whether it names a version the caller has (If-None-Match, If-Modified-Since)."""
        return any(name.lower() in CONDITIONAL for name in self.headers)


@dataclass
class Client:
    """One request at a time, `delay` apart per host; a host that cannot be connected to is
    given up, a failed URL is that URL's alone."""

    polite: Polite = field(default_factory=Polite)
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    host_delay: dict[str, float] = field(default_factory=dict)  # robots.txt Crawl-delay
    requests: int = 0  # requests sent
    reached: int = 0  # requests that made a connection
    answered: int = 0  # requests that got an HTTP response
    _last: dict[str, float] = field(default_factory=dict)
    _down: dict[str, str] = field(default_factory=dict)
    _not_before: dict[str, float] = field(default_factory=dict)  # backoff, Retry-After

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Response:
        """GET url with its body in memory; raise FetchError."""
        return self.request("GET", url, headers=headers)

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send a request (following redirects, retrying) and read the 2xx body whole, bounded.

        With If-None-Match or If-Modified-Since among the headers, a 304 comes back as a
        `Response` (`not_modified`, no body) rather than an error.
        """
        return self._send(Request(method, url, body, dict(headers or {})), in_memory)

    def download(self, url: str, into: BinaryIO, progress: bool = False) -> Response:
        """GET url, streaming its body into `into` (bounded by max_bytes), with a bar if asked."""
        try:
            return self._send(Request("GET", url), into_file(into, progress))
        except Unwritable as exc:
            raise exc.__cause__ or exc from None  # the OSError of the disk, as it was

    def _send(self, request: Request, take: Take) -> Response:
        """The request through up to max_redirects redirects (same host unless other_hosts)."""
        uri = to_uri(request.url)
        if uri is None:
            raise FetchError(f"not an http(s) URL: {request.url!r}", permanent=True)
        request = replace(request, url=uri)
        seen = {uri}
        for _ in range(self.polite.max_redirects + 1):
            answer = self._with_retries(request, take)
            if isinstance(answer, Response):
                return answer
            request = self._redirected(request, *answer)
            if request.url in seen:
                raise FetchError("redirect loop", permanent=True, status=answer[0])
            seen.add(request.url)
        raise FetchError(f"more than {self.polite.max_redirects} redirects", permanent=True)

    def _redirected(self, request: Request, status: int, location: str | None) -> Request:
        """The request a redirect asks for, if it may be followed."""
        target = normalize_url(location, request.url) if location else None
        if target is None:
            where = f" to {location[:80]!r}" if location else " without a Location"
            raise FetchError(f"HTTP {status} redirect{where}: not an http(s) URL", permanent=True)
        if not self.polite.other_hosts and not same_host(request.url, target):
            raise FetchError(f"redirects to another host ({host_of(target)})", permanent=True)
        if status == 303:  # "see other": fetch the answer, do not send the body again
            return replace(request, url=target, method="GET", body=None)
        return replace(request, url=target)

    def _with_retries(self, request: Request, take: Take) -> Response | tuple[int, str | None]:
        host = host_of(request.url)
        for attempt in range(self.polite.retries + 1):
            try:
                return self._once(request, take)
            except Failure as exc:
                if not exc.again or attempt == self.polite.retries:
                    self._heed(host, exc)
                    raise
                backoff = min(self.polite.delay * 2 ** (attempt + 1), self.polite.max_retry_after)
                self._pause(host, max(backoff, exc.wait or 0.0))
        raise AssertionError("unreachable")  # pragma: no cover

    def _heed(self, host: str, failure: Failure) -> None:
        """After the last try: remember a host that cannot be connected to, or asked a pause."""
        if failure.unreachable:
            self._down[host] = str(failure)
        if failure.wait is not None:
            self._pause(host, failure.wait)

    def _pause(self, host: str, seconds: float) -> None:
        until = self.clock() + seconds
        self._not_before[host] = max(until, self._not_before.get(host, -math.inf))

    def _once(self, request: Request, take: Take) -> Response | tuple[int, str | None]:
        """One exchange: no redirect followed, no retry."""
        host = host_of(request.url)
        self._wait_for(host)
        p = self.polite
        self.requests += 1
        with Watch(p.timeout * (p.slow_factor or HEADER_TIMEOUTS)) as watch:
            try:
                with opener(watch).open(self._urllib(request), timeout=p.timeout) as raw:
                    return self._answer(request, raw.status, raw.headers, raw, take, watch)
            except urllib.error.HTTPError as exc:
                with exc:
                    return self._answer(request, exc.code, exc.headers, exc, take, watch)
            except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
                raise network_failure(exc, watch.connected, watch.overdue) from None
            finally:
                self.reached += watch.connected
                self._last[host] = self.clock()

    def _urllib(self, request: Request) -> urllib.request.Request:
        headers = {"User-Agent": self.polite.user_agent, "Accept-Encoding": "gzip, deflate"}
        return urllib.request.Request(
            request.url,
            data=request.body,
            method=request.method,
            headers=headers | dict(request.headers),
        )

    def _answer(
        self,
        request: Request,
        status: int,
        headers: Message,
        body: IO[bytes],
        take: Take,
        watch: Watch,
    ) -> Response | tuple[int, str | None]:
        self.answered += 1
        if status == 304:
            if not request.conditional:  # a server's mistake: nothing was named to be current
                raise Failure("HTTP 304 (not modified) to a request that named no version")
            return Response(request.url, status, content_type(headers), b"", headers)
        if 300 <= status < 400:
            return status, _header_text(headers.get("Location"))
        if not 200 <= status < 300:
            raise status_failure(status, headers, self.polite.max_retry_after)
        p = self.polite
        length = declared_length(headers)
        if length is not None and length > p.max_bytes:
            raise too_large(p.max_bytes, p.oversize)
        if p.slow_factor is None:  # a big download: its headers came in time, the body may take
            watch.release()
        try:
            chunks = body_chunks(body, headers, p.max_bytes, lambda: watch.overdue, p.oversize)
            return take(request.url, status, headers, chunks)
        except FetchError as exc:
            exc.status = status  # an answer came: the host is up, only this body is unusable
            raise

    def _wait_for(self, host: str) -> None:
        """Sleep until the host may be asked: its delay since the last request, any pause."""
        if host in self._down:
            raise Failure(f"host unreachable ({self._down[host]})", host_wide=True)
        now = self.clock()
        pause = self._not_before.get(host, -math.inf) - now
        if pause > self.polite.max_retry_after:  # only a server's Retry-After asks this long
            raise Failure(pause_reason(pause, self.polite.max_retry_after), host_wide=True)
        last = self._last.get(host)
        gap = max(self.polite.delay, self.host_delay.get(host, 0.0))
        wait = max(pause, -math.inf if last is None else last + gap - now)
        if wait > 0:
            self.sleep(wait)


def _header_text(value: str | None) -> str | None:
    """A header as its sender meant it: http.client reads bytes as Latin-1, a server writing
    a Chinese path in Location sends UTF-8."""
    if value is None or value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value
