"""The retry policy against a real local server: Retry-After, 429, per-URL failures, hosts down."""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
from datetime import datetime, timedelta, timezone
from email.message import Message
from email.utils import format_datetime

import pytest
from httpsite import Reply, Site, closed_url, raw_server

from zhbrief.errors import FetchError
from zhbrief.web.client import Client, Polite
from zhbrief.web.failures import MAX_RETRY_AFTER, Failure, network_failure, retry_after


def client(**polite: object) -> tuple[Client, list[float]]:
    """A client whose sleeps are recorded and pass on its clock at once."""
    waits: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    values: dict[str, object] = {"delay": 0.5, "timeout": 5.0, "max_bytes": 10_000} | polite
    return Client(Polite(**values), sleep=sleep, clock=lambda: now[0]), waits  # type: ignore[arg-type]


def answers(*replies: Reply) -> object:
    """A route giving these replies in turn, the last one from then on."""
    queue = list(replies)
    return lambda: queue.pop(0) if len(queue) > 1 else queue[0]


OK = Reply(b"<html>ok</html>")


def test_429_is_asked_again_after_the_seconds_retry_after_gives(site: Site) -> None:
    site.routes["/a"] = answers(Reply(b"slow down", 429, {"Retry-After": "7"}), OK)
    c, waits = client()
    assert c.get(site.url("/a")).body == b"<html>ok</html>"
    assert site.requests == ["/a", "/a"] and waits == [7.0]  # not the 1 s backoff


def test_429_without_retry_after_backs_off_like_a_5xx(site: Site) -> None:
    site.routes["/a"] = Reply(b"slow down", 429)
    c, waits = client()
    with pytest.raises(FetchError, match=r"^HTTP 429$") as caught:
        c.get(site.url("/a"))
    assert waits == [1.0, 2.0, 4.0] and len(site.requests) == 4
    assert not caught.value.permanent  # asked again next time, never "rejected"


