"""The headline of an article: which first lines form it, and the site name cut from it."""

from __future__ import annotations

import re

from zhbrief.ingest.shape import TITLE_MAX, display_length, looks_like_title

_SITE_SEPARATOR = re.compile(r"\s*(?:[-_|｜－—–]+|——)\s*")
SITE_ENDINGS = ("网", "报", "社", "新闻", "财经", "科技", "日报", "在线", "频道", "网站", "时报")
KNOWN_SITES = frozenset({"新浪", "搜狐", "腾讯", "网易", "凤凰", "澎湃", "BBC", "FT中文", "界面"})
SITE_MAX = 12
_HEADING = re.compile(r"#{1,6}\s+(.*?)\s*#*")
SITE_SEPARATORS = "@-_|｜:：—–·"
HEADLINE_MIN = 6


def _site_like(name: str) -> bool:
    """Whether a title suffix names a site rather than continuing the title."""
    return 2 <= len(name) <= SITE_MAX and (name.endswith(SITE_ENDINGS) or name in KNOWN_SITES)


def split_site_suffix(title: str) -> tuple[str, str | None]:
    """Split "标题-中新网" into ("标题", "中新网"); titles without a site suffix come back whole."""
    parts = _SITE_SEPARATOR.split(title)
    cut = len(parts)
    while cut > 1 and _site_like(parts[cut - 1]):
        cut -= 1
    if cut == len(parts):
        return title, None
    sites = parts[cut:]
    outlet = next((s for s in sites if s.endswith(("网", "报", "社"))), sites[-1])
    stem = title[: _stem_end(title, len(parts) - cut)]
    return stem, outlet


def _stem_end(title: str, suffixes: int) -> int:
    """Index where the last `suffixes` separator-delimited parts of `title` begin."""
    starts = [m.start() for m in _SITE_SEPARATOR.finditer(title)]
    return starts[-suffixes]


def find_title(paragraphs: tuple[str, ...], meta_title: str | None) -> tuple[str | None, int]:
    """Return the title and how many leading paragraphs it takes from the body."""
    first = paragraphs[0] if paragraphs else ""
    if meta_title:
        return meta_title, int(first in {meta_title, split_site_suffix(meta_title)[0]})
    heading = _HEADING.fullmatch(first)
    if heading and heading.group(1):
        return heading.group(1), 1
    if len(paragraphs) < 2:
        return None, 0
    second_title, second_site = split_site_suffix(paragraphs[1])
    if (
        second_site
        and looks_like_title(first)
        and display_length(first + second_title) <= TITLE_MAX
    ):
        return first + paragraphs[1], 2  # a headline broken in two lines, site on the second
    if looks_like_title(first) or split_site_suffix(first)[1]:
        return first, 1
    return None, 0


def lone_site(body: tuple[str, ...]) -> str | None:
    """The site of a suffix left alone on the first body line ("-中新网"), if any."""
    stem, site = split_site_suffix(body[0]) if body else ("", None)
    return site if site and not stem else None


def cut_at_site(title: str, site: str | None) -> str:
    """The title before a separator and the page's own site name ("游记 @ 某某的家 :: 痞客邦")."""
    at = title.find(site, 1) if site else -1
    head = title[:at].rstrip() if at > 0 else ""
    if not head or head[-1] not in SITE_SEPARATORS:
        return title
    return head.rstrip(SITE_SEPARATORS + " ") or title


def repeats_headline(line: str, title: str) -> bool:
    """Whether a body line is the headline again: equal, cut short, or the fuller form of it.

    Pages carry the headline twice (a <meta> title cut at a quote, then the <h1>); the
    shorter form must be a real piece of headline, not a two-character heading.
    """
    short, long_ = sorted((line, title), key=len)
    return len(short) >= HEADLINE_MIN and looks_like_title(line) and long_.startswith(short)
