"""Response bodies: bounded chunks (size counted after decompression, a deadline), kept whole
or streamed into a file.
"""

from __future__ import annotations

import http.client
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, BinaryIO

from zhbrief.errors import FetchError

READ_CHUNK = 64 * 1024
ENCODINGS = ("gzip", "x-gzip", "deflate")  # what the client accepts (Accept-Encoding)
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Response:
    """A successful (2xx) response with its decompressed body (empty once streamed to a file)."""

    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    body: bytes
    headers: Message = field(default_factory=Message)

    def is_html(self) -> bool:
        """Whether the body is an HTML or XHTML page (by type, or by its start when untyped)."""
        if self.content_type:
            return self.content_type in HTML_TYPES
        return self.body.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))


# What becomes of a 2xx body: (final URL, status, headers, decompressed chunks) → Response.
Take = Callable[[str, int, Message, Iterator[bytes]], Response]


class Unwritable(Exception):
    """A write into the download's file failed: the disk's fault, never the network's."""


def _unwritable_if(write: Callable[[], object]) -> None:
    """Run a write on the download's file; its OSError becomes Unwritable (not a network error)."""
    try:
        write()
    except OSError as exc:
        raise Unwritable() from exc


def body_chunks(
    body: IO[bytes], headers: Message, limit: int, deadline: float | None, hint: str
) -> Iterator[bytes]:
    """The body, decompressed, in chunks; FetchError past `limit` bytes or past `deadline`."""
    encoding = headers.get("Content-Encoding", "").strip().lower()
    length = headers.get("Content-Length", "").strip()
    raw = _chunks(body, int(length) if length.isdigit() else None, limit, deadline, hint)
    if encoding in ("", "identity"):
        return raw
    if encoding not in ENCODINGS:
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", permanent=True)
    return inflated(raw, limit, hint)


def _chunks(
    body: IO[bytes], length: int | None, limit: int, deadline: float | None, hint: str
) -> Iterator[bytes]:
    """The raw body in chunks, refused past limit bytes or past the deadline (monotonic)."""
    total = 0
    while chunk := body.read1(READ_CHUNK) if hasattr(body, "read1") else body.read(READ_CHUNK):
        total += len(chunk)
        if total > limit:  # compressed, more than the limit means more once decompressed too
            raise too_large(limit, hint)
        if deadline is not None and time.monotonic() > deadline:
            raise FetchError("too slow: the page did not arrive in time")  # a dripping server
        yield chunk
    if length is not None and total < length:
        # read1() ends quietly when the connection drops: a network failure, tried again
        raise http.client.IncompleteRead(b"", length - total)


def inflated(chunks: Iterator[bytes], limit: int, hint: str = "") -> Iterator[bytes]:
    """Decompress gzip or zlib chunks, stopping as soon as the output would pass limit bytes."""
    unpack = zlib.decompressobj(32 + zlib.MAX_WBITS)  # 32: gzip or zlib header, detected
    total = 0
    try:
        for chunk in chunks:
            # max_length bounds each step: a gzip bomb never expands past limit + 1 bytes
            out = unpack.decompress(chunk, limit + 1 - total)
            total += len(out)
            if total > limit:
                raise too_large(limit, hint, " once decompressed")
            yield out
        rest = unpack.flush()
    except zlib.error as exc:
        raise FetchError(f"corrupt compressed body ({exc})", permanent=True) from None
    if total + len(rest) > limit:
        raise too_large(limit, hint, " once decompressed")
    yield rest


def inflate(chunks: Iterator[bytes], limit: int, hint: str = "") -> bytes:
    """Decompress gzip or zlib data whole, never holding more than limit + 1 bytes."""
    return b"".join(inflated(chunks, limit, hint))


def too_large(limit: int, hint: str, how: str = "") -> FetchError:
    """The error of a body over the limit (permanent: it will not shrink by asking again)."""
    tail = f"; {hint}" if hint else ""
    return FetchError(f"larger than the {limit:,}-byte limit{how}{tail}", permanent=True)


def _content_type(headers: Message) -> str:
    return headers.get_content_type().lower() if headers.get("Content-Type") else ""


def in_memory(url: str, status: int, headers: Message, chunks: Iterator[bytes]) -> Response:
    """The whole body as bytes."""
    return Response(url, status, _content_type(headers), b"".join(chunks), headers)


def into_file(into: BinaryIO, progress: bool) -> Take:
    """Write the body into `into` from where it stands (again on a retry), with a download bar."""
    from tqdm import tqdm

    start = into.tell()

    def restart() -> None:
        into.seek(start)
        into.truncate()

    def take(url: str, status: int, headers: Message, chunks: Iterator[bytes]) -> Response:
        length = headers.get("Content-Length", "")
        total = int(length) if length.isdigit() else None
        with tqdm(total=total, unit="B", unit_scale=True, disable=not progress) as bar:
            if into.tell() != start:  # a retry after a broken body starts the file over
                _unwritable_if(restart)
            for chunk in chunks:  # reads: a failure here is the network's
                _unwritable_if(lambda: into.write(chunk))  # noqa: B023 (called at once)
                bar.update(len(chunk))
        return Response(url, status, _content_type(headers), b"", headers)

    return take
