"""Finding inputs and decoding them: encodings, HTML extraction, and every way a file is refused."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhbrief.documents import Document, PageMeta
from zhbrief.errors import NotChineseError, SourceError, UsageError
from zhbrief.ingest.decode import decode_bytes
from zhbrief.ingest.find import find_sources, read_source

SIMPLIFIED = (
    "新华社北京三月五日电 国家统计局今天发布数据，今年前两个月全国规模以上工业增加值同比增长百分之七，"
    "经济运行总体平稳。专家表示，消费和投资都在回升。\n"
    "统计局发言人说，下一步将继续加强监测，为政策制定提供参考。\n"
)
TRADITIONAL = (
    "中央社台北五日電 行政院今天召開會議，決定明年起調整基本工資，勞動部表示將與各界溝通。"
    "經濟部長指出，出口訂單連續三個月成長，產業景氣逐步回溫。\n"
)


def write(base: Path, rel: str, data: bytes | str = SIMPLIFIED) -> Path:
    """Write one fixture file, creating its folders."""
    path = base / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def read(tmp_path: Path, name: str, data: bytes | str, **kw: int) -> Document:
    """Write a file into tmp_path and read it back as a Document."""
    return read_source(write(tmp_path, name, data), tmp_path, **kw)


def error_of(tmp_path: Path, name: str, data: bytes | str, **kw: int) -> SourceError:
    """The SourceError reading this file raises."""
    with pytest.raises(SourceError) as info:
        read(tmp_path, name, data, **kw)
    return info.value


def euc_tw(text: str) -> bytes:
    """EUC-TW bytes for Big5 level-1 hanzi and ASCII, built by hand (Python has no codec).

    CNS 11643 plane 1 holds the Big5 level-1 hanzi (A440-C67E) in the same order from
    0x4421, 94 to a row; EUC-TW sets the high bit of both bytes (一 = C4A1, 大 = C4CB).
    """
    out = bytearray()
    for char in text:
        if char.isascii():
            out += char.encode()
            continue
        lead, trail = char.encode("big5")
        index = (lead - 0xA4) * 157 + (trail - 0x40 if trail <= 0x7E else trail - 0xA1 + 63)
        row, col = divmod(index, 94)
        out += bytes([0xC4 + row, 0xA1 + col])
    return bytes(out)


# find_sources


def test_find_sources_recursive_sorted_filtered(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a/z.md",
        "a/b/c.HTML",
        "a b.htm",
        "新闻 一.md",
        "-rf.txt",
        "x.pdf",
        "notes.txt.bak",
        ".hidden.txt",
        ".git/config.txt",
        "a/.cache/d.txt",
    ]:
        write(tmp_path, rel)
    rels = [p.relative_to(tmp_path).as_posix() for p in find_sources(tmp_path)]
    assert rels == ["-rf.txt", "a b.htm", "a/b/c.HTML", "a/z.md", "b.txt", "新闻 一.md"]


def test_find_sources_survives_symlink_loop_and_follows_links(tmp_path: Path) -> None:
    src, outside = tmp_path / "in", tmp_path / "outside"
    write(src, "a/one.txt")
    write(outside, "real.txt")
    (src / "a" / "loop").symlink_to(src, target_is_directory=True)
    (src / "ext").symlink_to(outside, target_is_directory=True)
    (src / "link.txt").symlink_to(outside / "real.txt")
    (src / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    result: list[Path] = []
    walker = threading.Thread(
        target=lambda: result.extend(find_sources(src, follow_symlinks=True)), daemon=True
    )
    walker.start()
    walker.join(timeout=10)
    assert not walker.is_alive(), "find_sources hung on a symlink loop"
    rels = [p.relative_to(src).as_posix() for p in result]
    assert rels == ["a/one.txt", "dangling.txt", "ext/real.txt", "link.txt"]
    with pytest.raises(SourceError, match="broken link"):
        read_source(src / "dangling.txt", src)


def test_find_sources_missing_or_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"Input folder not found: .*nope\. Create it"):
        find_sources(tmp_path / "nope")
    with pytest.raises(UsageError, match="Input folder not found"):
        find_sources(write(tmp_path, "file.txt"))


# encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED.encode("utf-8-sig"), "utf-8-sig"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),
        (SIMPLIFIED.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        (SIMPLIFIED.encode("gb2312"), "gb18030"),
        ((SIMPLIFIED + "𠮷").encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("gbk"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        ((TRADITIONAL + "€").encode("cp950"), "cp950"),
    ],
)
def test_decode_bytes_encodings(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text.removesuffix("𠮷").removesuffix("€") in (SIMPLIFIED, TRADITIONAL)
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("text", ["中国", "总是遗忘小金库？", "台北天氣晴", "國際新聞"])
def test_decode_bytes_short_legacy_texts(text: str) -> None:
    for codec, name in (("gb18030", "gb18030"), ("big5", "big5")):
        try:
            data = text.encode(codec)
        except UnicodeEncodeError:
            continue
        assert decode_bytes(data) == (text, name)


def test_read_source_document_fields_and_newlines(tmp_path: Path) -> None:
    data = SIMPLIFIED.replace("\n", "\r\n").encode("utf-8-sig")
    doc = read(tmp_path, "sub/news.txt", data)
    assert doc.rel == "sub/news.txt"
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.text == SIMPLIFIED
    assert (doc.encoding, doc.kind, doc.meta, doc.replaced) == ("utf-8-sig", "text", PageMeta(), 0)


def test_euc_tw_gets_the_iconv_hint(tmp_path: Path) -> None:
    data = euc_tw(TRADITIONAL)
    assert data.startswith(b"\xc4\xe3")  # 中 = CNS 11643 plane 1 0x4463
    err = error_of(tmp_path, "tw.txt", data)
    assert str(err) == (
        "looks like EUC-TW, which Python cannot decode; convert it to UTF-8 first, "
        "e.g. iconv -f EUC-TW -t UTF-8"
    )


def test_euc_tw_plane_prefix(tmp_path: Path) -> None:
    data = euc_tw("台北天氣") + b"\x8e\xa2\xa1\xa1" + euc_tw("一人")
    assert "EUC-TW" in str(error_of(tmp_path, "tw.txt", data))


def test_gb2312_prose_is_not_mistaken_for_euc_tw(tmp_path: Path) -> None:
    doc = read(tmp_path, "gb.txt", (SIMPLIFIED * 5).encode("gb2312"))
    assert doc.encoding == "gb18030"


# refusals


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty; nothing to translate"),
        (b" \n\t\r\n  ", "contains only whitespace; nothing to translate"),
        ("\u3000 \n".encode("utf-16"), "contains only whitespace; nothing to translate"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not text"),
        (bytes(range(1, 32)) * 20, "looks like a binary file, not text"),
        (
            "日本語のテキストです。東京は晴れ。".encode("shift_jis"),
            "is not in an encoding zhbrief reads",
        ),
        (
            ("新闻" + "\ufffd" * 10).encode("utf-8"),
            "decodes as utf-8 but 10 characters are garbled",
        ),
        (b"\xff\xfe\x00\xd8", "is not valid utf-16"),
    ],
)
def test_refused_files(tmp_path: Path, data: bytes, reason: str) -> None:
    err = error_of(tmp_path, "x.txt", data)
    assert str(err).startswith(reason)
    assert "x.txt" not in str(err)  # the caller prefixes the path
    assert not isinstance(err, NotChineseError)


@pytest.mark.parametrize(
    "data",
    [
        b"Plain English news, nothing else.\n",
        "Caf\u00e9 r\u00e9sum\u00e9 na\u00efve\n".encode("cp1252"),
    ],
)
def test_english_only_is_a_skip(tmp_path: Path, data: bytes) -> None:
    err = error_of(tmp_path, "en.txt", data)
    assert isinstance(err, NotChineseError)
    assert str(err) == "no Chinese text found (English-only?); nothing to translate"


def test_too_large_names_the_limit_and_how_to_raise_it(tmp_path: Path) -> None:
    err = error_of(tmp_path, "big.txt", SIMPLIFIED, max_bytes=100)
    assert str(err) == (
        "is larger than the 100-byte limit; raise max_bytes in zhbrief.toml "
        "or pass --max-bytes to read it"
    )
    assert read(tmp_path, "ok.txt", SIMPLIFIED, max_bytes=len(SIMPLIFIED.encode()))


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.txt")
    if os.geteuid() != 0:  # root reads through chmod 000, so fake the refusal there
        path.chmod(0)
    else:

        def deny(where: object, *args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied", str(where))

        monkeypatch.setattr("zhbrief.places.os.open", deny)
    with pytest.raises(SourceError, match=r"^cannot be read: permission denied"):
        read_source(path, tmp_path)


def test_folder_named_like_a_source(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(SourceError, match=r"^is a folder, not a file"):
        read_source(tmp_path / "dir.txt", tmp_path)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decode_bytes_only_ever_raises_source_error(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except SourceError:
        return
    assert text.strip() and encoding


# HTML

ARTICLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="{charset}">
<title>统计局：前两月工业生产平稳增长_新闻中心</title>
<meta property="article:published_time" content="2024-03-05T10:00:00+08:00">
<meta name="author" content="王小明">
</head><body>
<nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻</a></li>
<li><a href="/sport">体育</a></li><li><a href="/login">登录注册</a></li></ul></nav>
<article>
<h1>统计局：前两月工业生产平稳增长</h1>
<p>国家统计局今天发布数据，今年前两个月全国规模以上工业增加值同比增长百分之七，经济运行总体平稳，市场预期持续改善。</p>
<p>统计局发言人在新闻发布会上说，制造业投资增速加快，高技术产业保持较快增长，消费市场也在稳步恢复之中。</p>
<p>专家表示，随着一系列稳增长政策落地见效，预计下一阶段工业生产将继续保持回升向好的态势。</p>
</article>
<div id="comments" class="comments"><h3>网友评论</h3>
<p class="comment">匿名网友：这篇文章写得真好，支持一下！</p></div>
<footer><p>版权所有 © 2024 新闻网 京ICP备12345678号</p></footer>
</body></html>
"""


