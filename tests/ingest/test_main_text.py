"""HTML pages: only the article reaches the reader (ingest/html.py, dom.py, mainarea.py, blocks.py)."""

from __future__ import annotations

import pytest

from zhbrief.documents import Article
from zhbrief.errors import SourceError
from zhbrief.ingest import prepare_article
from zhbrief.ingest.decode import decode_text
from zhbrief.ingest.dom import Line, names_furniture, page_lines, parse_page, strip_unread
from zhbrief.ingest.find import parse_source
from zhbrief.ingest.mainarea import best_span, main_text
from zhbrief.summarizers import summarize

LEAD = "本市中心图书馆昨天宣布，自下月起每周五和周六开放至晚上十点，方便上班族下班后阅读。"
SECOND = "馆长表示，延长开放时间是读者呼声最高的建议，图书馆将为此增加两名值班馆员。"
THIRD = "据介绍，夜间开放期间，自助借还机、阅览室和电子资源区将全部开放，并提供热水。"
PROSE = (LEAD, SECOND, THIRD)
COMMENT = "匿名网友：终于可以下班后去看书了，这个政策真的太好了，大家一起去支持一下吧！"

NEWS_PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>城市图书馆推出夜间开放服务_示例新闻网</title>
<link rel="canonical" href="https://news.example.cn/2026/03/12/library.html"></head>
<body class="has-nav-bar">
<div class="top-nav"><ul><li><a href="/">推荐</a></li><li><a href="/e">娱乐</a></li>
<li><a href="/s">体育</a></li><li><a href="/f">财经</a></li><li><a href="/t">科技</a></li></ul></div>
<div class="crumb">首页 &gt; 社会 &gt; 正文</div>
<div class="main"><div class="article">
<h1>城市图书馆推出夜间开放服务</h1>
<div class="info">2026-03-12 08:00 来源：示例日报</div>
<p>【示例日报记者 李明】{LEAD}</p>
<p>{SECOND}</p>
<p>{THIRD}</p>
<p>安装示例新闻客户端，第一时间接收最新资讯【下载地址】</p>
<p>责任编辑：刘响</p>
</div>
<div class="box"><h3>相关阅读</h3><ul>
<li><a href="/1">全市新增十座社区图书馆</a></li><li><a href="/2">图书馆借阅量创新高</a></li>
<li><a href="/3">夜读成为城市新风尚</a></li></ul></div>
<div class="comment-box"><h3>网友评论</h3>
<p>网友评论仅供其表达个人看法，并不表明本站立场。</p>
<div class="cmt"><p>{COMMENT}</p></div>
<div class="cmt"><p>网友小王：希望周日也能延长开放时间，周末带孩子去的人也很多。</p></div></div>
<div class="hot-rank"><h3>热点排行</h3><ul>
<li><a href="/h1">某地发生五点四级地震</a> 评论 682</li><li><a href="/h2">高校热水一吨七十元</a> 评论 327</li>
<li><a href="/h3">暴雨预警今晚生效</a> 评论 150</li></ul></div>
</div><div class="footer">版权所有 © 2026 示例新闻网</div></body></html>"""

FURNITURE = (
    "推荐", "娱乐", "首页", "下载地址", "责任编辑", "相关阅读", "社区图书馆", "网友评论", "下班后去看书",
    "周日", "热点排行", "地震", "评论 682", "版权所有",
)  # fmt: skip

TABLE_PAGE = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>示例日报--新闻中心</title></head><body>
<table width="780"><tr><td><a href="/">首页</a> | <a href="/n">新闻</a> | <a href="/s">体育</a>
| <a href="/e">娱乐</a> | <a href="/c">论坛</a></td></tr></table>
<table width="780"><tr>
<td width="180" valign="top"><a href="/1">国内新闻</a><br><a href="/2">国际新闻</a><br>
<a href="/3">财经新闻</a><br><a href="/4">体育新闻</a><br><a href="/5">娱乐新闻</a></td>
<td width="600" valign="top"><font size="4"><b>城市图书馆推出夜间开放服务</b></font><br>
2005年08月16日 来源：示例日报<br><br>
　　{LEAD}<br>　　{SECOND}<br>　　{THIRD}<br></td></tr></table>
<table><tr><td><a href="/about">关于我们</a> | <a href="/contact">联系方式</a></td></tr></table>
</body></html>"""


def _article(page: str | bytes, rel: str = "news/page.html") -> Article:
    data = page.encode("utf-8") if isinstance(page, str) else page
    return prepare_article(data, rel)


def test_a_news_page_gives_its_article_and_nothing_else() -> None:
    article = _article(NEWS_PAGE)
    body = "".join(p.zh for p in article.paragraphs)
    assert all(text in body for text in PROSE)
    assert [f for f in FURNITURE if f in body] == []
    assert article.title is not None and article.title.zh == "城市图书馆推出夜间开放服务"
    assert article.provenance.url == "https://news.example.cn/2026/03/12/library.html"


