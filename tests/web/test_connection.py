"""Hostile answers against the real client: dripping headers, huge headers, endless or cut
bodies, lying lengths. Each fails its one URL, in bounded time, and the host stays usable.
"""

from __future__ import annotations

import gzip
import socket
import time
import zlib

import pytest
from httpsite import Reply, Site, raw_server

from zhbrief.errors import FetchError
from zhbrief.web.client import Client, Polite


def client(**polite: object) -> Client:
    values: dict[str, object] = {"delay": 0.0, "timeout": 0.2, "max_bytes": 100_000} | polite
    return Client(Polite(**values))  # type: ignore[arg-type]


def drip(data: bytes, every: float) -> object:
    """An answer sending `data` a byte at a time, `every` seconds apart (a slowloris server)."""

    def answer(conn: socket.socket, request: bytes) -> None:
        for i in range(len(data)):
            conn.sendall(data[i : i + 1])
            time.sleep(every)

    return answer


def test_headers_dripped_a_byte_at_a_time_are_cut_off_at_the_deadline() -> None:
    endless = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10_000
    with raw_server(drip(endless, 0.05)) as root:  # each read comes well within the timeout
        began = time.monotonic()
        with pytest.raises(FetchError, match=r"^too slow: the page did not arrive in time$"):
            client(retries=2).get(root + "/a")
        assert time.monotonic() - began < 2.0  # 4 timeouts (0.8 s), not 10,000 × 0.05 s


def test_a_body_dripped_without_a_length_is_never_kept_truncated() -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"
    with (
        raw_server(drip(head + b"x" * 10_000, 0.002)) as root,
        pytest.raises(FetchError, match=r"^too slow"),
    ):
        client(timeout=0.1).get(root + "/a")


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        (b"X-Big: " + b"a" * 70_000 + b"\r\n", "LineTooLong"),
        (b"".join(b"X-%d: a\r\n" % i for i in range(200)), "HTTPException"),
    ],
)
def test_huge_headers_fail_the_url_alone(headers: bytes, reason: str) -> None:
    def answer(conn: socket.socket, request: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\n" + headers + b"Content-Length: 2\r\n\r\nok")

    with raw_server(answer) as root:
        c = client()
        with pytest.raises(FetchError, match=rf"^not a valid HTTP answer \({reason}\)$"):
            c.get(root + "/a")
        assert c.requests == 1  # not asked again now
        with pytest.raises(FetchError, match="not a valid HTTP answer"):
            c.get(root + "/b")  # the host is not given up: the next URL is asked
        assert c.requests == 2


def test_a_never_ending_gzip_stream_stops_at_the_limit() -> None:
    def answer(conn: socket.socket, request: bytes) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n")
        pack = zlib.compressobj(9, zlib.DEFLATED, 31)
        conn.sendall(pack.compress(b""))
        while True:  # until the client hangs up
            conn.sendall(pack.compress(b"<p>" * 100_000) + pack.flush(zlib.Z_SYNC_FLUSH))

    with raw_server(answer) as root:
        with pytest.raises(FetchError, match=r"limit once decompressed") as caught:
            client(timeout=2).get(root + "/a")
        assert caught.value.permanent


def test_a_gzip_body_cut_short_without_a_length_is_not_kept(site: Site) -> None:
    whole = gzip.compress(b"<html>" + "新闻".encode() * 5_000 + b"</html>")
    encoded = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
    site.routes["/a"] = Reply(whole[: len(whole) // 2], headers=encoded, length=False)
    with pytest.raises(FetchError, match=r"^compressed body cut short$") as caught:
        client(retries=0).get(site.url("/a"))
    assert not caught.value.permanent


@pytest.mark.parametrize("length", ["²", "１２", "12, 12", "-5", "9" * 5000])
def test_a_strange_content_length_is_no_crash(site: Site, length: str) -> None:
    site.routes["/a"] = Reply(b"<html>ok</html>", headers={"Content-Length": length}, length=False)
    try:
        response = client(retries=0).get(site.url("/a"))
    except FetchError as exc:  # refused cleanly (too large, cut short, malformed)
        assert str(exc)
    else:
        assert response.body == b"<html>ok</html>"


def test_a_body_longer_than_its_length_is_read_to_its_length(site: Site) -> None:
    headers = {"Content-Type": "text/html", "Content-Length": "6"}
    site.routes["/a"] = Reply(b"<html>and more</html>", headers=headers, length=False)
    assert client().get(site.url("/a")).body == b"<html>"


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "gopher://127.0.0.1:25/", "javascript:alert(1)"]
)
def test_a_redirect_off_the_web_is_refused(site: Site, location: str) -> None:
    site.routes["/a"] = Reply(status=302, headers={"Location": location})
    with pytest.raises(FetchError, match=r"^HTTP 302 redirect to .*: not an http\(s\) URL$"):
        client().get(site.url("/a"))
    assert site.requests == ["/a"]


def test_a_location_in_utf8_bytes_is_followed_to_its_chinese_path() -> None:
    asked: list[bytes] = []

    def answer(conn: socket.socket, request: bytes) -> None:
        asked.append(request.split(b" ")[1])
        if len(asked) == 1:  # the Location as a server writes it: raw UTF-8 bytes
            location = "/新闻/文章.html".encode()
            conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + location + b"\r\n\r\n")
        else:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    with raw_server(answer) as root:
        response = client().get(root + "/old")
    assert asked == [b"/old", b"/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"]
    assert response.url == root + "/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"