def test_html_article_paragraphs_and_meta(tmp_path: Path) -> None:
    doc = read(tmp_path, "page.html", ARTICLE_HTML.format(charset="utf-8"))
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0].startswith("国家统计局今天发布数据")  # the <h1> is the title, not body
    assert paragraphs[-1].startswith("专家表示")
    assert len(paragraphs) == 3
    for furniture in ("首页", "登录注册", "网友评论", "支持一下", "版权所有"):
        assert furniture not in doc.text
    assert doc.kind == "html"
    assert doc.meta.title.startswith("统计局：前两月工业生产平稳增长")
    assert doc.meta.date == "2024-03-05"
    assert doc.meta.author == "王小明"


def test_html_declaring_gb2312_but_utf8_bytes(tmp_path: Path) -> None:
    doc = read(tmp_path, "page.htm", ARTICLE_HTML.format(charset="gb2312").encode("utf-8"))
    assert doc.encoding == "utf-8"
    assert "工业增加值" in doc.text


def test_html_really_gb2312(tmp_path: Path) -> None:
    data = ARTICLE_HTML.format(charset="gb2312").replace("©", "(c)").encode("gb2312")
    doc = read(tmp_path, "page.html", data)
    assert doc.encoding == "gb18030"
    assert "工业增加值" in doc.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title>新闻网</title></head><body><script>var a = '中文';</script></body></html>",
        (
            "<html><head><title>新闻网</title></head><body><nav><ul><li><a href='/'>首页</a></li>"
            "<li><a href='/a'>国内新闻</a></li><li><a href='/b'>国际新闻</a></li></ul></nav></body></html>"
        ),
    ],
)
def test_html_without_article_text(tmp_path: Path, page: str) -> None:
    err = error_of(tmp_path, "empty.html", page)
    assert str(err) == (
        "no article text found in the HTML page; save the article page itself, or its text as .txt"
    )


