"""A whole fetch through the library: records, no second download, retries later, the lock."""

from __future__ import annotations

import hashlib
import socket
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from httpsite import Reply, Site, news_site, page, rss

from zhbrief.config import Settings
from zhbrief.errors import LockedError, OfflineError
from zhbrief.fetch.job import FetchJob
from zhbrief.fetch.listing import last_result
from zhbrief.fetch.runner import FetchReport, fetch
from zhbrief.output.files import TEMP_MARK
from zhbrief.run.runner import run
from zhbrief.store.db import Store
from zhbrief.store.fetches import FeedState
from zhbrief.store.lock import RunLock
from zhbrief.web.client import Polite

CLOCK = datetime(2026, 3, 20, 8, 0, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 3, 21, 8, 0, 0, tzinfo=timezone.utc)
LIMIT = 100_000


def job_for(tmp_path: Path, sources: list[str], **changes: object) -> FetchJob:
    values: dict[str, object] = {
        "input": tmp_path / "in",
        "output": tmp_path / "out",
        "sources": tuple(sources),
        "urls": (),
        "polite": Polite(delay=0.001, timeout=5, max_bytes=LIMIT),
    } | changes
    return FetchJob(**values)  # type: ignore[arg-type]


def go(job: FetchJob, clock: datetime = CLOCK) -> FetchReport:
    return fetch(job, clock=lambda: clock)


def feed_state(tmp_path: Path, source: str) -> FeedState | None:
    store = Store.of_output(tmp_path / "out")
    try:
        return store.fetches().feed(source)
    finally:
        store.close()


def records(tmp_path: Path) -> dict[str, dict[str, object]]:
    store = Store.of_output(tmp_path / "out")
    rows = store.conn.execute("SELECT * FROM fetches").fetchall()
    names = [d[0] for d in store.conn.execute("SELECT * FROM fetches").description]
    store.close()
    return {row[0]: dict(zip(names, row, strict=True)) for row in rows}


