"""Polite HTTP against a real local server: retries, limits, redirects, types, delay, offline."""

from __future__ import annotations

import errno
import gzip
import json
import time
from pathlib import Path

import pytest
from httpsite import Reply, Site, closed_url, flaky, gzip_bomb

from zhbrief import __version__
from zhbrief.errors import FetchError
from zhbrief.web.body import Response, inflate
from zhbrief.web.client import Client, Polite


def client(**polite: object) -> tuple[Client, list[float]]:
    """A client whose sleeps are recorded and pass on its clock at once."""
    waits: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    values: dict[str, object] = {"delay": 0.0, "timeout": 5.0, "max_bytes": 10_000} | polite
    return Client(Polite(**values), sleep=sleep, clock=lambda: now[0]), waits  # type: ignore[arg-type]


def test_a_page_with_a_clear_user_agent(site: Site) -> None:
    site.routes["/a"] = Reply(
        b"<html>\xe6\x96\xb0</html>", headers={"Content-Type": "text/html; charset=utf-8"}
    )
    c, _ = client()
    response = c.get(site.url("/a"))
    assert (response.status, response.content_type, response.body) == (
        200,
        "text/html",
        b"<html>\xe6\x96\xb0</html>",
    )
    assert response.is_html()
    assert site.agents == [
        f"zhbrief/{__version__} (offline Chinese news briefs; honours robots.txt)"
    ]


def test_500_is_retried_with_backoff_until_it_recovers(site: Site) -> None:
    site.routes["/a"] = flaky(2, Reply(b"<html>ok</html>"))
    c, waits = client(delay=0.001)
    assert c.get(site.url("/a")).body == b"<html>ok</html>"
    assert site.requests == ["/a", "/a", "/a"]
    assert waits[0] == pytest.approx(0.002) and 0.004 in waits  # 2×, then 4× the delay


def test_at_most_three_retries(site: Site) -> None:
    site.routes["/a"] = flaky(10, Reply(b"never"))
    c, _ = client()
    with pytest.raises(FetchError, match=r"^HTTP 500$") as caught:
        c.get(site.url("/a"))
    assert site.requests == ["/a"] * 4 and not caught.value.permanent
    assert caught.value.status == 500


def test_4xx_is_never_retried(site: Site) -> None:
    c, _ = client()
    with pytest.raises(FetchError, match=r"^HTTP 404$") as caught:
        c.get(site.url("/gone"))
    assert site.requests == ["/gone"] and caught.value.permanent


def test_redirects_are_followed_within_the_host(site: Site) -> None:
    site.routes["/old"] = Reply(status=301, headers={"Location": "/new?utm_source=x"})
    site.routes["/new"] = Reply(b"<html>new</html>")
    c, _ = client()
    response = c.get(site.url("/old"))
    assert (response.url, response.body) == (site.url("/new"), b"<html>new</html>")


def test_redirect_loops_and_chains_end(site: Site) -> None:
    site.routes["/a"] = Reply(status=302, headers={"Location": "/b"})
    site.routes["/b"] = Reply(status=302, headers={"Location": "/a"})
    for i in range(10):
        site.routes[f"/chain{i}"] = Reply(status=302, headers={"Location": f"/chain{i + 1}"})
    c, _ = client()
    with pytest.raises(FetchError, match=r"^redirect loop$"):
        c.get(site.url("/a"))
    with pytest.raises(FetchError, match=r"^more than 5 redirects$"):
        c.get(site.url("/chain0"))
    assert site.requests.count("/a") == 1 and len(site.requests) == 2 + 6


def test_a_redirect_to_another_host_is_not_followed(site: Site) -> None:
    other = site.url("/x").replace("127.0.0.1", "localhost")
    site.routes["/away"] = Reply(status=302, headers={"Location": other})
    c, _ = client()
    with pytest.raises(FetchError, match=r"^redirects to another host \(localhost:\d+\)$"):
        c.get(site.url("/away"))
    assert site.requests == ["/away"]