def test_html_in_english_is_a_skip(tmp_path: Path) -> None:
    body = "".join(
        f"<p>Paragraph {i} of an English news story about the economy.</p>" for i in range(6)
    )
    page = f"<html><head><title>News</title></head><body><article>{body}</article></body></html>"
    assert isinstance(error_of(tmp_path, "en.html", page), NotChineseError)


def test_private_use_characters_in_utf8_are_the_writers(tmp_path: Path) -> None:
    # the Sogou news corpus marks line breaks with U+E40C; valid UTF-8 is not mojibake
    text = "记者报道。\ue40c" * 30 + "新闻正文。"
    doc = read(tmp_path, "sogou.txt", text.encode("utf-8"))
    assert doc.text == text and doc.encoding == "utf-8"


def test_private_use_characters_from_a_legacy_reading_are_garbled() -> None:
    raw = ("新闻报道" * 25).encode("gb18030") + b"\xaa\xa1" * 5  # GB18030 user-defined area
    with pytest.raises(SourceError, match="garbled"):
        decode_bytes(raw)


PAGE_AS_TEXT = """<!DOCTYPE html><html><head><title>统计局：工业生产平稳增长</title></head>
<body><div class="nav">首页 | 新闻 | 关闭窗口</div><article><h1>统计局：工业生产平稳增长</h1>
<p>国家统计局今天发布数据，今年前两个月全国规模以上工业增加值同比增长百分之七，经济运行总体平稳。</p>
<p>统计局发言人在新闻发布会上说，制造业投资增速加快，高技术产业保持较快增长，消费稳步恢复。</p>
</article><footer>COPYRIGHT 2012 版权所有</footer></body></html>"""


