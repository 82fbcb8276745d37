"""A feed reader's OPML export: every feed of nested outlines, read safely; `fetch --opml` and
`opml = FILE` fetch them, `fetch --list` shows what each gave."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from httpsite import Reply, Site, page, rss
from processes import fixed_clock_env

from zhbrief.errors import UsageError
from zhbrief.fetch.opml import read_opml

FEEDLY = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Feedly subscriptions</title></head>
  <body>
    <outline text="新闻" title="新闻">
      <outline type="rss" text="甲" title="甲" xmlUrl="{a}" htmlUrl="http://e.cn/"/>
      <outline text="深" title="深">
        <outline type="rss" text="乙" xmlUrl="{b}"/>
      </outline>
    </outline>
    <outline type="rss" text="甲 again" xmlUrl="{a}"/>
  </body>
</opml>
"""
NEWSBOAT = """<?xml version="1.0"?>
<opml version="2.0"><head><title>newsboat - Exported Feeds</title></head><body>
<outline type="rss" xmlUrl="https://e.cn/rss?x=1&amp;y=2" htmlUrl="" title="t"/>
<outline type="rss" xmlurl="https://f.cn/atom.xml" title="lower-case attribute"/>
<outline text="a folder with no feed"/>
</body></opml>
"""
FRESHRSS = """<?xml version="1.0" encoding="GB18030"?>
<opml xmlns:frss="https://freshrss.org/opml" version="2.0">
<head><title>FreshRSS</title><dateCreated>Thu, 12 Mar 2026</dateCreated></head>
<body><outline text="科技"><outline text="站" type="rss" xmlUrl="https://g.cn/feed" frss:cssFullContent="article"/></outline></body>
</opml>
"""


def write(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    path = folder / "subscriptions.opml"
    path.write_bytes(text.encode(encoding))
    return path


def test_feeds_of_nested_outlines_once_each(tmp_path: Path) -> None:
    opml = write(tmp_path, FEEDLY.format(a="https://e.cn/rss.xml", b="https://f.cn/feed"))
    assert read_opml(opml) == ["https://e.cn/rss.xml", "https://f.cn/feed"]
    assert read_opml(write(tmp_path, NEWSBOAT)) == [
        "https://e.cn/rss?x=1&y=2",
        "https://f.cn/atom.xml",
    ]
    assert read_opml(write(tmp_path, FRESHRSS, "gb18030")) == ["https://g.cn/feed"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            '<opml><body><outline xmlUrl="&x;"/></body></opml>',
            "declares XML entities, which no feed reader writes",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            '<opml><body><outline xmlUrl="http://e.cn/&b;"/></body></opml>',
            "declares XML entities, which no feed reader writes",
        ),
        ("<opml><body><outline xmlUrl='http://e.cn/'>", "not well-formed XML"),
        ("<rss><channel/></rss>", "not OPML (no <opml> element)"),
        ("<opml><body><outline text='empty folder'/></body></opml>", ": no feeds (no outline"),
    ],
)
def test_what_is_not_a_usable_export_is_one_clear_error(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        read_opml(write(tmp_path, content))
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert str(caught.value).endswith("or fix opml in zhbrief.toml.")


def test_a_device_or_a_huge_file_is_never_read_whole(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"^OPML file /dev/urandom: not a regular file"):
        read_opml(Path("/dev/urandom"))
    big = tmp_path / "big.opml"
    with big.open("wb") as out:
        out.truncate(10_000_001)
    with pytest.raises(UsageError, match=r"larger than 10,000,000 bytes"):
        read_opml(big)


def zhbrief(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhbrief", *args],
        cwd=cwd,
        env=fixed_clock_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def feeds_of(site: Site) -> tuple[str, str]:
    """Two feeds of one page each, the second with an ETag (asked conditionally next time)."""
    for name in ("a", "b"):
        site.routes[f"/{name}.html"] = Reply(page(f"新闻{name}", "这是一篇订阅来的新闻报道。"))
    site.routes["/one.xml"] = rss((site.url("/a.html"), "Thu, 12 Mar 2026 08:00:00 +0800"))
    feed = rss((site.url("/b.html"), "Thu, 12 Mar 2026 08:00:00 +0800"))

    def conditional() -> Reply:
        if site.received[-1].get("If-None-Match") == '"v1"':
            return Reply(status=304, headers={"ETag": '"v1"'}, length=False)
        return Reply(feed.body, headers={**feed.headers, "ETag": '"v1"'})

    site.routes["/two.xml"] = conditional
    return site.url("/one.xml"), site.url("/two.xml")


@pytest.mark.timeout(120)
def test_fetch_an_opml_export_then_list_its_sources(tmp_path: Path, site: Site) -> None:
    one, two = feeds_of(site)
    write(tmp_path, FEEDLY.format(a=one, b=two))
    (tmp_path / "zhbrief.toml").write_text(
        'input = "in"\noutput = "out"\n[fetch]\nopml = "subscriptions.opml"\ndelay = 0\n',
        encoding="utf-8",
    )
    before = zhbrief(tmp_path, "fetch", "--list")
    assert (
        before.returncode == 0 and before.stdout == f"{one}: never fetched\n{two}: never fetched\n"
    )
    assert not (tmp_path / "out").exists()  # --list writes nothing

    first = zhbrief(tmp_path, "fetch")
    assert first.returncode == 0, first.stderr
    assert re.fullmatch(r"2 new pages from 2 sources, 0 failed \(\d+\.\d s\)\n", first.stdout)
    assert len(list((tmp_path / "in").rglob("*.html"))) == 2

    site.received.clear()
    second = zhbrief(tmp_path, "fetch")
    assert second.returncode == 0 and second.stderr == "", second.stderr
    asked = {m.get("If-None-Match") for m in site.received}
    assert '"v1"' in asked  # the feed seen before is asked conditionally: one small 304

    listed = zhbrief(tmp_path, "fetch", "--list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [
        f"{one}: 2026-03-12T08:00:00Z, feed of 1 link: 0 new pages",
        f"{two}: 2026-03-12T08:00:00Z, feed unchanged since the fetch before (HTTP 304)",
    ]


def test_the_command_line_opml_replaces_the_configured_one(tmp_path: Path, site: Site) -> None:
    one, two = feeds_of(site)
    (tmp_path / "mine.opml").write_text(FEEDLY.format(a=two, b=two), encoding="utf-8")
    (tmp_path / "zhbrief.toml").write_text(
        f'[fetch]\nsources = ["{one}"]\nopml = "absent.opml"\n', encoding="utf-8"
    )
    listed = zhbrief(tmp_path, "fetch", "--list", "--opml", "mine.opml")
    assert listed.stdout == f"{one}: never fetched\n{two}: never fetched\n", listed.stderr
    missing = zhbrief(tmp_path, "fetch", "--list")
    assert missing.returncode == 2 and missing.stderr == (
        f"Error: OPML file {tmp_path / 'absent.opml'}: not found; export the subscriptions "
        "again from the feed reader, or fix opml in zhbrief.toml.\n"
    )
