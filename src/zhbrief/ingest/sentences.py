"""Sentences of a paragraph, split without losing a character, never inside a title or aside."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhbrief.ingest.shape import (
    ASCII_QUOTES,
    CLAUSE_MARKS,
    CLOSERS,
    CONTINUATIONS,
    END,
    PAIRS,
    TERMINATORS,
    Kind,
    opener_end,
)

_SPACE = re.compile(r"\s*")
_CLOSING = {close: open_ for open_, (close, _) in PAIRS.items()}
SHORT_QUOTE_CLAUSES = 2  # “你去哪儿？” is one utterance; a quoted speech of many is not
_CLAUSE_MARKS = re.compile(f"[{re.escape(CLAUSE_MARKS + TERMINATORS)}]+")
_INNER_END = re.compile(f"[{re.escape(TERMINATORS)}]+(?=.*\\w)", re.S)
# “你去哪儿？”他问。 — a short attribution that ends the sentence stays with its quotation.
SPEECH_VERBS = (
    "说|說|问|問|道|答|称|稱|喊|叫|嚷|表示|指出|强调|強調|追问|追問|回答|感叹|感嘆|笑道|补充|補充"
)
_ATTRIBUTION = re.compile(
    rf"\s*[^\s，,。！？!?；;“”「」『』]{{0,10}}?(?:{SPEECH_VERBS})[了着道]?\s*[。！？!?…]"
)


@dataclass(frozen=True, slots=True)
class Span:
    """A balanced pair of marks: the opener at `open`, the closer at `close`."""

    open: int
    close: int
    kind: Kind
    short: bool  # for quotes: at most SHORT_QUOTE_CLAUSES clauses inside


def paired_spans(text: str) -> tuple[Span, ...]:
    """Every balanced pair of marks in `text`; an opener never closed makes no span."""
    stack: list[tuple[str, int]] = []
    spans: list[Span] = []
    for pos, char in enumerate(text):
        if char in PAIRS and not (char == "‘" and _is_apostrophe(text, pos)):
            stack.append((char, pos))
        elif char in _CLOSING:
            opener = _CLOSING[char]
            depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == opener), None)
            if depth is None:
                continue  # a stray closer (an apostrophe ’, a list item's "1)")
            start = stack[depth][1]
            del stack[depth:]
            kind = PAIRS[opener][1]
            spans.append(Span(start, pos, kind, _is_short(text[start + 1 : pos])))
    return tuple(sorted(spans, key=lambda s: s.open))


def _is_apostrophe(text: str, pos: int) -> bool:
    """‘ between two Latin letters is an apostrophe, not a quotation."""
    return 0 < pos < len(text) - 1 and text[pos - 1].isascii() and text[pos + 1].isascii()


def _is_short(inner: str) -> bool:
    """Whether a quotation is one short utterance: one sentence of at most two clauses."""
    clauses = [c for c in _CLAUSE_MARKS.split(inner) if c.strip()]
    return len(clauses) <= SHORT_QUOTE_CLAUSES and not _INNER_END.search(inner)


def _sentence_end(text: str, start: int, pos: int) -> int:
    """Extend a terminator at `pos` over more terminators, closers, and trailing space."""
    while pos < len(text):
        char = text[pos]
        in_quote = char in ASCII_QUOTES and text.count(char, start, pos) % 2 == 1
        if char not in TERMINATORS and char not in CLOSERS and not in_quote:
            break
        pos += 1
    return _SPACE.match(text, pos).end()  # type: ignore[union-attr]


def _may_end(spans: tuple[Span, ...], start: int, term: int, end: int) -> bool:
    """Whether a terminator at `term`, the sentence running on to `end`, may end it."""
    for span in spans:
        if not span.open < term < span.close:
            continue
        if span.kind == "title":
            return False  # 《摔跤吧！爸爸》: the title's ！ is the title's
        if span.kind == "bracket" and not (span.open == start and end > span.close):
            return False  # 他（指张三！）已经离开: an aside; （完成了。）alone is a sentence
        if span.kind == "quote" and span.short and end <= span.close:
            return False  # inside “你好！我是小王。”: only its end may end the sentence
    return True


def _attributed(text: str, end: int) -> bool:
    """Whether a quotation ending at `end` is followed by a short attribution (他问。)."""
    closed = text[:end].rstrip()
    return bool(closed) and closed[-1] in '”’」』"' and _ATTRIBUTION.match(text, end) is not None


def split_sentences(paragraph: str) -> tuple[str, ...]:
    """Split a paragraph into sentences whose concatenation is exactly the paragraph."""
    spans = paired_spans(paragraph)
    pieces: list[str] = []
    start = 0
    for match in END.finditer(paragraph):
        if match.start() < start:
            continue  # already absorbed into the previous sentence's ending
        end = _sentence_end(paragraph, start, match.end())
        if not _may_end(spans, start, match.start(), end) or _attributed(paragraph, end):
            continue
        if end < len(paragraph) and paragraph[end] in CONTINUATIONS:
            continue
        pieces.append(paragraph[start:end])
        start = end
    if start < len(paragraph):
        pieces.append(paragraph[start:])
    return _opener_apart(tuple(pieces))


def _opener_apart(pieces: tuple[str, ...]) -> tuple[str, ...]:
    """A byline or dateline opening the paragraph (新华社北京3月5日电, 【记者 张三】) on its own."""
    cut = opener_end(pieces[0]) if pieces else 0
    if not cut:
        return pieces
    return (pieces[0][:cut], pieces[0][cut:], *pieces[1:])