@pytest.mark.parametrize("prefix", ["", "\n  <!-- saved page -->\n", "<html>"])
def test_web_page_saved_as_text_is_read_as_html(tmp_path: Path, prefix: str) -> None:
    page = PAGE_AS_TEXT if prefix != "<html>" else PAGE_AS_TEXT.split("<html>", 1)[1]
    doc = read(tmp_path, "page.txt", (prefix + page).encode("gb18030"))
    assert doc.kind == "html" and doc.encoding == "gb18030"
    assert "<p>" not in doc.text and "COPYRIGHT" not in doc.text
    assert "国家统计局今天发布数据" in doc.text


def test_text_mentioning_html_is_still_text(tmp_path: Path) -> None:
    doc = read(tmp_path, "a.txt", "网页以<html>标签开头。这是一篇关于网页的新闻。\n")
    assert doc.kind == "text"


@pytest.mark.parametrize(
    ("tags", "author", "site"),
    [
        ('<meta name="author" content="责任编辑：张申">', "张申", None),
        ('<meta name="author" content="作者">', None, None),
        ('<meta property="og:site_name" content="网易版权所有">', None, "网易"),
    ],
)
def test_html_meta_without_labels_and_notices(
    tmp_path: Path, tags: str, author: str | None, site: str | None
) -> None:
    page = ARTICLE_HTML.format(charset="utf-8").replace(
        '<meta name="author" content="王小明">', tags
    )
    doc = read(tmp_path, "page.html", page)
    assert doc.meta.author == (author or "")
    assert doc.meta.site == (site or "")


@pytest.mark.parametrize(
    "head",
    [
        '<?xml version="1.0" encoding="BIG5"?>\n<?xml-stylesheet href="a.css"?>\n<!--\nSaved\n-->\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>部落格</title>',
        '<?xml version="1.0" encoding="gb2312" ?>\n<rss version="2.0"><channel><title>新闻</title>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><title>新闻</title>',
    ],
)
def test_a_feed_saved_as_text_is_refused_saying_what_to_do(tmp_path: Path, head: str) -> None:
    (tmp_path / "feed.txt").write_text(head + "<entry>今天的新闻很多。</entry>", encoding="utf-8")
    with pytest.raises(
        SourceError, match=r"^is an RSS or Atom feed, not an article: .*zhbrief fetch"
    ):
        read_source(tmp_path / "feed.txt", tmp_path)


def test_an_article_quoting_a_feed_tag_is_still_an_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("订阅地址是 <rss> 标签。\n今天的新闻很多。\n", encoding="utf-8")
    assert "今天的新闻很多" in read_source(tmp_path / "a.txt", tmp_path).text
