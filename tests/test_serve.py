"""`zhbrief serve`: the output folder's reading side over real HTTP on 127.0.0.1, and its errors."""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from builders import make_brief
from typer.testing import CliRunner

from zhbrief.cli import app
from zhbrief.documents import Provenance
from zhbrief.layout import page_name
from zhbrief.output.entry import entry_of
from zhbrief.output.files import write_atomic
from zhbrief.output.html import render_page
from zhbrief.output.markdown import render_brief
from zhbrief.run.publish import Reading, page_path, publish
from zhbrief.serve import site_server

pytestmark = pytest.mark.timeout(60)


def make_site(output: Path) -> Path:
    """A real output folder: briefs of two days, their pages, the index, feeds and digests."""
    entries = []
    days = ("2026-03-10T08:00:00Z", "2026-03-12T08:00:00Z")
    for n, (rel, created) in enumerate(zip(("新闻/a b.txt", "c.txt"), days, strict=True)):
        brief = make_brief(
            [[f"第{n}篇第一句。"]],
            rel=rel,
            created=created,
            provenance=Provenance(f"https://example.cn/{n}", "新华网" if n else "", "", ""),
        )
        name = rel.removesuffix(".txt") + ".md"
        write_atomic(output / name, render_brief(brief))
        write_atomic(page_path(output, name), render_page(brief, page_name(name)))
        entries.append(entry_of(brief, name))
    publish(Reading(output, base_url="https://news.example.org/"), entries)
    return output


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The output folder and the base URL of a server over it, in a thread of this process."""
    output = make_site(tmp_path / "out")
    server = site_server(output, 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield output, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class Links(HTMLParser):
    """Every href of a page: anchors, stylesheets, feeds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href and not href.startswith("#"):
            self.hrefs.append(href)


def test_the_index_feed_and_every_digest_the_index_links_are_answered(
    served: tuple[Path, str],
) -> None:
    _, base = served
    status, headers, body = get(base + "/")  # redirected to the index, where its links work
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert body.startswith(b"<!DOCTYPE html>") and b"zhbrief" in body
    index_url = base + "/site/index.html"
    links = [urljoin(index_url, h) for h in Links(body.decode("utf-8")).hrefs]
    local = [u for u in links if urlsplit(u).netloc == urlsplit(base).netloc]
    assert any(u.endswith("/feed.xml") for u in local)
    assert sum(1 for u in local if re.search(r"/digest/\d{4}-\d\d-\d\d\.html$", u)) == 2
    assert any("/feeds/" in u for u in local) and any(u.endswith("/style.css") for u in local)
    for url in local:
        status, headers, body = get(url)
        assert status == 200, url
        assert headers["X-Content-Type-Options"] == "nosniff"
        if url.endswith(".xml"):
            assert headers["Content-Type"] == "application/atom+xml; charset=utf-8"
            parsed = feedparser.parse(body)
            assert not parsed.bozo and any(link.rel == "self" for link in parsed.feed.links)
        else:
            assert int(headers["Content-Length"]) == len(body) > 0


def test_every_kind_of_file_with_its_type(served: tuple[Path, str]) -> None:
    _, base = served
    expected = {
        "/site/style.css": "text/css; charset=utf-8",
        "/site/search-index.js": "text/javascript; charset=utf-8",
        "/site/%E6%96%B0%E9%97%BB/a%20b.html": "text/html; charset=utf-8",
        "/%E6%96%B0%E9%97%BB/a%20b.md": "text/markdown; charset=utf-8",
        "/digest/2026-03-12.md": "text/markdown; charset=utf-8",
        "/digest/2026-03.html": "text/html; charset=utf-8",
        "/feeds/digests.xml": "application/atom+xml; charset=utf-8",
        "/site/index.html?q=1#top": "text/html; charset=utf-8",
    }
    for path, kind in expected.items():
        status, headers, _ = get(base + path)
        assert (status, headers["Content-Type"]) == (200, kind), path


HIDDEN = (
    "/.zhbrief/state.db",
    "/.zhbrief/last-run.json",
    "/%2ezhbrief/state.db",
    "/site/../.zhbrief/state.db",
    "/../feed.xml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/site/",
    "/site",
    "/digest/",
    "/feeds",
    "/site/index.html%00.css",
    "/site/%ff.html",
    "/site/missing.html",
    "/notes.txt",
)


def test_nothing_hidden_outside_or_listed(served: tuple[Path, str]) -> None:
    output, base = served
    (output / ".zhbrief").mkdir(exist_ok=True)
    (output / ".zhbrief" / "state.db").write_bytes(b"SQLite format 3\x00secret")
    (output / "notes.txt").write_text("not part of the reading side", encoding="utf-8")
    for path in HIDDEN:
        status, _, body = get(base + path)
        assert status == 404 and b"secret" not in body and b"<li>" not in body, path


def test_a_link_planted_anywhere_is_never_followed(
    served: tuple[Path, str], tmp_path: Path
) -> None:
    output, base = served
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.html").write_text("secret", encoding="utf-8")
    (output / "site" / "out.html").symlink_to(outside / "secret.html")
    (output / "site" / "away").symlink_to(outside, target_is_directory=True)
    (output / "inner.html").symlink_to(output / "site" / "index.html")  # even one inside
    (output / "digest" / "up").symlink_to(output, target_is_directory=True)
    os.mkfifo(output / "site" / "pipe.html")  # must not hang the server
    for path in (
        "/site/out.html",
        "/site/away/secret.html",
        "/inner.html",
        "/digest/up/feed.xml",
        "/site/pipe.html",
    ):
        status, _, body = get(base + path)
        assert status == 404 and b"secret" not in body, path
    assert get(base + "/feed.xml")[0] == 200  # the real ones still are


def test_only_get_and_head_are_answered(served: tuple[Path, str]) -> None:
    output, base = served
    status, headers, body = get(base + "/feed.xml", "HEAD")
    assert status == 200 and body == b""
    assert int(headers["Content-Length"]) == (output / "feed.xml").stat().st_size
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        status, headers, _ = get(base + "/feed.xml", method)
        assert status == 405 and headers["Allow"] == "GET, HEAD", method
    assert (output / "feed.xml").is_file()


def test_a_reader_gone_mid_file_leaves_no_traceback(
    served: tuple[Path, str], capfd: pytest.CaptureFixture[str]
) -> None:
    output, base = served
    (output / "big.md").write_bytes(b"x" * 20_000_000)  # more than any socket buffer holds
    before = threading.active_count()
    hang_up_early(base + "/", "big.md")
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)  # the request's thread meets the reset and ends
    assert threading.active_count() == before
    assert get(base + "/feed.xml")[0] == 200  # the server goes on
    assert "Traceback" not in capfd.readouterr().err


def test_serve_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    site = tmp_path / "out" / "site"
    assert result.stderr == (
        f"Error: No site in {site}: run `zhbrief run` first (with the html format).\n"
    )


def hang_up_early(url: str, name: str) -> None:
    """Ask for a file, read a little of it, and drop the connection with a reset."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname or "", parts.port or 80), timeout=5) as conn:
        conn.sendall(f"GET /{name} HTTP/1.0\r\n\r\n".encode())
        assert conn.recv(64).startswith(b"HTTP/1.0 200")
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_serve_prints_its_url_and_runs_until_interrupted(tmp_path: Path) -> None:
    output = make_site(tmp_path / "out")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhbrief", "serve", "-o", str(output), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("Serving http://127.0.0.1:") and line.endswith("(Ctrl-C stops)\n")
        url = line.split()[1]
        assert get(url)[0] == 200 and get(url + "feed.xml")[0] == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
        proc.wait()
