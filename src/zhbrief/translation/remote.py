"""What the server engines share: JSON over the one HTTP client, errors in a user's words, and
at most `concurrency` requests in flight.

Retries (5xx, 408, 429 and its Retry-After, backoff) are the client's (`web/`); a server that
cannot be connected to, or refuses zhbrief (its URL or key), stops the run (EngineUnreachable,
exit 3); any other failure fails the articles of that batch (EngineError), retried next run.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from zhbrief.errors import EngineError, EngineUnreachable, FetchError
from zhbrief.translation.servers import Server
from zhbrief.web.client import Client, Polite
from zhbrief.web.failures import Failure

T = TypeVar("T")
R = TypeVar("R")
REFUSED = (401, 403, 404, 405)  # wrong key, or no such endpoint: every request would fail alike
DELAY = (
    0.25  # seconds between two requests at least; retries wait 2, 4 and 8 times it (or Retry-After)
)
RETRIES = 3
MAX_BYTES = 20_000_000  # an answer is text: a few hundred kB for a batch


class Remote:
    """A translation server's HTTP side: JSON requests through the one client, concurrency."""

    def __init__(self, server: Server, client: Client | None = None) -> None:
        self.server = server
        polite = Polite(
            delay=DELAY,
            timeout=server.timeout,
            max_bytes=MAX_BYTES,
            retries=RETRIES,
            slow_factor=2,  # a whole answer may take two timeouts: a long batch on a slow GPU
            oversize="the server's answer is far too long for a translation",
        )
        self.client = client or Client(polite)
        self._down: str | None = None
        self._lock = threading.Lock()

    def get_json(self, url: str) -> object:
        """GET a JSON document."""
        return self._json(url, lambda: self.client.request("GET", url, headers=self._headers()))

    def post_json(self, url: str, payload: dict[str, object]) -> object:
        """POST a JSON document; the JSON answer."""
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {**self._headers(), "Content-Type": "application/json"}
        return self._json(url, lambda: self.client.request("POST", url, body, headers))

    def in_parallel(self, work: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """`work` on each item, at most `concurrency` at once, results in order; a server that
        cannot be reached is reported before any other failure."""
        if len(items) <= 1:
            return [work(item) for item in items]
        workers = min(self.server.concurrency, len(items))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="zhbrief-engine") as pool:
            futures = [pool.submit(work, item) for item in items]
            errors = [f.exception() for f in futures]
        failed = [e for e in errors if e is not None]
        if failed:
            raise next((e for e in failed if isinstance(e, EngineUnreachable)), failed[0])
        return [f.result() for f in futures]

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.server.api_key and self.server.engine == "openai":
            headers["Authorization"] = f"Bearer {self.server.api_key}"
        return headers

    def _json(self, url: str, send: Callable[[], object]) -> object:
        """The decoded JSON answer of `send()`; errors as EngineError or EngineUnreachable."""
        if self._down is not None:
            raise EngineUnreachable(self._down)
        try:
            response = send()
        except FetchError as exc:
            raise self._failure(url, exc) from None
        body = getattr(response, "body", b"")
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise EngineError(f"{self.server.label}: {url} did not answer JSON") from None

    def _failure(self, url: str, exc: FetchError) -> EngineError | EngineUnreachable:
        """What a failed request means for the run."""
        unreachable = isinstance(exc, Failure) and exc.unreachable
        if unreachable or exc.status in REFUSED:
            with self._lock:
                self._down = self._down or _unreachable(self.server, url, exc)
            return EngineUnreachable(self._down)
        return EngineError(f"{self.server.label}: {url} failed ({exc})")


def _unreachable(server: Server, url: str, exc: FetchError) -> str:
    """The one line a run ends with when its server cannot be used."""
    name = "LibreTranslate" if server.engine == "libretranslate" else "The chat server"
    if exc.status in (401, 403):
        return (
            f"{name} at {server.url} refuses zhbrief ({exc}): check the API key "
            "(the variable api_key_env names)."
        )
    if exc.status is not None:
        return f"{name} at {server.url} has no {url} ({exc}): check --engine-url."
    return f"{name} at {server.url} cannot be reached ({exc}): start it, or check --engine-url."