def test_the_byline_opening_the_lead_is_its_own_sentence_and_never_a_summary() -> None:
    article = _article(NEWS_PAGE)
    first = article.paragraphs[0].sentences
    assert [s.zh for s in first] == ["【示例日报记者 李明】", LEAD]
    for n in (1, 2):
        chosen = [article.sentences[i].zh for i in summarize(article, "news", n=n)]
        assert "【示例日报记者 李明】" not in chosen and LEAD in chosen


def test_a_page_laid_out_in_tables_keeps_its_prose() -> None:
    article = _article(TABLE_PAGE.encode("gb2312"))
    assert [p.zh for p in article.paragraphs] == list(PROSE)
    assert article.encoding == "gb18030" and article.replaced == 0


def test_a_legacy_page_with_three_bad_bytes_is_read_with_a_note() -> None:
    raw = TABLE_PAGE.encode("gb2312")
    cut = raw.index(SECOND.encode("gb2312")) + 6
    broken = raw[:cut] + b"\xff" + raw[cut:]
    broken = broken.replace("阅读".encode("gb2312"), b"\x80" + "阅读".encode("gb2312"), 1)
    broken = broken.replace("热水".encode("gb2312"), "热水".encode("gb2312") + b"\xfe", 1)
    decoded = decode_text(broken)
    assert (decoded.encoding, decoded.replaced) == ("gb18030", 3)
    article = _article(broken)
    assert article.replaced == 3
    assert sum(p.zh.count("\ufffd") for p in article.paragraphs) == 3


def test_a_file_mostly_not_chinese_is_still_refused() -> None:
    latin = ("Caf\xe9 r\xe9sum\xe9 na\xefve " * 200).encode("latin-1") + "中文".encode("gb2312")
    with pytest.raises(SourceError):
        parse_source(latin, "cafe.html")


def test_too_many_bad_bytes_are_refused() -> None:
    raw = ("城市图书馆推出夜间开放服务。" * 20).encode("gb2312")
    broken = b"\xff".join(raw[i : i + 20] for i in range(0, len(raw), 20))  # 1 in 20 bytes bad
    with pytest.raises(SourceError, match=r"encoding zhbrief reads|garbled"):
        decode_text(broken)


def _lines(page: str) -> tuple[Line, ...]:
    root = parse_page(page)
    strip_unread(root)
    return page_lines(root).lines


def test_lines_carry_links_items_and_furniture_names() -> None:
    lines = _lines(NEWS_PAGE)
    menu = next(line for line in lines if line.text == "推荐")
    assert menu.item and menu.link_density == 1.0 and menu.named
    lead = next(line for line in lines if LEAD in line.text)
    assert not lead.item and lead.link_density == 0.0 and not lead.named


@pytest.mark.parametrize(
    ("attrs", "furniture"),
    [
        ('class="comment-list"', True),
        ('id="hotNews"', True),
        ('class="side"', True),
        ('class="article-content share"', False),  # names the article too: it wins
        ('id="http://cdp1998.org/details.asp?id=2359"', False),  # an address, not a name
        ('class="shadow"', False),
    ],
)
def test_furniture_names(attrs: str, furniture: bool) -> None:
    root = parse_page(f"<html><body><div {attrs}>x</div></body></html>")
    div = root.find(".//div")
    assert names_furniture(div) is furniture


def test_the_best_span_is_the_run_worth_the_most() -> None:
    assert best_span([-3, 5, -1, 4, -10, 2]) == (1, 4)
    assert best_span([-1, -2]) == (0, 0)


def test_a_wrapper_named_like_a_menu_does_not_hide_the_article() -> None:
    page = NEWS_PAGE.replace('<div class="main">', '<div class="main sidebar-layout">')
    assert LEAD in "".join(p.zh for p in _article(page).paragraphs)


def test_a_blog_front_page_gives_its_first_post_only() -> None:
    posts = "".join(
        f'<table class="post"><tr><td class="post-title">第{n}篇日记</td>'
        f"<td>2005-06-1{n} 03:25:55</td></tr>"
        f'<tr><td class="post-body"><p>{text}</p><p>{text}</p></td></tr></table>'
        for n, text in enumerate((LEAD, SECOND, THIRD), start=1)
    )
    page = f"<html><head><title>海姑娘的博客</title></head><body>{posts}</body></html>"
    root = parse_page(page)
    strip_unread(root)
    body = [line.text for line in main_text(page_lines(root)).body]
    assert body == [LEAD, LEAD]


def test_a_comment_list_under_the_article_is_dropped() -> None:
    comments = "".join(
        f'<div class="floor"><span>网友{n} 2019-09-0{n} 19:28</span><p>{COMMENT}{COMMENT}</p></div>'
        for n in range(1, 4)
    )
    page = (
        f"<html><body><div><p>{LEAD}</p><p>{SECOND}</p><p>{THIRD}</p>{comments}</div></body></html>"
    )
    root = parse_page(page)
    strip_unread(root)
    assert [line.text for line in main_text(page_lines(root)).body] == list(PROSE)


def test_an_english_page_is_not_chinese() -> None:
    from zhbrief.errors import NotChineseError

    body = "".join(f"<p>Paragraph {n} of an English story about the economy.</p>" for n in range(5))
    with pytest.raises(NotChineseError):
        parse_source(f"<html><body><article>{body}</article></body></html>".encode(), "en.html")
