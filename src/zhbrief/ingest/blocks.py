"""Blocks of a page that are furniture by what they are: a section under a furniture heading
(相关阅读, 网友评论, 免责声明 …), the posts after the first on a blog or forum page, and elements
whose id or class names furniture, when they do not hold the page's prose.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from zhbrief.ingest.dom import Line, Page
from zhbrief.ingest.shape import DATE_PARTS, SECTION_HEADING

IsProse = Callable[[Line], bool]
Count = Callable[[str], int]
SECTION_HEADING_MAX = 20  # characters: a furniture heading is a label, not a sentence
ITEM_PROSE = 50  # Han characters of prose that make a dated block a post of its own
STAMP_MAX = 60  # characters of a date stamp line


def believed_names(lines: Sequence[Line], is_prose: IsProse, han: Count) -> set[int]:
    """Furniture-named elements to believe: those holding less than half the page's prose.

    A page wrapper called "has-nav-bar" or "blq-int-nav" names the whole page, not a menu.
    """
    held: dict[int, int] = defaultdict(int)
    total = 0
    for line in lines:
        if is_prose(line):
            total += han(line.text)
            for n in line.named:
                held[n] += han(line.text)
    named = {n for line in lines for n in line.named}
    return {n for n in named if held[n] * 2 < total or total == 0}


def _prose_by_element(
    lines: Sequence[Line], span: tuple[int, int], prose: Sequence[bool], han: Count
) -> dict[int, int]:
    """Han characters of prose under each element, within the span."""
    held: dict[int, int] = defaultdict(int)
    for i in range(*span):
        if prose[i]:
            for a in lines[i].ancestors:
                held[a] += han(lines[i].text)
    return held


def section_lines(
    lines: Sequence[Line], span: tuple[int, int], prose: Sequence[bool], han: Count
) -> set[int]:
    """Furniture headings, and the rest of their parent element unless it holds the article."""
    held = _prose_by_element(lines, span, prose, han)
    article = max(held.values(), default=0)
    gone: set[int] = set()
    for i, line in enumerate(lines):
        if len(line.text) > SECTION_HEADING_MAX or not SECTION_HEADING.fullmatch(line.text):
            continue
        gone.add(i)
        parent = line.ancestors[-2] if len(line.ancestors) > 1 else None
        if parent is None or held[parent] * 2 > article:
            continue  # the heading sits in the article's own container: only the heading goes
        j = i + 1
        while j < len(lines) and parent in lines[j].ancestors:
            gone.add(j)
            j += 1
    return gone


def other_posts(page: Page, span: tuple[int, int], prose: Sequence[bool], han: Count) -> set[int]:
    """Lines of the posts after the first, when the span holds several dated posts alike.

    A blog's front page or a forum thread repeats one block per post (the same tag and class,
    a date stamp, prose of its own): the article is the first post when the span starts in
    it, and none of them when the article comes before them (a list of comments).
    """
    lines = page.lines
    held = _prose_by_element(lines, span, prose, han)
    stamped = {
        a
        for i in range(*span)
        if not prose[i] and len(lines[i].text) <= STAMP_MAX and DATE_PARTS.search(lines[i].text)
        for a in lines[i].ancestors
    }
    groups: dict[str, list[int]] = defaultdict(list)
    for n in sorted(stamped):
        signature = page.signatures.get(n, ".")
        if held[n] >= ITEM_PROSE and not signature.endswith("."):
            groups[signature].append(n)
    first = next((lines[i] for i in range(*span) if prose[i]), None)
    gone: set[int] = set()
    for posts in groups.values():
        posts = [n for n in posts if not any(m < n and _inside(lines, n, m) for m in posts)]
        if len(posts) < 2 or first is None:
            continue
        keep = posts[0] if posts[0] in first.ancestors else None
        others = {n for n in posts if n != keep}
        gone.update(i for i, line in enumerate(lines) if others & set(line.ancestors))
    return gone


def _inside(lines: Sequence[Line], inner: int, outer: int) -> bool:
    """Whether element `inner` lies inside element `outer` (seen from a line inside both)."""
    return any(inner in line.ancestors and outer in line.ancestors for line in lines)
