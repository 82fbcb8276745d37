"""Page furniture removed line by line before segmentation, with the metadata it carries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from zhbrief.documents import Cleaned, PageMeta
from zhbrief.ingest.shape import DATELINE, furniture_rule, parse_date
from zhbrief.ingest.title import HEADLINE_MIN, split_site_suffix
from zhbrief.zh import detect_script, to_simplified

_KEYWORD_BREAK = re.compile(r"[。！？!?，,；;：:、“”\"]")
_URL = re.compile(r"https?://\S+")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|丨/，,；;）)】\]]+)")


def _line_meta(rule: str, line: str) -> PageMeta:
    """Metadata an unambiguous date, source or link line carries."""
    if rule == "url":
        return PageMeta(url=_URL.search(line).group())  # type: ignore[union-attr]
    if rule not in {"date_line", "source", "info_line"}:
        return PageMeta()
    source = _SOURCE.search(line)
    return PageMeta(date=parse_date(line), source=source.group(1) if source else "")


def _dateline(lines: Iterable[str]) -> str:
    """A news agency dateline (新华社北京9月5日电) opening one of the first lines, or ""."""
    firsts = [line.strip() for line in lines if line.strip()][:2]
    matches = (DATELINE.match(line) for line in firsts)
    return next((m.group(1) for m in matches if m), "")


def _first_line(text: str) -> str:
    """The first non-blank line no rule removes, stripped: the title candidate of a plain text."""
    lines = (line.strip() for line in text.splitlines())
    return next((line for line in lines if line and not furniture_rule(line)), "")


def _title_with_keywords(line: str, titles: frozenset[str]) -> bool:
    """A caption made of the headline plus space-separated keywords ("标题 人名 AI 第1张")."""
    if split_site_suffix(line)[1]:
        return False  # the headline with its site name is the headline itself
    for title in titles:
        rest = line[len(title) :] if len(title) >= HEADLINE_MIN and line.startswith(title) else ""
        if rest[:1].isspace() and not _KEYWORD_BREAK.search(rest):
            return True
    return False


def _title_forms(title: str) -> frozenset[str]:
    """The title as given and without its site suffix."""
    return frozenset({title.strip(), split_site_suffix(title.strip())[0]} - {""})


def _rule_name(line: str) -> str | None:
    """Name of the rule that removes this stripped line, or None."""
    rule = furniture_rule(line)
    return rule.name if rule else None


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Remove furniture lines, keep the remaining lines exactly, and collect metadata."""
    kept: list[str] = []
    removed: list[str] = []
    meta = PageMeta()
    lines = text.splitlines(keepends=True)
    simple = _simplified_lines(text, lines)
    titles = _title_forms(title or _first_line("".join(simple)))
    seen_title = False
    for line, norm in zip(lines, simple, strict=True):
        stripped = line.strip()
        is_title = stripped in titles or norm.strip() in titles
        rule = "repeated_title" if is_title and seen_title else _rule_name(norm.strip())
        if not rule and _title_with_keywords(stripped, titles):
            rule = "title_keywords"
        seen_title = seen_title or is_title
        if stripped and rule:
            removed.append(f"{rule}: {stripped}")
            meta = _line_meta(rule, norm.strip()).overridden_by(meta)  # the first date/source wins
        else:
            kept.append(line)
    meta = meta.overridden_by(PageMeta(dateline=_dateline(kept)))
    return Cleaned(text="".join(kept), removed=tuple(removed), meta=meta)


def _simplified_lines(text: str, lines: list[str]) -> list[str]:
    """The lines in Simplified form, so one set of rules serves Traditional pages too."""
    if detect_script(text) != "traditional":
        return lines
    converted = to_simplified(text).splitlines(keepends=True)
    if len(converted) == len(lines):
        return converted
    return [to_simplified(line) for line in lines]  # a phrase changed the line count: line by line