def test_every_url_is_recorded_with_its_outcome(tmp_path: Path, site: Site) -> None:
    news_site(site, page_limit=LIMIT)
    report = go(job_for(tmp_path, [site.url("/rss.xml")]))
    assert len(report.new) == 2 and len(report.failed) == 6 and len(report.skipped) == 1
    rec = records(tmp_path)
    library = rec[site.url("/news/2026/library.html")]
    saved = tmp_path / "in" / str(library["path"])
    assert library["status"] == "fetched" and library["http_status"] == 200
    assert library["sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert library["bytes"] == saved.stat().st_size
    assert library["source"] == site.url("/rss.xml")
    assert library["first_seen"] == library["last_seen"] == "2026-03-20T08:00:00Z"
    missing = rec[site.url("/news/missing.html")]
    assert (missing["status"], missing["http_status"], missing["error"]) == (
        "rejected",
        404,
        "HTTP 404",
    )
    assert rec[site.url("/private/secret.html")]["status"] == "skipped"
    assert rec[site.url("/bomb.html")]["status"] == "rejected"


def test_refetch_downloads_again_into_the_same_file(tmp_path: Path, site: Site) -> None:
    news_site(site, page_limit=LIMIT)
    job = job_for(tmp_path, [site.url("/rss.xml")])
    first = go(job)
    site.requests.clear()
    again = go(job_for(tmp_path, [site.url("/rss.xml")], refetch=True), LATER)
    assert sorted(again.new) == sorted(first.new)
    assert site.requests.count("/news/2026/library.html") == 1
    library = records(tmp_path)[site.url("/news/2026/library.html")]
    assert (library["first_seen"], library["last_seen"]) == (
        "2026-03-20T08:00:00Z",
        "2026-03-21T08:00:00Z",
    )
    assert len(list((tmp_path / "in").rglob("*.html"))) == 2


def test_server_errors_are_tried_again_next_time(tmp_path: Path, site: Site) -> None:
    site.routes["/rss.xml"] = rss((site.url("/down.html"), ""), (site.url("/gone.html"), ""))
    site.routes["/down.html"] = Reply(b"busy", 503)
    job = job_for(tmp_path, [site.url("/rss.xml")])
    assert [why for _, why in go(job).failed] == ["HTTP 503", "HTTP 404"]
    assert records(tmp_path)[site.url("/down.html")]["status"] == "failed"
    assert last_result(feed_state(tmp_path, site.url("/rss.xml"))).endswith(
        "feed of 2 links: 0 new pages, 2 failed"  # --list counts as the summary line does
    )
    site.routes["/down.html"] = Reply(page("恢复", "服务器恢复以后，这一页终于可以正常下载了。"))
    site.requests.clear()
    report = go(job)
    assert [url for url, _ in report.new] == [site.url("/down.html")] and not report.failed
    assert "/gone.html" not in site.requests


def test_max_per_source_counts_new_pages(tmp_path: Path, site: Site) -> None:
    urls = [site.url(f"/n/{i}.html") for i in range(5)]
    site.routes["/rss.xml"] = rss(*((u, "") for u in urls))
    for i in range(5):
        site.routes[f"/n/{i}.html"] = Reply(
            page(f"新闻{i}", "这是一篇用来测试抓取数量上限的新闻报道。")
        )
    job = job_for(tmp_path, [site.url("/rss.xml")], max_per_source=2)
    assert [u for u, _ in go(job).new] == urls[:2]
    assert [u for u, _ in go(job).new] == urls[2:4]


def test_a_broken_source_fails_alone(tmp_path: Path, site: Site) -> None:
    site.routes["/rss.xml"] = rss((site.url("/a.html"), ""))
    site.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
    site.routes["/bad.xml"] = Reply(b"<rss><channel><item><link>/a.ht", headers={})
    report = go(
        job_for(tmp_path, [site.url("/bad.xml"), site.url("/nofeed"), site.url("/rss.xml")])
    )
    assert report.failed == (
        (site.url("/bad.xml"), "not a readable feed: no entries with links found"),
        (site.url("/nofeed"), "HTTP 404"),
    )
    assert [u for u, _ in report.new] == [site.url("/a.html")]
    assert report.summary_line().startswith("1 new page from 3 sources, 2 failed (")


def test_nothing_reachable_is_one_offline_error(tmp_path: Path) -> None:
    closed = Site()
    port = closed.server.server_address[1]
    closed.server.server_close()
    job = job_for(
        tmp_path,
        [f"http://127.0.0.1:{port}/rss.xml"],
        urls=(("list", f"http://127.0.0.1:{port}/a"),),
    )
    with pytest.raises(OfflineError, match=r"^Cannot reach any source \(connection refused\); "):
        go(job)


def test_offline_names_the_dns_failure_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_dns(*args: object, **kwargs: object) -> object:  # offline, without asking a resolver
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    job = job_for(tmp_path, ["http://news.example.cn/rss.xml", "http://b.example.cn/rss.xml"])
    with pytest.raises(OfflineError) as caught:
        go(job)
    assert str(caught.value) == (
        "Cannot reach any source (DNS lookup failed (offline, or no such host)); check the "
        "network connection and DNS. Nothing was fetched."
    )


def test_a_held_lock_stops_the_fetch_before_any_request(tmp_path: Path, site: Site) -> None:
    site.routes["/rss.xml"] = rss((site.url("/a.html"), ""))
    with RunLock(tmp_path / "out"), pytest.raises(LockedError):
        go(job_for(tmp_path, [site.url("/rss.xml")]))
    assert site.requests == [] and not list((tmp_path / "in").rglob("*.html"))


def test_a_run_during_a_fetch_exits_locked_and_reads_no_half_page(
    tmp_path: Path, site: Site, installed_model: Path
) -> None:
    release = threading.Event()

    def slow_page() -> Reply:
        release.wait(30)
        return Reply(page("新闻", "这是一篇下载很慢的新闻报道，运行时不能读到一半。"))

    site.routes["/rss.xml"] = rss((site.url("/slow.html"), ""))
    site.routes["/slow.html"] = slow_page
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "old.txt").write_text("本市今天天气晴朗，气温二十度。", encoding="utf-8")
    (tmp_path / "in" / f"{TEMP_MARK}left").write_bytes(b"<html>half")  # left by a killed fetch
    job = job_for(tmp_path, [site.url("/rss.xml")])
    worker = threading.Thread(target=go, args=(job,))
    worker.start()
    for _ in range(3000):  # until the fetch holds the lock and waits on the page
        if "/slow.html" in site.requests:
            break
        threading.Event().wait(0.01)
    settings = Settings(input=tmp_path / "in", output=tmp_path / "out", download=False)
    with pytest.raises(LockedError):
        run(settings)
    release.set()
    worker.join(30)
    assert not (tmp_path / "in" / f"{TEMP_MARK}left").exists()
    report = run(settings)
    assert len(report.written) == 2 and not report.failed


