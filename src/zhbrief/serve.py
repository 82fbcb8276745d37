"""`zhbrief serve`: the reading site over HTTP on 127.0.0.1, standard library only."""

from __future__ import annotations

import functools
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from zhbrief.errors import UsageError
from zhbrief.layout import SITE_INDEX, Layout

HOST = "127.0.0.1"  # this machine only: the site is for reading here, not for publishing


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files of one folder without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        """Drop the per-request access log."""


def site_server(output: Path, port: int) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1:port over output/site/ (port 0: any free port)."""
    site = Layout(output).site
    if not (output / SITE_INDEX).is_file():
        raise UsageError(f"No site in {site}: run `zhbrief run` first (with the html format).")
    handler = functools.partial(QuietHandler, directory=str(site))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as exc:
        raise UsageError(f"Cannot listen on {HOST}:{port} ({exc.strerror}); try --port.") from None


def serve_site(output: Path, port: int, ready: Callable[[str], None]) -> None:
    """Serve output/site/ until interrupted; `ready` is told the URL once listening."""
    with site_server(output, port) as server:
        ready(f"http://{HOST}:{server.server_address[1]}/")
        server.serve_forever()
