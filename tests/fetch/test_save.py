"""Saved pages: names from host, date and slug; atomic writes invisible to `zhbrief run`."""

from __future__ import annotations

import os
from pathlib import Path

from zhbrief.fetch.save import page_date, page_name, save_page
from zhbrief.fetch.urls import url_hash
from zhbrief.ingest.find import find_sources
from zhbrief.output.files import TEMP_MARK

URL = "https://www.e.cn:8443/news/2026/Story_7.html?id=3"


def test_page_names() -> None:
    assert page_name(URL, "2026-03-12", set()) == "www.e.cn_8443/2026-03-12-story-7.html"
    clash = page_name(URL, "2026-03-12", {"www.e.cn_8443/2026-03-12-story-7.html"})
    assert clash == f"www.e.cn_8443/2026-03-12-story-7-{url_hash(URL)}.html"


def test_page_date_from_the_page() -> None:
    head = '<meta property="article:published_time" content="2025-12-31T20:00:00+08:00">'
    html = f"<html><head>{head}<title>新闻</title></head><body><p>正文内容。</p></body></html>"
    assert page_date(html, URL) == "2025-12-31"
    assert page_date("<html><body><p>没有日期的页面。</p></body></html>", URL) == ""


def test_save_is_atomic_and_temp_files_are_not_sources(tmp_path: Path) -> None:
    path = save_page(tmp_path, "e.cn/2026-03-12-a.html", b"<html>\xe6\x96\xb0</html>")
    assert path.read_bytes() == b"<html>\xe6\x96\xb0</html>"
    assert os.listdir(tmp_path / "e.cn") == ["2026-03-12-a.html"]
    # what a fetch killed mid-write leaves: run never reads it
    (tmp_path / "e.cn" / f"{TEMP_MARK}abc").write_bytes(b"<html>half")
    assert find_sources(tmp_path) == [path]
