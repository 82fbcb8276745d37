"""An HTML page as the lines a reader sees, each with what the page's markup says about it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from zhbrief.zh import HAN_RANGES

# Never read: code, forms, embedded objects, and the page's head.
_DROPPED = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "button", "textarea", "input", "head", "map", "audio", "video",
)  # fmt: skip
# Tags whose boundaries end a line (a reader sees a new line), <br> included.
_BLOCKS = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    ]
)  # fmt: skip
_ITEMS = frozenset({"li", "dd", "dt", "option"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "menu", "figcaption"})
# id/class words that name page furniture, and words that name the article (which win).
# Stems match at the start of a word (comments, recommendList); short words only whole.
FURNITURE_STEMS = (
    "comment", "pinglun", "reply", "recommend", "tuijian", "related", "relate", "xiangguan",
    "rank", "paihang", "sidebar", "sidebox", "share", "fenxiang", "footer", "breadcrumb",
    "crumb", "banner", "advert", "guanggao", "copyright", "banquan", "login", "subscribe",
    "qrcode", "erweima", "toolbar", "pagination", "pager", "widget", "popup", "social",
    "remen", "redian", "daohang", "navbar", "navi", "menu", "hotnews", "hotlist", "player",
    "caption",
)  # fmt: skip
FURNITURE_WORDS = frozenset(
    {"nav", "hot", "ad", "ads", "side", "aside", "foot", "top10", "more", "tags", "gg", "ewm"}
)
ARTICLE_WORDS = frozenset(
    {"article", "content", "main", "post", "text", "body", "entry", "story", "detail",
     "zhengwen", "neirong", "artibody", "contents"}
)  # fmt: skip
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SPACE = re.compile(r"\s+")
_CJK = f"{HAN_RANGES}\u3000-\u303f\uff00-\uffef"
# a line break between two Chinese characters is no space (CSS Text: segment break rules)
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \t]*[\r\n]\s*(?=[{_CJK}])")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the page as rendered, with its place in the markup."""

    text: str
    linked: int  # characters inside links
    ancestors: tuple[int, ...]  # document-order numbers of the elements around it, outermost first
    item: bool = False  # inside a list item
    heading: bool = False  # inside h1–h6
    # numbers of the elements around it whose tag or names say furniture
    named: tuple[int, ...] = ()
    pre: bool = False  # preformatted: its own line breaks kept

    @property
    def link_density(self) -> float:
        """The share of the line's characters that are link text."""
        visible = len(self.text) - self.text.count(" ")
        return min(1.0, self.linked / visible) if visible else 0.0


def names_furniture(element: Any) -> bool:
    """Whether an element's tag or id/class words name furniture, and none names the article."""
    if element.tag in ("html", "body"):
        return False
    if element.tag in _FURNITURE_TAGS:
        return True
    names = f"{element.get('id', '')} {element.get('class', '')}"
    if "/" in names:
        return False  # an address, not a name (the <text id=URL> wrapper of saved pages)
    words = [w.lower() for w in _WORD.findall(names)]
    if any(w in ARTICLE_WORDS for w in words):
        return False
    return any(w in FURNITURE_WORDS or w.startswith(FURNITURE_STEMS) for w in words)


def parse_page(page: str) -> Any:
    """The page's element tree (lxml), or None when it holds no markup."""
    import lxml.html  # lxml comes with trafilatura; imported when a page is read
    from lxml import etree

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def strip_unread(root: Any) -> None:
    """Remove what a reader never reads (code, forms, embedded objects, the head) in place."""
    from lxml import etree

    etree.strip_elements(root, *_DROPPED, with_tail=False)


@dataclass(frozen=True, slots=True)
class Page:
    """A page's lines in reading order, and the tag.class of each block element by number."""

    lines: tuple[Line, ...]
    signatures: dict[int, str]


def page_lines(root: Any) -> Page:
    """The visible lines of a parsed page in reading order."""
    walker = _Walker()
    walker.visit(root, _State((), False, False, False, (), False))
    walker.flush()
    return Page(tuple(walker.lines), walker.signatures)


@dataclass(frozen=True, slots=True)
class _State:
    """What holds for text at one place in the tree."""

    ancestors: tuple[int, ...]  # the numbers of the block elements around it
    link: bool
    item: bool
    heading: bool
    named: tuple[int, ...]
    pre: bool


class _Walker:
    """Collects inline text into lines, breaking at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.linked = 0
        self.start: _State | None = None
        self.count = 0
        self.signatures: dict[int, str] = {}

    def visit(self, el: Any, outer: _State) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        self.count += 1
        block = tag in _BLOCKS
        state = _State(
            (*outer.ancestors, self.count) if block else outer.ancestors,
            outer.link or tag == "a",
            outer.item or tag in _ITEMS,
            outer.heading or tag in _HEADINGS,
            (*outer.named, self.count) if names_furniture(el) else outer.named,
            outer.pre or tag == "pre",
        )
        if block:
            self.flush()
            self.signatures[self.count] = f"{tag}.{' '.join(str(el.get('class', '')).split())}"
        self.add(el.text, state)
        for child in el:
            self.visit(child, state)
            self.add(child.tail, state)
        if block:
            self.flush()

    def add(self, text: str | None, state: _State) -> None:
        """Add a piece of text to the current line."""
        if not text:
            return
        if not self.parts:
            self.start = state
        self.parts.append(text)
        if state.link:
            self.linked += len(_SPACE.sub("", text))

    def flush(self) -> None:
        """End the current line (or lines, in <pre>)."""
        if not self.parts or self.start is None:
            self.parts = []
            return
        raw, linked, s = "".join(self.parts), self.linked, self.start
        self.parts, self.linked = [], 0
        for text in _lines(raw, s.pre):
            share = min(linked, len(text))
            self.lines.append(Line(text, share, s.ancestors, s.item, s.heading, s.named, s.pre))
            linked -= share


def _lines(raw: str, pre: bool) -> Iterator[str]:
    """The rendered lines of a text run: whitespace collapsed, or kept as lines in <pre>."""
    chunks = raw.splitlines() if pre else [raw]
    for chunk in chunks:
        text = _SPACE.sub(" ", _CJK_GAP.sub("", chunk.replace("\xa0", " "))).strip(" \u3000")
        if text:
            yield text
