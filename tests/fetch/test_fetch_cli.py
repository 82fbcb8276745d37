"""`zhbrief fetch` end to end: a local news site, then `zhbrief run` briefs every page with its URL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from httpsite import Site, news_site
from processes import fixed_clock_env
from typer.testing import CliRunner

from zhbrief.cli import app

LIMIT = 100_000


def write_config(folder: Path, site: Site) -> Path:
    sources = [site.url("/rss.xml"), site.url("/"), site.url("/sitemap.xml")]
    (folder / "urls.txt").write_text(
        f"# one-off pages\n{site.url('/news/culture.html?from=timeline')}\n\n", encoding="utf-8"
    )
    config = folder / "zhbrief.toml"
    config.write_text(
        f'input = "in"\noutput = "out"\nmax_bytes = {LIMIT}\ndownload = false\n\n'
        f"[fetch]\nsources = {sources!r}\n".replace("'", '"')
        + 'urls_file = "urls.txt"\ndelay = 0.01\ntimeout = 5\n',
        encoding="utf-8",
    )
    return config


def zhbrief(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhbrief", *args],
        cwd=cwd,
        env=fixed_clock_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8")
    return dict(yaml.safe_load(text.split("---\n")[1]))


@pytest.mark.timeout(300)
def test_fetch_then_run_briefs_every_allowed_page_with_its_url(
    tmp_path: Path, site: Site, installed_model: Path
) -> None:
    allowed = news_site(site, page_limit=LIMIT)
    write_config(tmp_path, site)

    first = zhbrief(tmp_path, "fetch")
    assert first.returncode == 1, first.stderr
    assert re.fullmatch(r"5 new pages from 4 sources, 6 failed \(\d+\.\d s\)\n", first.stdout)
    url = site.url
    assert first.stderr.splitlines() == [
        f"{url('/news/missing.html')}: HTTP 404",
        f"{url('/loop/a')}: redirect loop",
        f"{url('/away')}: redirects to another host (localhost:{url('').rsplit(':', 1)[1]})",
        f"{url('/big.html')}: larger than the {LIMIT:,}-byte limit; raise max_bytes to keep it",
        f"{url('/bomb.html')}: larger than the {LIMIT:,}-byte limit once decompressed; "
        "raise max_bytes to keep it",
        f"{url('/files/report')}: not an HTML page (application/pdf)",
        f"{url('/private/secret.html')}: skipped: forbidden by robots.txt",
    ]
    assert "/private/secret.html" not in site.requests  # robots.txt forbids it
    assert site.requests.count("/news/flaky.html") == 2  # a 500, then the page
    assert site.requests.count("/news/2026/library.html") == 1  # three listings, one request
    assert all(agent.startswith("zhbrief/") for agent in site.agents)

    run = zhbrief(tmp_path, "run")
    assert run.returncode == 0, run.stderr
    host = url("").removeprefix("http://").replace(":", "_")
    briefs = sorted((tmp_path / "out" / host).glob("*.md"))
    assert len(briefs) == len(allowed)
    assert {front_matter(b)["url"] for b in briefs} == {url(path) for path in allowed}
    library = front_matter(tmp_path / "out" / host / "2026-03-12-library.md")
    assert library["url"] == url("/news/2026/library.html")
    assert library["title_zh"] == allowed["/news/2026/library.html"]
    assert (tmp_path / "out" / host / "2026-03-01-culture.md").is_file()  # dated by the page
    reading = (tmp_path / "out" / "site" / host / "2026-03-12-library.html").read_text()
    assert f'<a class="original" href="{url("/news/2026/library.html")}"' in reading

    site.requests.clear()
    second = zhbrief(tmp_path, "fetch")
    assert second.returncode == 0, second.stderr
    assert second.stderr == ""
    assert re.fullmatch(r"0 new pages from 4 sources, 0 failed \(\d+\.\d s\)\n", second.stdout)
    # the sources (and robots.txt, asked before the home page's Atom feed), never a page
    assert sorted(site.requests) == ["/", "/atom.xml", "/robots.txt", "/rss.xml", "/sitemap.xml"]

    status = zhbrief(tmp_path, "status")
    assert "fetched pages: 5 fetched, 6 rejected, 1 skipped" in status.stdout.splitlines()


def test_dry_run_lists_new_pages_and_fetches_none(tmp_path: Path, site: Site) -> None:
    news_site(site, page_limit=LIMIT)
    write_config(tmp_path, site)
    result = zhbrief(tmp_path, "fetch", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        site.url("/news/2026/library.html"),
        site.url("/news/flaky.html"),
    ]
    assert len(result.stdout.splitlines()) == 11  # 12 new links, one forbidden by robots.txt
    assert site.url("/private/secret.html") not in result.stdout
    assert result.stderr.splitlines()[0] == (
        f"{site.url('/private/secret.html')}: skipped: forbidden by robots.txt"
    )
    assert re.fullmatch(
        r"11 pages to fetch from 4 sources, 0 failed \(\d+\.\d s\)", result.stderr.splitlines()[1]
    )
    assert not (tmp_path / "in").exists() and not (tmp_path / "out").exists()
    assert not any(p.startswith("/news/") for p in site.requests)


def test_one_off_urls_replace_the_sources(tmp_path: Path, site: Site) -> None:
    news_site(site, page_limit=LIMIT)
    write_config(tmp_path, site)
    result = zhbrief(tmp_path, "fetch", site.url("/news/tech.html"), site.url("/news/missing.html"))
    assert result.returncode == 1
    assert result.stderr == f"{site.url('/news/missing.html')}: HTTP 404\n"
    assert re.fullmatch(r"1 new page from 1 source, 1 failed \(\d+\.\d s\)\n", result.stdout)
    assert site.requests == ["/robots.txt", "/news/tech.html", "/news/missing.html"]
    saved = list((tmp_path / "in").rglob("*.html"))
    assert [p.name for p in saved] == ["2026-03-12-tech.html"]  # no date anywhere: today


def test_offline_is_one_clear_line(tmp_path: Path) -> None:
    closed = Site()  # bound, never started: connections are refused
    port = closed.server.server_address[1]
    closed.server.server_close()
    feeds = [f"http://127.0.0.1:{port}/rss.xml", f"http://127.0.0.1:{port}/other.xml"]
    config = tmp_path / "zhbrief.toml"
    config.write_text(
        f"[fetch]\nsources = {feeds!r}\ndelay = 0\n".replace("'", '"'), encoding="utf-8"
    )
    result = zhbrief(tmp_path, "fetch")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Cannot reach any source (connection refused); check the network connection "
        "and DNS. Nothing was fetched.\n"
    )


def test_nothing_to_fetch_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZHBRIEF_CONFIG", raising=False)
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Nothing to fetch: add sources = [...] (or urls_file, opml) under [fetch] in "
        "zhbrief.toml, or give article URLs.\n"
    )


def test_bad_fetch_table_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZHBRIEF_CONFIG", raising=False)
    (tmp_path / "zhbrief.toml").write_text('[fetch]\nsources = "https://a.cn/rss"\n')
    result = CliRunner().invoke(app, ["fetch"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / 'zhbrief.toml'}: fetch.sources must be a list of URLs, "
        'e.g. ["https://…/rss.xml"].\n'
    )