@pytest.mark.parametrize("length", [True, False])
def test_pages_over_the_limit_are_refused(site: Site, length: bool) -> None:
    site.routes["/big"] = Reply(b"x" * 10_001, length=length)
    site.routes["/fits"] = Reply(b"x" * 10_000, length=length)
    c, _ = client()
    assert len(c.get(site.url("/fits")).body) == 10_000
    with pytest.raises(FetchError, match=r"^larger than the 10,000-byte limit;") as caught:
        c.get(site.url("/big"))
    assert caught.value.permanent


def test_gzip_is_decoded_and_a_gzip_bomb_is_stopped(site: Site) -> None:
    site.routes["/zipped"] = Reply(
        gzip.compress("<html>新闻</html>".encode()),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    site.routes["/bomb"] = gzip_bomb(30_000_000)  # 30 MB of spaces in about 30 KB
    c, _ = client(max_bytes=1_000_000)
    assert c.get(site.url("/zipped")).body == "<html>新闻</html>".encode()
    with pytest.raises(FetchError, match=r"limit once decompressed"):
        c.get(site.url("/bomb"))


def test_inflate_never_holds_more_than_the_limit() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    with pytest.raises(FetchError, match="once decompressed"):
        inflate(iter([bomb[i : i + 4096] for i in range(0, len(bomb), 4096)]), 1000)
    assert len(bomb) < 100_000
    with pytest.raises(FetchError, match="corrupt compressed body"):
        inflate(iter([b"\x1f\x8bnot gzip at all"]), 1000)


def test_content_types() -> None:
    assert Response("u", 200, "application/xhtml+xml", b"").is_html()
    assert not Response("u", 200, "application/pdf", b"<html>").is_html()
    assert Response("u", 200, "", b"  <!DOCTYPE html><html>").is_html()
    assert not Response("u", 200, "", b"%PDF-1.4").is_html()


def test_one_request_at_a_time_per_host_with_the_delay(site: Site) -> None:
    site.routes["/a"] = Reply(b"<html>a</html>")
    c = Client(Polite(delay=0.3, timeout=5))
    began = time.monotonic()
    for _ in range(3):
        c.get(site.url("/a"))
    assert time.monotonic() - began >= 0.6


def test_a_slow_server_times_out(site: Site) -> None:
    def slow() -> Reply:
        time.sleep(1.0)
        return Reply(b"<html>late</html>")

    site.routes["/slow"] = slow
    c, _ = client(timeout=0.2, retries=0)
    with pytest.raises(FetchError, match=r"^timed out waiting for the server$"):
        c.get(site.url("/slow"))


def test_a_dripping_server_is_cut_off_and_not_retried(site: Site) -> None:
    site.routes["/drip"] = Reply(b"<html>" + b"x" * 6000, drip=0.1)  # 60 pieces, 6 s
    c, _ = client(timeout=0.5)  # each piece in time, the whole page (4 timeouts: 2 s) not
    began = time.monotonic()
    with pytest.raises(FetchError, match=r"^too slow: the page did not arrive in time$") as caught:
        c.get(site.url("/drip"))
    assert time.monotonic() - began < 4 and site.requests == ["/drip"]
    assert caught.value.status == 200 and not caught.value.permanent


def test_an_unreachable_host_is_given_up_after_its_retries() -> None:
    url = closed_url()
    c, waits = client(delay=0.5)
    with pytest.raises(FetchError, match=r"^connection refused$"):
        c.get(url + "a")
    assert (c.requests, c.reached, c.answered) == (4, 0, 0)
    assert waits == [1.0, 2.0, 4.0]  # three retries, 2, 4 and 8 times the delay apart
    with pytest.raises(FetchError, match=r"^host unreachable \(connection refused\)$") as held:
        c.get(url + "b")
    assert c.requests == 4  # the second URL was not even tried
    assert getattr(held.value, "host_wide", False)


def test_dns_failure_is_named() -> None:
    c, _ = client(retries=0)
    with pytest.raises(FetchError, match=r"^DNS lookup failed \(offline, or no such host\)$"):
        c.get("http://no-such-host.invalid/a")


def test_a_post_sends_its_body_and_headers_and_reads_the_answer(site: Site) -> None:
    site.routes["/translate"] = Reply(
        b'{"translatedText": "Hello."}', headers={"Content-Type": "application/json"}
    )
    c, _ = client()
    body = json.dumps({"q": "你好。", "source": "zh", "target": "en"}).encode()
    response = c.request("POST", site.url("/translate"), body, {"Content-Type": "application/json"})
    assert json.loads(response.body) == {"translatedText": "Hello."}
    assert response.headers["Content-Type"] == "application/json"
    assert site.posted == [("/translate", "application/json", body)]


def test_a_303_after_a_post_is_fetched_with_get(site: Site) -> None:
    site.routes["/submit"] = Reply(status=303, headers={"Location": "/result"})
    site.routes["/result"] = Reply(b"done")
    c, _ = client()
    assert c.request("POST", site.url("/submit"), b"x=1").body == b"done"
    assert site.requests == ["/submit", "/result"] and len(site.posted) == 1


def test_a_download_streams_into_a_file_within_the_limit(site: Site, tmp_path: Path) -> None:
    site.routes["/file"] = Reply(b"y" * 9_000, headers={"Content-Type": "application/zip"})
    site.routes["/big"] = Reply(b"y" * 20_000, length=False)
    c, _ = client()
    with (tmp_path / "f").open("wb") as out:
        response = c.download(site.url("/file"), out)
    assert (response.status, response.body) == (200, b"")
    assert (tmp_path / "f").read_bytes() == b"y" * 9_000
    with (tmp_path / "g").open("wb") as out, pytest.raises(FetchError, match=r"^larger than"):
        c.download(site.url("/big"), out)


def test_a_full_disk_is_the_disks_error_not_the_networks(site: Site) -> None:
    site.routes["/file"] = Reply(b"y" * 100)
    c, _ = client()
    with open("/dev/full", "wb", buffering=0) as full, pytest.raises(OSError) as caught:
        c.download(site.url("/file"), full)
    assert caught.value.errno == errno.ENOSPC
    assert c.get(site.url("/file")).body == b"y" * 100  # the host was not given up


def test_a_download_broken_midway_is_retried_from_the_start(site: Site, tmp_path: Path) -> None:
    attempts = [0]

    def broken_once() -> Reply:
        attempts[0] += 1
        if attempts[0] == 1:  # promises 9,000 bytes, sends 3,000, closes
            return Reply(b"x" * 3_000, headers={"Content-Length": "9000"}, length=False)
        return Reply(b"y" * 9_000)

    site.routes["/file"] = broken_once
    c, _ = client(retries=1)
    with (tmp_path / "f").open("wb") as out:
        c.download(site.url("/file"), out)
    assert (tmp_path / "f").read_bytes() == b"y" * 9_000 and attempts[0] == 2


def test_a_chinese_path_is_sent_percent_encoded(site: Site) -> None:
    site.routes["/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html?q=%E4%BA%AC"] = Reply(
        b"<html>ok</html>"
    )
    c, _ = client()
    response = c.get(site.url("/新闻/文章.html?q=京"))
    assert response.body == b"<html>ok</html>"
    assert response.url == site.url("/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html?q=%E4%BA%AC")


def test_a_host_in_capitals_is_the_same_host(site: Site) -> None:
    lower = site.url("/b").replace("127.0.0.1", "localhost")
    site.routes["/a"] = Reply(status=302, headers={"Location": lower})
    site.routes["/b"] = Reply(b"<html>b</html>")
    c, _ = client()
    assert c.get(site.url("/a").replace("127.0.0.1", "LOCALHOST")).body == b"<html>b</html>"


def test_an_ipv6_host_keeps_its_brackets() -> None:
    try:
        site = Site("::1")
    except OSError:  # pragma: no cover (a machine without IPv6 loopback)
        pytest.skip("no IPv6 loopback here")
    with site:
        site.routes["/x"] = Reply(b"<html>six</html>")
        c, _ = client()
        response = c.get(site.url("/x"))
    assert site.url("/x").startswith("http://[::1]:")
    assert (response.url, response.body) == (site.url("/x"), b"<html>six</html>")
