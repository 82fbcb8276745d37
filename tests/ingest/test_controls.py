"""Control characters and bidi overrides in an article, its page metadata or its file name
never reach an output file (Markdown, index, site pages, feed, digests)."""

from __future__ import annotations

import re
from pathlib import Path

from builders import output_files
from processes import run_here

from zhbrief.controls import bad_in_name, drop_controls, escaped

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_TEXT = (
    "本市\x01今天\x1b[31m天气晴朗\x1b[0m，气温二十度。\u202e市民纷纷\u2066外出\u2069游玩。\r\n"
    "公园里\x9b人很多\x7f，孩子们\x85在草地上奔跑。\f记者\x08李明\u202a报道。\n"
)
HOSTILE_PAGE = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    "<title>图书馆&#27;[31m延长&#x202E;开放时间</title>"
    '<meta name="author" content="张&#1;三&#x2067;">'
    '<meta property="og:site_name" content="新闻&#x1b;网">'
    "</head><body><article><h1>图书馆延长&#x202D;开放时间</h1>"
    "<p>本市中心图书馆\x1b]0;title\x07宣布，自下月起每周五和周六开放至晚上十点。</p>"
    "<p>馆长&#155;李明表示，延长开放时间是读者呼声最高的建议&#8238;。</p>"
    "</article></body></html>"
)


def test_drop_controls_keeps_text_tabs_and_line_breaks() -> None:
    assert drop_controls("a\x1b[1mb\u202ec\r\nd\re\tf\x85g\x0ch") == "a[1mbc\nd\ne\tf\ng\nh"
    assert bad_in_name("a\x1b.txt") and bad_in_name("a\u202etxt.exe") and bad_in_name("a\tb")
    assert not bad_in_name("新闻 2026.txt")
    assert escaped("a\x1b[1m\u202e.txt") == "a\\x1b[1m\\u202e.txt"


def test_no_control_reaches_any_output_file(tmp_path: Path, module_model: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "weather.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (src / "library.html").write_text(HOSTILE_PAGE, encoding="utf-8")
    (src / "name\x1b[31m\u202e.txt").write_text("本市今天天气晴朗。", encoding="utf-8")
    ran = run_here(src, out)
    assert ran.returncode == 1  # the file whose name holds an ESC is refused, said escaped
    assert ran.stderr.splitlines() == [
        "name\\x1b[31m\\u202e.txt: file name holds a control character or a bidi override "
        "(shown escaped); rename it"
    ]
    assert "2 briefs written" in ran.stdout
    written = output_files(out)
    kinds = {Path(name).suffix for name in written}
    assert {".md", ".html", ".xml"} <= kinds and any("digest" in n for n in written)
    for name, data in written.items():
        found = FORBIDDEN.findall(data.decode("utf-8", errors="replace"))
        assert not found, (name, found)
        assert not FORBIDDEN.search(name), name
    markdown = next(
        data.decode()
        for name, data in written.items()
        if "library" in name and name.endswith(".md")
    )
    # the text stays, only the controls went
    assert "author: 张三\n" in markdown and "site: 新闻网\n" in markdown
    assert "title_zh: 图书馆延长开放时间\n" in markdown
