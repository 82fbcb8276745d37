"""urllib's openers, watched: a deadline that cuts a server dripping its answer, and whether a
connection was made at all (a host is down only when it cannot be connected to).
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import math
import socket
import ssl
import threading
import time
import urllib.request
from typing import Any


class Watch:
    """One exchange's deadline: when it passes the socket is shut, so a blocked read ends at once.

    The socket timeout bounds each read, not the whole: a server sending a header byte every
    few seconds would hold a fetch for hours without this.
    """

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.connected = False  # a TCP connection was made: the host is up, whatever follows
        self._socks: list[socket.socket] = []
        self._cut = False
        self._timer = threading.Timer(seconds, self.cut)
        self._timer.daemon = True

    def __enter__(self) -> Watch:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def hold(self, sock: socket.socket) -> socket.socket:
        """Watch a new connection's socket (shut at once if the deadline has passed)."""
        self.connected = True
        self._socks.append(sock)
        if self._cut:
            self.cut()
        return sock

    def cut(self) -> None:
        """Shut every socket: reads blocked on them return now."""
        self._cut = True
        for sock in self._socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def release(self) -> None:
        """No deadline from now on (a big download, once its headers have come)."""
        self._timer.cancel()
        self.deadline = math.inf

    @property
    def overdue(self) -> bool:
        """Whether the deadline has passed (and the connection been cut)."""
        return self._cut or time.monotonic() >= self.deadline


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to the client, which checks the target itself."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _watched(base: type[http.client.HTTPConnection], watch: Watch) -> Any:
    """`base` whose new sockets are held by `watch`."""

    class Watched(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            # http.client makes its socket through this hook (socket.create_connection)
            self._create_connection = lambda *a, **k: watch.hold(socket.create_connection(*a, **k))

    return Watched


class _Http(urllib.request.HTTPHandler):
    def __init__(self, watch: Watch) -> None:
        super().__init__()
        self.watch = watch

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_watched(http.client.HTTPConnection, self.watch), req)


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, watch: Watch) -> None:
        self.context = _tls_context()
        super().__init__(context=self.context)
        self.watch = watch

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = _watched(http.client.HTTPSConnection, self.watch)
        return self.do_open(connection, req, context=self.context)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The system's trusted certificates, loaded once (on the first https URL)."""
    return ssl.create_default_context()


def opener(watch: Watch) -> urllib.request.OpenerDirector:
    """An opener (proxies from the environment, as urllib does) whose sockets `watch` holds."""
    return urllib.request.build_opener(_NoRedirect, _Http(watch), _Https(watch))