def test_a_progress_bar_per_source(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/rss.xml"] = rss((site.url("/a.html"), ""))
    site.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
    fetch(job_for(tmp_path, [site.url("/rss.xml")]), clock=lambda: CLOCK, progress=True)
    bar = capsys.readouterr().err
    assert "/rss.xml" in bar and "1/1" in bar and "page" in bar


def feed_with_etag(site: Site, *paths: str) -> None:
    """/rss.xml listing these pages, with an ETag: a 304 to a request that names it."""
    feed = rss(*((site.url(p), "") for p in paths))

    def conditional() -> Reply:
        if site.received[-1].get("If-None-Match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'}, length=False)
        return Reply(feed.body, headers={**feed.headers, "ETag": '"v1"'})

    site.routes["/rss.xml"] = conditional


def feed_asks(site: Site) -> list[str | None]:
    """The If-None-Match of each request for the feed."""
    return [
        m.get("If-None-Match")
        for p, m in zip(site.requests, site.received, strict=True)
        if p == "/rss.xml"
    ]


def test_an_unchanged_feed_costs_one_304(tmp_path: Path, site: Site) -> None:
    feed_with_etag(site, "/a.html")
    site.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
    job = job_for(tmp_path, [site.url("/rss.xml")])
    assert len(go(job).new) == 1
    again = go(job, LATER)
    assert again.new == () and again.failed == ()
    assert feed_asks(site) == [None, '"v1"']
    store = Store.of_output(tmp_path / "out")
    state = store.fetches().feed(site.url("/rss.xml"))
    store.close()
    assert state is not None and (state.result, state.etag, state.checked) == (
        "unchanged",
        '"v1"',
        "2026-03-21T08:00:00Z",
    )
    go(job_for(tmp_path, [site.url("/rss.xml")], refetch=True))
    assert feed_asks(site)[-1] is None  # --refetch asks for everything again


def test_a_feed_with_pages_left_is_asked_whole_next_time(tmp_path: Path, site: Site) -> None:
    feed_with_etag(site, "/a.html", "/b.html", "/c.html")
    site.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
    site.routes["/b.html"] = Reply(b"busy", 503)  # fails now, asked again next time
    site.routes["/c.html"] = Reply(page("新闻", "这是第三篇新闻报道，第一次超出了上限。"))
    job = job_for(tmp_path, [site.url("/rss.xml")], max_per_source=2)
    assert [u for u, _ in go(job).new] == [site.url("/a.html")]
    site.routes["/b.html"] = site.routes["/a.html"]
    assert [u for u, _ in go(job, LATER).new] == [site.url("/b.html"), site.url("/c.html")]
    assert go(job, LATER).new == ()
    # a page failed, then one was left by the cap: the feed is asked whole until none is left
    assert feed_asks(site) == [None, None, '"v1"']


def test_a_host_asking_for_a_long_pause_is_one_line(tmp_path: Path, site: Site) -> None:
    site.routes["/rss.xml"] = rss(*((site.url(f"/n/{i}.html"), "") for i in range(4)))
    site.routes["/n/0.html"] = Reply(b"", 429, {"Retry-After": "3600"})
    report = go(job_for(tmp_path, [site.url("/rss.xml")]))
    pause = (
        "the server asks for a pause of 3,600 s (Retry-After), more than the 120 s zhbrief waits"
    )
    assert report.failed == ((site.url("/n/0.html"), f"HTTP 429: {pause}; asked again next time"),)
    assert report.held_lines() == [
        f"{site.root}: {pause}; asked again next time (3 pages left for the next fetch)"
    ]
    assert report.summary_line().startswith("0 new pages from 1 source, 4 failed (")
    assert [p for p in site.requests if p.startswith("/n/")] == ["/n/0.html"]
    assert {r["status"] for r in records(tmp_path).values()} == {"failed"}  # all asked again


def test_a_feed_on_an_ipv6_host(tmp_path: Path) -> None:
    try:
        six = Site("::1")
    except OSError:  # pragma: no cover (a machine without IPv6 loopback)
        pytest.skip("no IPv6 loopback here")
    with six:
        six.routes["/rss.xml"] = rss((six.url("/a.html"), "Thu, 12 Mar 2026 08:00:00 +0800"))
        six.routes["/a.html"] = Reply(page("新闻", "这是一篇正常的新闻报道，应该被保存下来。"))
        report = go(job_for(tmp_path, [six.url("/rss.xml")]))
    port = six.server.server_address[1]
    assert report.new == ((six.url("/a.html"), f"__1_{port}/2026-03-12-a.html"),)
