"""Response bodies: bounded chunks (size counted after decompression, a deadline), kept whole
or streamed into a file.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import IO, BinaryIO

from zhbrief.errors import FetchError
from zhbrief.web.failures import Failure

READ_CHUNK = 64 * 1024
ENCODINGS = ("gzip", "x-gzip", "deflate")  # what the client accepts (Accept-Encoding)
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Response:
    """A 2xx response with its decompressed body (empty once streamed to a file), or the 304
    (not modified, no body) of a conditional request."""

    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    body: bytes
    headers: Message = field(default_factory=Message)

    @property
    def not_modified(self) -> bool:
        """Whether this is a 304: what the request's If-None-Match/If-Modified-Since named is current."""
        return self.status == 304

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


def declared_length(headers: Message) -> int | None:
    """The Content-Length a response declares, if it is a plain number (never "²" or "1, 2")."""
    length = headers.get("Content-Length", "").strip()
    if not (length.isascii() and length.isdigit()):
        return None
    return int(length) if len(length) <= 18 else 10**18  # never int() of a million digits


def body_chunks(
    body: IO[bytes], headers: Message, limit: int, overdue: Callable[[], bool], hint: str
) -> Iterator[bytes]:
    """The body, decompressed, in chunks; FetchError past `limit` bytes or once `overdue()`."""
    encoding = headers.get("Content-Encoding", "").strip().lower()
    raw = _chunks(body, declared_length(headers), limit, overdue, hint)
    if encoding in ("", "identity"):
        return raw
    if encoding not in ENCODINGS:
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", permanent=True)
    return inflated(raw, limit, hint)


def _chunks(
    body: IO[bytes], length: int | None, limit: int, overdue: Callable[[], bool], hint: str
) -> Iterator[bytes]:
    """The raw body in chunks, refused past limit bytes, once overdue, or cut short."""
    total = 0
    while chunk := body.read1(READ_CHUNK) if hasattr(body, "read1") else body.read(READ_CHUNK):
        total += len(chunk)
        if total > limit:  # compressed, more than the limit means more once decompressed too
            raise too_large(limit, hint)
        if overdue():
            raise too_slow()
        yield chunk
    if overdue():  # the deadline cut the connection: the end of the body is not its end
        raise too_slow()
    if length is not None and total < length:
        # read1() ends quietly when the connection drops: asked again, never kept
        raise Failure(f"body cut short ({total:,} of {length:,} bytes)", again=True)


def too_slow() -> Failure:
    """The error of a server dripping its answer past the exchange's deadline."""
    return Failure("too slow: the page did not arrive in time")


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
    if not unpack.eof:  # the stream stopped before its end: a body cut short
        raise Failure("compressed body cut short", again=True)
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


def content_type(headers: Message) -> str:
    """The media type of a response, lower case, without parameters; "" when untyped."""
    return headers.get_content_type().lower() if headers.get("Content-Type") else ""


def in_memory(url: str, status: int, headers: Message, chunks: Iterator[bytes]) -> Response:
    """The whole body as bytes."""
    return Response(url, status, content_type(headers), b"".join(chunks), headers)


def into_file(into: BinaryIO, progress: bool) -> Take:
    """Write the body into `into` from where it stands (again on a retry), with a download bar."""
    from tqdm import tqdm

    start = into.tell()

    def restart() -> None:
        into.seek(start)
        into.truncate()

    def take(url: str, status: int, headers: Message, chunks: Iterator[bytes]) -> Response:
        with tqdm(
            total=declared_length(headers), unit="B", unit_scale=True, disable=not progress
        ) as bar:
            if into.tell() != start:  # a retry after a broken body starts the file over
                _unwritable_if(restart)
            for chunk in chunks:  # reads: a failure here is the network's
                _unwritable_if(lambda: into.write(chunk))  # noqa: B023 (called at once)
                bar.update(len(chunk))
        return Response(url, status, content_type(headers), b"", headers)

    return take
