"""`zhbrief fetch` as a real process against hostile local servers: a page that hangs, bodies
cut short, a Chinese path, a host in capitals, absurd Crawl-delay and Retry-After, links to other
ports, a redirect to file://. Good pages are saved; each bad one fails alone, in bounded time,
and is asked again by the next fetch; no traceback ever.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpsite import Reply, Site, page, rss
from processes import fixed_clock_env

from zhbrief.output.files import TEMP_MARK
from zhbrief.store.db import Store

HANG = 3.0  # seconds a hanging page keeps the client waiting; its timeout is far shorter


def zhbrief(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhbrief", *args],
        cwd=cwd,
        env=fixed_clock_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def configure(folder: Path, *sources: str, timeout: float = 0.5) -> None:
    listed = ", ".join(f'"{s}"' for s in sources)
    (folder / "zhbrief.toml").write_text(
        f'input = "in"\noutput = "out"\n\n[fetch]\nsources = [{listed}]\n'
        f"delay = 0\ntimeout = {timeout}\n",
        encoding="utf-8",
    )


def article(title: str) -> Reply:
    return Reply(page(title, f"{title}。这是一篇用来测试抓取的新闻报道，内容完整。"))


def statuses(output: Path) -> dict[str, str]:
    store = Store.of_output(output)
    found = {u: r.status for u, r in ((u, store.fetches().get(u)) for u in _urls(store)) if r}
    store.close()
    return found


def _urls(store: Store) -> list[str]:
    return [row[0] for row in store.conn.execute("SELECT url FROM fetches")]


def saved(folder: Path) -> list[str]:
    return sorted(p.name for p in (folder / "in").rglob("*.html"))


def hostile_feed(site: Site, other: Site) -> dict[str, str]:
    """A feed whose first page hangs, two are cut short, one has a Chinese path; its path → URL."""
    url = site.url

    def hangs() -> Reply:
        time.sleep(HANG)
        return article("迟到的新闻")

    cut = {"Content-Type": "text/html", "Content-Length": "999999"}
    site.routes["/news/hang.html"] = hangs
    site.routes["/news/cut.html"] = Reply(b"<html><body>" + b"x" * 559, headers=cut, length=False)
    site.routes["/news/empty.html"] = Reply(b"", headers=cut, length=False)
    site.routes["/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html"] = article("中文路径的新闻")
    for name in ("a", "b", "c"):
        site.routes[f"/news/{name}.html"] = article(f"新闻{name}")
    site.routes["/file"] = Reply(status=302, headers={"Location": "file:///etc/passwd"})
    other.routes["/secret.html"] = article("别的端口")
    items = {
        "hang": url("/news/hang.html"),
        "cut": url("/news/cut.html"),
        "empty": url("/news/empty.html"),
        "chinese": url("/新闻/文章.html"),
        "a": url("/news/a.html"),
        "b": url("/news/b.html"),
        "c": url("/news/c.html"),
        "file": url("/file"),
        "other port": other.url("/secret.html"),
    }
    site.routes["/rss.xml"] = rss(*((u, "Thu, 12 Mar 2026 08:00:00 +0800") for u in items.values()))
    return items


@pytest.mark.timeout(120)
def test_bad_pages_fail_alone_and_are_asked_again_next_time(tmp_path: Path) -> None:
    with Site() as site, Site() as other:
        items = hostile_feed(site, other)
        configure(tmp_path, site.url("/rss.xml"))
        began = time.monotonic()
        first = zhbrief(tmp_path, "fetch")
        assert time.monotonic() - began < 30
        assert first.returncode == 1 and "Traceback" not in first.stderr, first.stderr
        lines = first.stderr.splitlines()
        assert f"{items['hang']}: timed out waiting for the server" in lines
        assert f"{items['cut']}: body cut short (571 of 999,999 bytes)" in lines
        assert f"{items['empty']}: body cut short (0 of 999,999 bytes)" in lines
        assert (
            f"{items['file']}: HTTP 302 redirect to 'file:///etc/passwd': not an http(s) URL"
            in lines
        )
        assert len(lines) == 4
        assert re.fullmatch(r"4 new pages from 1 source, 4 failed \(\d+\.\d s\)\n", first.stdout)
        assert other.requests == []  # a link to another port is never followed
        assert site.requests.count("/news/hang.html") == 1  # a hang is not waited for twice
        names = saved(tmp_path)
        assert len(names) == 4 and {"2026-03-12-a.html", "2026-03-12-b.html"} <= set(names)
        state = statuses(tmp_path / "out")
        assert state[site.url("/%E6%96%B0%E9%97%BB/%E6%96%87%E7%AB%A0.html")] == "fetched"
        assert {state[items[k]] for k in ("hang", "cut", "empty")} == {"failed"}

        # the server mends: the next fetch asks for what failed, and only that
        site.routes["/news/hang.html"] = article("迟到的新闻")
        site.routes["/news/cut.html"] = article("完整的新闻")
        site.routes["/news/empty.html"] = article("不再为空的新闻")
        site.requests.clear()
        second = zhbrief(tmp_path, "fetch")
        assert second.returncode == 0 and second.stderr == "", second.stderr
        assert re.fullmatch(r"3 new pages from 1 source, 0 failed \(\d+\.\d s\)\n", second.stdout)
        assert sorted(site.requests) == [
            "/news/cut.html", "/news/empty.html", "/news/hang.html", "/robots.txt", "/rss.xml"
        ]  # fmt: skip
        assert len(saved(tmp_path)) == 7


@pytest.mark.timeout(120)
def test_a_host_in_capitals_and_hosts_asking_too_much(tmp_path: Path) -> None:
    with Site() as site, Site() as slow, Site() as paused:
        localhost = site.url("").replace("127.0.0.1", "localhost")
        site.routes["/rss.xml"] = rss(
            (localhost + "/news/a.html", ""), (localhost + "/news/b.html", "")
        )
        site.routes["/news/a.html"] = article("新闻a")
        site.routes["/news/b.html"] = article("新闻b")
        slow.routes["/robots.txt"] = Reply(b"User-agent: *\nCrawl-delay: 99999999999\n", headers={})
        slow.routes["/rss.xml"] = rss(*((slow.url(f"/n/{i}.html"), "") for i in range(3)))
        paused.routes["/rss.xml"] = Reply(b"", 503, {"Retry-After": "100000"})
        configure(
            tmp_path,
            localhost.replace("localhost", "LOCALHOST") + "/rss.xml",
            slow.url("/rss.xml"),
            paused.url("/rss.xml"),
        )
        began = time.monotonic()
        result = zhbrief(tmp_path, "fetch")
        assert time.monotonic() - began < 30
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.splitlines() == [
        f"{paused.url('/rss.xml')}: HTTP 503: the server asks for a pause of 100,000 s "
        "(Retry-After), more than the 120 s zhbrief waits; asked again next time",
        f"{slow.root}: robots.txt of {slow.root.removeprefix('http://')} asks for a Crawl-delay "
        "of 99,999,999,999 s, more than the 60 s zhbrief waits; host left for this fetch "
        "(3 pages left for the next fetch)",
    ]
    assert re.fullmatch(r"2 new pages from 3 sources, 4 failed \(\d+\.\d s\)\n", result.stdout)
    assert [r for r in slow.requests if r.startswith("/n/")] == []
    assert len(saved(tmp_path)) == 2


@pytest.mark.timeout(120)
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_fetch_cleanly(tmp_path: Path, sig: signal.Signals, code: int) -> None:
    with Site() as site:

        def slow() -> Reply:
            time.sleep(20)
            return article("很慢的新闻")

        site.routes["/rss.xml"] = rss(
            (site.url("/news/a.html"), ""), (site.url("/news/slow.html"), "")
        )
        site.routes["/news/a.html"] = article("新闻a")
        site.routes["/news/slow.html"] = slow
        configure(tmp_path, site.url("/rss.xml"), timeout=60)
        proc = subprocess.Popen(
            [sys.executable, "-m", "zhbrief", "fetch"],
            cwd=tmp_path,
            env=fixed_clock_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while "/news/slow.html" not in site.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == code, err
        assert err.splitlines() == [
            f"Stopped by {sig.name}: pages already saved are kept; the next fetch does the rest."
        ]
        assert (tmp_path / "out" / ".zhbrief" / "lock").read_text() == ""  # no dead PID
        assert not list(tmp_path.rglob(TEMP_MARK + "*"))
        assert saved(tmp_path) == ["2026-03-12-a.html"]
        site.routes["/news/slow.html"] = article("很慢的新闻")
        again = zhbrief(tmp_path, "fetch")
        assert again.returncode == 0, again.stderr
        assert len(saved(tmp_path)) == 2
