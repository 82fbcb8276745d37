"""The main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

import re

from zhbrief.errors import SourceError

_AUTHOR_XPATH = '//meta[@name="author" or @property="article:author"]/@content'
# "责任编辑：张申", "作者：李四": the label is page furniture, not part of the name
_PERSON_LABEL = re.compile(
    r"^[\[【(（]?\s*(?:责任编辑|责编|编辑|作者|记者|文|来源)\s*(?:[:：︱|]\s*|$)"
)
_CANONICAL_XPATH = '//link[@rel="canonical"]/@href'
_SITE_NOISE = re.compile(r"版权所有|版權所有|Copyright|All Rights Reserved|©", re.I)


def extract_html(page: str) -> tuple[str, dict[str, str]]:
    """The main article text of an HTML page, paragraphs separated by blank lines, and its meta."""
    from trafilatura import bare_extraction  # heavy import; only HTML inputs pay for it
    from trafilatura.utils import load_html

    tree = load_html(page)
    # trafilatura drops authors without a space, i.e. every Chinese name: read the tag first
    authors = tree.xpath(_AUTHOR_XPATH) if tree is not None else []
    canonical = tree.xpath(_CANONICAL_XPATH) if tree is not None else []
    doc = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False)
    body = getattr(doc, "text", None) or ""
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    # a menu of short links is what trafilatura falls back to on pages without an article
    if not any(len(re.findall(r"\w", p)) >= 10 for p in paragraphs):
        raise SourceError(
            "no article text found in the HTML page; save the article page itself, "
            "or its text as .txt"
        )
    names = {"title": "title", "date": "date", "author": "author", "site": "sitename", "url": "url"}
    meta = {key: str(getattr(doc, attr, None) or "").strip() for key, attr in names.items()}
    meta["author"] = _person(meta["author"]) or next(filter(None, map(_person, authors)), "")
    meta["site"] = " ".join(_SITE_NOISE.sub(" ", meta["site"]).split())
    # the canonical link is the page's own address; trafilatura prefers og:url to it
    meta["url"] = next(filter(_absolute, (str(c).strip() for c in canonical)), meta["url"])
    return "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}


def _person(name: object) -> str:
    """An author name without its 责任编辑：/作者： label; "" when only the label is there."""
    return _PERSON_LABEL.sub("", str(name).strip()).strip(" ]】)）")


def _absolute(url: str) -> bool:
    """Whether a link is an absolute web address (a relative canonical says nothing alone)."""
    return url.startswith(("http://", "https://"))