def test_retry_after_as_an_http_date_counts_from_the_servers_clock() -> None:
    server_now = datetime(2020, 1, 1, tzinfo=timezone.utc)  # a server clock far from ours
    date = format_datetime(server_now, usegmt=True)
    later = format_datetime(server_now + timedelta(seconds=30), usegmt=True)
    busy = f"HTTP/1.1 503 Busy\r\nDate: {date}\r\nRetry-After: {later}\r\n"
    replies = [busy + "Content-Length: 0\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]
    with raw_server(lambda conn, _: conn.sendall(replies.pop(0).encode())) as root:
        c, waits = client()
        assert c.get(root + "/a").body == b"ok" and waits == [30.0]


def test_a_retry_after_over_the_cap_fails_the_url_and_pauses_its_host(site: Site) -> None:
    site.routes["/a"] = Reply(b"come back tomorrow", 503, {"Retry-After": "86400"})
    site.routes["/b"] = OK
    c, waits = client()
    with pytest.raises(FetchError) as caught:
        c.get(site.url("/a"))
    assert str(caught.value) == (
        "HTTP 503: the server asks for a pause of 86,400 s (Retry-After), more than the "
        f"{MAX_RETRY_AFTER:,.0f} s zhbrief waits; asked again next time"
    )
    assert not caught.value.permanent and caught.value.status == 503
    with pytest.raises(FetchError, match=r"^the server asks for a pause of 86,400 s") as held:
        c.get(site.url("/b"))  # the host asked to be left alone: not asked at all
    assert isinstance(held.value, Failure) and held.value.host_wide
    assert not getattr(caught.value, "host_wide", False)  # the first URL was asked
    assert site.requests == ["/a"] and waits == []
    with Site() as other:  # another host is not concerned
        other.routes["/c"] = OK
        assert c.get(other.url("/c")).status == 200


def test_a_hanging_page_fails_alone_and_is_not_asked_again_now(site: Site) -> None:
    def hangs() -> Reply:
        time.sleep(1.0)
        return OK

    site.routes["/hang"] = hangs
    site.routes["/next"] = OK
    c, _ = client(timeout=0.2)
    with pytest.raises(FetchError, match=r"^timed out waiting for the server$") as caught:
        c.get(site.url("/hang"))
    assert not caught.value.permanent
    assert c.get(site.url("/next")).status == 200  # the host is not "down"
    assert site.requests == ["/hang", "/next"]


@pytest.mark.parametrize("sent", [571, 0])
def test_a_body_cut_short_is_asked_again_then_fails_alone(site: Site, sent: int) -> None:
    headers = {"Content-Type": "text/html", "Content-Length": "999999"}
    site.routes["/cut"] = Reply(b"x" * sent, headers=headers, length=False)
    site.routes["/next"] = OK
    c, _ = client(retries=1, max_bytes=1_000_000)
    with pytest.raises(FetchError) as caught:
        c.get(site.url("/cut"))
    assert str(caught.value) == f"body cut short ({sent:,} of 999,999 bytes)"
    assert not caught.value.permanent and site.requests == ["/cut", "/cut"]
    assert c.get(site.url("/next")).status == 200


def test_a_failed_tls_redirect_fails_that_url_alone(site: Site) -> None:
    https = site.url("/secure").replace("http://", "https://")  # this server speaks no TLS
    site.routes["/old"] = Reply(status=301, headers={"Location": https})
    site.routes["/next"] = OK
    c, _ = client()
    with pytest.raises(FetchError, match=r"^TLS failed \(") as caught:
        c.get(site.url("/old"))
    assert not caught.value.permanent
    assert c.get(site.url("/next")).status == 200
    assert site.requests.count("/next") == 1


def test_a_post_is_asked_again_on_429_and_503(site: Site) -> None:
    site.routes["/translate"] = answers(
        Reply(b"", 429, {"Retry-After": "2"}),
        Reply(b"", 503),
        Reply(b'{"translatedText": "Hi."}', headers={"Content-Type": "application/json"}),
    )
    c, waits = client()
    body = json.dumps({"q": "你好。"}).encode()
    response = c.request("POST", site.url("/translate"), body, {"Content-Type": "application/json"})
    assert json.loads(response.body) == {"translatedText": "Hi."}
    assert [p[2] for p in site.posted] == [body] * 3 and waits == [2.0, 2.0]


def test_a_conditional_get_gets_a_304_with_its_headers(site: Site) -> None:
    def conditional() -> Reply:
        if site.received[-1].get("If-None-Match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'}, length=False)
        return Reply(b"<rss/>", headers={"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    site.routes["/feed"] = conditional
    c, _ = client()
    first = c.get(site.url("/feed"))
    assert (first.status, first.body, first.headers["ETag"]) == (200, b"<rss/>", '"v1"')
    again = c.get(site.url("/feed"), headers={"If-None-Match": first.headers["ETag"]})
    assert again.not_modified and again.body == b"" and again.headers["ETag"] == '"v1"'
    assert not first.not_modified


def test_a_304_nobody_asked_for_is_an_error(site: Site) -> None:
    site.routes["/odd"] = Reply(status=304, length=False)
    c, _ = client()
    with pytest.raises(FetchError, match=r"^HTTP 304 \(not modified\) to a request that named no"):
        c.get(site.url("/odd"))


def test_retry_after_values() -> None:
    def parsed(value: str, date: str = "") -> float | None:
        headers = Message()
        headers["Retry-After"] = value
        if date:
            headers["Date"] = date
        return retry_after(headers)

    assert parsed("120") == 120.0
    assert parsed("9" * 5000) == 1e12  # no million-digit int(), no overflow
    assert parsed("soon") is None and parsed("-5") is None and parsed("²") is None
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert parsed(past) == 0.0  # a date gone by: ask now
    assert parsed("Wed, 21 Oct 2015 07:29:00 GMT", date=past) == 60.0


@pytest.mark.parametrize(
    ("error", "connected", "reason", "unreachable", "again"),
    [
        (socket.gaierror(-2, "Name or service not known"), False, "DNS lookup failed", True, True),
        (ConnectionRefusedError(), False, "connection refused", True, True),
        (TimeoutError(), False, "timed out connecting", True, True),
        (OSError(113, "No route to host"), False, "no route to host", True, True),
        (TimeoutError(), True, "timed out waiting for the server", False, False),
        (ConnectionResetError(), True, "connection failed (ConnectionResetError)", False, True),
        (http.client.InvalidURL("nonnumeric port"), False, "invalid URL", False, False),
        (http.client.LineTooLong("header line"), True, "not a valid HTTP answer", False, False),
        (ssl.SSLCertVerificationError(1, "certificate verify failed"), True, "TLS", False, False),
        (UnicodeEncodeError("ascii", "新", 0, 1, "x"), False, "cannot request", False, False),
    ],
)
def test_only_a_host_that_cannot_be_connected_to_is_down(
    error: BaseException, connected: bool, reason: str, unreachable: bool, again: bool
) -> None:
    failure = network_failure(error, connected=connected, overdue=False)
    assert isinstance(failure, Failure) and str(failure).startswith(reason)
    assert (failure.unreachable, failure.again) == (unreachable, again)


def test_a_refused_host_does_not_block_another(site: Site) -> None:
    site.routes["/a"] = OK
    c, _ = client(retries=0)
    with pytest.raises(FetchError, match="connection refused"):
        c.get(closed_url("/x"))
    assert c.get(site.url("/a")).status == 200
