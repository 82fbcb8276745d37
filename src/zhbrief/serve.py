"""`zhbrief serve`: the output folder's reading side over HTTP on 127.0.0.1, standard library only.

Read-only: GET and HEAD of the files `layout.public` names (pages, index, feeds, digests,
briefs), never a folder listing, never the state folder, and never through a symbolic link:
every part of a path is opened without following links, from a handle on the output folder.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

from zhbrief.errors import UsageError
from zhbrief.layout import SITE_INDEX, Layout, public

log = logging.getLogger("zhbrief")
HOST = "127.0.0.1"  # this machine only: the site is for reading here, not for publishing
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/atom+xml; charset=utf-8",  # the only XML written: the feeds
    ".md": "text/markdown; charset=utf-8",
}
_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
# O_NONBLOCK: a FIFO planted in the folder must not hang the server on open
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def request_name(target: str) -> str | None:
    """The path inside the output folder a request names, or None when it may not be served."""
    try:  # not urlsplit: "//x/y" is a path here, never a host
        path = unquote(_path_of(target), errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    parts = [part for part in path.split("/") if part]
    name = "/".join(parts)
    if "\x00" in name or "\\" in name or not public(name):
        return None
    return name


def _path_of(target: str) -> str:
    """The path of a request target, without its query and fragment."""
    return target.split("?", 1)[0].split("#", 1)[0]


@contextmanager
def open_inside(root: Path, name: str) -> Iterator[tuple[int, int] | None]:
    """(fd, size) of the regular file `name` under root, reached without following any link."""
    fds: list[int] = []
    try:
        fds.append(os.open(root, _DIR))
        *folders, last = PurePosixPath(name).parts
        for part in folders:
            fds.append(os.open(part, _DIR, dir_fd=fds[-1]))
        fds.append(os.open(last, _FILE, dir_fd=fds[-1]))
        info = os.fstat(fds[-1])
    except OSError:  # missing, a link (ELOOP), not a folder, unreadable
        yield None
        return
    try:
        yield (fds[-1], info.st_size) if stat.S_ISREG(info.st_mode) else None
    finally:
        for fd in fds:
            os.close(fd)


class ReadingHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD with the reading side's files; everything else is refused."""

    def __init__(self, *args: Any, root: Path, **kwargs: Any) -> None:
        self.root = root  # the output folder, resolved once; set before the request is handled
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        """Send a file of the reading side, or 404."""
        self._answer(body=True)

    def do_HEAD(self) -> None:
        """The headers GET would send."""
        self._answer(body=False)

    def _refuse(self) -> None:
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_CONNECT = _refuse

    def _answer(self, body: bool) -> None:
        if _path_of(self.path) == "/":  # the index, whose relative links need site/
            self.send_response(HTTPStatus.FOUND)
            self.send_header("Location", "/" + SITE_INDEX)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        name = request_name(self.path)
        if name is None:
            self.send_error(HTTPStatus.NOT_FOUND, "Not found")
            return
        with open_inside(self.root, name) as found:
            if found is None:
                self.send_error(HTTPStatus.NOT_FOUND, "Not found")
                return
            fd, size = found
            self._headers(TYPES[PurePosixPath(name).suffix], size)
            if body:
                with os.fdopen(os.dup(fd), "rb") as handle:
                    shutil.copyfileobj(handle, self.wfile)

    def _headers(self, content_type: str, size: int) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")  # a run may rewrite any file
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Drop the per-request access log."""


class ReadingServer(ThreadingHTTPServer):
    """The threading server, with a reader's dropped connection logged, never a traceback."""

    def handle_error(self, request: object, client_address: object) -> None:
        """A request that failed (a browser gone mid-file): a debug line, the server goes on."""
        log.debug("Request from %s failed", client_address, exc_info=True)


def site_server(output: Path, port: int) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1:port over the output folder (port 0: any free port)."""
    site = Layout(output).site
    if not (output / SITE_INDEX).is_file():
        raise UsageError(f"No site in {site}: run `zhbrief run` first (with the html format).")
    handler = functools.partial(ReadingHandler, root=output.resolve())
    try:
        return ReadingServer((HOST, port), handler)
    except OSError as exc:
        raise UsageError(f"Cannot listen on {HOST}:{port} ({exc.strerror}); try --port.") from None


def serve_site(output: Path, port: int, ready: Callable[[str], None]) -> None:
    """Serve the output folder until interrupted; `ready` is told the URL once listening."""
    with site_server(output, port) as server:
        ready(f"http://{HOST}:{server.server_address[1]}/")
        server.serve_forever()
