"""The article's part of a page: the run of lines that reads most like prose, less its furniture.

Each line of the page (ingest/dom.py) is worth its Han characters when it is prose and costs
them when it is links, a teaser or inside an element named as furniture; the article is the
run of consecutive lines worth the most (the maximum-sum span, as in Finn et al.'s Body Text
Extraction). Inside it, furniture sections (ingest/blocks.py), link lines and link-only list
items are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from zhbrief.ingest.blocks import believed_names, other_posts, section_lines
from zhbrief.ingest.dom import Line, Page
from zhbrief.ingest.shape import END, OPENER, TITLE_MAX, ends_sentence, has_clause
from zhbrief.zh import HAN

PROSE_HAN = 10  # Han characters a line needs to count as prose
LINK_DENSE = 0.8  # a line this much link text is a link, whatever it says
LINKED = 0.5  # a line this much link text counts against the article
HEADER_LINE = TITLE_MAX  # characters of a title, author or date line above the first sentence
_ALNUM_RUN = re.compile(r"[A-Za-z0-9]+")


def han(text: str) -> int:
    """Han characters in `text`."""
    return len(HAN.findall(text))


def is_prose(line: Line) -> bool:
    """A line a writer wrote: enough Han characters, punctuated or long, mostly not links."""
    count = han(line.text)
    if count < PROSE_HAN or line.link_density >= LINKED:
        return False
    return count >= 2 * PROSE_HAN or has_clause(line.text)


def is_teaser(lines: Sequence[Line], i: int) -> bool:
    """An unfinished line between link lines: a headline's excerpt in a list, not prose."""
    if ends_sentence(lines[i].text):
        return False
    before = i == 0 or lines[i - 1].link_density >= LINKED
    after = i + 1 == len(lines) or lines[i + 1].link_density >= LINKED
    return before and after


def worth(line: Line) -> float:
    """What a line adds to the article around it: prose for, links against, the rest a little."""
    size = han(line.text) + len(_ALNUM_RUN.findall(line.text))
    if is_prose(line):
        return size
    return -size if line.link_density >= LINKED else -0.25 * size


def best_span(values: Sequence[float]) -> tuple[int, int]:
    """The run of consecutive values with the largest sum (Kadane): (start, end)."""
    best, found = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, v in enumerate(values):
        if total <= 0:
            total, start = 0.0, i
        total += v
        if total > best:
            best, found = total, (start, i + 1)
    return found


@dataclass(frozen=True, slots=True)
class Main:
    """The article's part of a page: its header lines (title, author, date) and its body."""

    header: tuple[Line, ...]
    body: tuple[Line, ...]


def main_text(page: Page) -> Main:
    """The article's lines, its header (short unfinished lines above its first sentence) apart."""
    lines = main_lines(page)
    first = next((i for i, line in enumerate(lines) if _opens_body(line)), 0)
    header = {i for i in range(first) if _header_line(lines[i])}
    return Main(
        tuple(lines[i] for i in sorted(header)),
        tuple(line for i, line in enumerate(lines) if i not in header),
    )


def _opens_body(line: Line) -> bool:
    """A line of prose longer than a short headline: two lines' worth of Han characters."""
    return is_prose(line) and han(line.text) >= 2 * PROSE_HAN


_LISTED = re.compile(r"[，,]|^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.]")


def _header_line(line: Line) -> bool:
    """A title, author or date line: short, unfinished, no list of clauses, no numbered
    section heading, and no dateline opening the lead."""
    text = line.text
    if len(text) > HEADER_LINE or ends_sentence(text) or OPENER.match(text):
        return False
    return not _LISTED.search(text)


def main_lines(page: Page) -> list[Line]:
    """The article's lines: the best span, without furniture sections and link lines."""
    lines = page.lines
    names = believed_names(lines, is_prose, han)
    out = [bool(names & set(line.named)) or is_teaser(lines, i) for i, line in enumerate(lines)]
    span = best_span([-abs(worth(x)) if o else worth(x) for x, o in zip(lines, out, strict=True)])
    span = _with_siblings(lines, span)
    prose = [is_prose(line) for line in lines]
    gone = section_lines(lines, span, prose, han) | other_posts(page, span, prose, han)
    return [
        line
        for i, line in enumerate(lines[span[0] : span[1]], span[0])
        if not out[i] and i not in gone and not _link_like(line)
    ]


def _with_siblings(lines: Sequence[Line], span: tuple[int, int]) -> tuple[int, int]:
    """The span grown over the lines beside it in the same element as its first and last lines:
    a dateline, a short lead-in or a closing note belong to the article's own container."""
    start, end = span
    if start == end:
        return span
    parent = lines[start].ancestors[:-1]
    while start > 0 and lines[start - 1].ancestors[:-1] == parent:
        start -= 1
    parent = lines[end - 1].ancestors[:-1]
    while end < len(lines) and lines[end].ancestors[:-1] == parent:
        end += 1
    return start, end


def _link_like(line: Line) -> bool:
    """A link line, or a list item that is mostly a link and says no sentence."""
    if line.link_density >= LINK_DENSE:
        return True
    return line.item and line.link_density > 0.3 and not END.search(line.text)
