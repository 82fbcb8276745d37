"""Page furniture removed line by line before segmentation, with the metadata it carries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from zhbrief.documents import Cleaned
from zhbrief.ingest.title import HEADLINE_MIN, split_site_suffix
from zhbrief.zh import HAN_RANGES, detect_script, to_simplified


@dataclass(frozen=True, slots=True)
class Rule:
    """A named kind of furniture line.

    kind "line": the pattern matches the whole stripped line;
    kind "start": the line starts with the pattern (a marker such as 责任编辑：);
    kind "short": the pattern occurs anywhere in the line.
    Whatever the kind, a longer line than `max_len` is prose and never removed; with
    `keeps_prose`, so is a line with a sentence end inside it (a caption is one phrase).
    """

    name: str
    pattern: re.Pattern[str]
    kind: str = "start"
    max_len: int = 40
    keeps_prose: bool = False


ANY_LENGTH = 1 << 20
# A sentence end with more text after it: the line is prose, whatever marker it carries.
_INNER_END = re.compile(rf"(?:[。！？；]|(?<=[{HAN_RANGES}])[!?;])[”’」』）)】》\s]*\S")
_OPEN = r"[（(【\[]?\s*"
_ARROW = r"(?:>|&gt;|»|›|＞|→)"
_CRUMB = r"[^。！？，,；;：:<>＞»›→/=\"]{1,16}"  # no tag or markup: <name>x</name> is no trail
# a picture counter closing a caption: 第3张, 第2页, (图1), 【图2】, 组图
_COUNTER = (
    r"(?:第\s*\d+\s*[张張页頁幅]|[（(【\[]\s*(?:[组組])?[图圖]\s*\d*\s*[）)】\]]|[组組][图圖])"
)
_DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_DATE_LABEL = r"(?:(?:发布|更新)?时间|日期)?\s*[:：]?\s*"
_TIME = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"

# fmt: off
RULES: tuple[Rule, ...] = (
    Rule("breadcrumb", re.compile(_OPEN + r"(?:当前位置|您的位置|你的位置|您现在的位置)"), max_len=80),
    Rule("breadcrumb", re.compile(r"首页\s*(?:>|&gt;|»|›|＞|/|→)"), max_len=80),
    Rule("breadcrumb", re.compile(rf"{_CRUMB}(?:\s*{_ARROW}\s*{_CRUMB})+\s*{_ARROW}?"), "line", 80),
    Rule("caption", re.compile(rf"{_COUNTER}\s*$"), "short", ANY_LENGTH, keeps_prose=True),
    Rule("caption", re.compile(r"第\s*\d+\s*[张張]"), "short", keeps_prose=True),
    Rule("caption", re.compile(r"图片来源\s*[:：]|图片由.{1,20}提供"), "short", 60),
    Rule("caption", re.compile(_OPEN + r"图为"), max_len=120),
    Rule("caption", re.compile(r"资料图|示意图|视频截图"), "short", keeps_prose=True),
    Rule("caption", re.compile(_OPEN + r"(?:[图圖][自源]|[图圖]片[来來]自)"), max_len=40),
    Rule("caption", re.compile(r".{0,24}\s摄[）)]?"), "line", keeps_prose=True),
    Rule("editor", re.compile(_OPEN + r"(?:责任编辑|责编|编辑|校对|审核|监制)\s*[:：]"), max_len=60),
    Rule("original_title", re.compile(_OPEN + r"原标题\s*[:：]"), max_len=120),
    Rule("repost", re.compile(_OPEN + r"(?:本文来自|本文转载自|本文转自|转载请注明)"), max_len=160),
    Rule("source", re.compile(_OPEN + r"(?:文章|新闻|稿件)?来源\s*[:：]"), max_len=80),
    Rule("date_line", re.compile(rf"{_DATE_LABEL}(?:{_DATE})\s*(?:{_TIME})?(?:\s+.*)?"), "line", 60),
    Rule("date_line", re.compile(rf"(?:{_DATE})\s*{_TIME}"), "short"),
    Rule("share", re.compile(r"分享到|一键分享|分享至|转发到|转播到"), "short"),
    Rule("print", re.compile(r"[【\[]?\s*(?:打印|打印本页|关闭窗口|返回顶部|返回首页)\s*[】\]]?"), "line"),
    Rule("font_size", re.compile(r"(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中"), "short"),
    Rule("qr_code", re.compile(r"扫码|扫描二维码|扫一扫|长按识别|二维码"), "short"),
    Rule("related", re.compile(r"[热熱][门門]跟[贴帖]|跟[贴帖]\s*\d*\s*[条條]|(?:相[关關]|精彩)(?:[视視][频頻])?推[荐薦]|相[关關][阅閱][读讀]|延伸[阅閱][读讀]"), "short", 24),
    Rule("follow", re.compile(r"关注(?:我们的)?(?:微信)?公众号|关注微信|关注我们"), "short"),
    Rule("copyright", re.compile(r"版权所有|Copyright|©|All Rights Reserved", re.IGNORECASE), "short", 60),
    Rule("copyright", re.compile(r"(?:版权所有|版权声明|Copyright|©)", re.IGNORECASE), max_len=160),
    Rule("copyright", re.compile(r"未经.{0,6}(?:授权|许可).{0,6}(?:转载|使用|复制)"), "short"),
    Rule("url", re.compile(r"(?:(?:原文|本文)?(?:链接|网址|地址)\s*[:：]\s*)?https?://\S+"), "line", 300),
    Rule("end_mark", re.compile(r"[（(]\s*完\s*[）)]"), "line"),
)
# fmt: on

# A sentence opening like this is a caption or a byline wherever it stands (never a summary).
CAPTION_START = re.compile(
    r"^(图为|图[：:]|图片[：:]|图片来源|资料图|供图|摄影|摄[：:]|视频[：:]|点击|"
    r"第\d+张|责任编辑|编辑[：:]|来源[：:]|原标题|\(图|（图|\[图|【图)"
)
AGENCY_DATELINE = re.compile(  # an agency's dateline, or any place with a date then 电/讯
    r"^(?:(?:新华社|中新社|中新网|人民网|央视网|本报|本台|南都|据)[^\s，。]{0,12}?(?:电|讯|消息)"
    r"|[^\s，。]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯))"
)
_KEYWORD_BREAK = re.compile(r"[。！？!?，,；;：:、“”\"]")
_DATE_PARTS = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})")
_URL = re.compile(r"https?://\S+")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|丨/，,；;）)】\]]+)")
_DATELINE = re.compile(rf"[（(]?([{HAN_RANGES}]{{2,14}}?\d{{1,2}}月\d{{1,2}}日(?:电|讯))")


def rule_for(line: str, rules: Iterable[Rule] = RULES) -> Rule | None:
    """Return the first rule that takes this stripped line out, if any."""
    for rule in rules:
        if len(line) > rule.max_len:
            continue
        if rule.keeps_prose and _INNER_END.search(line):
            continue  # never drop prose for a caption marker somewhere in it
        if rule.kind == "line" and rule.pattern.fullmatch(line):
            return rule
        if rule.kind == "start" and rule.pattern.match(line):
            return rule
        if rule.kind == "short" and rule.pattern.search(line):
            return rule
    return None


def iso_date(text: str) -> str | None:
    """Return the first date in `text` as YYYY-MM-DD, if it is a real calendar date."""
    match = _DATE_PARTS.search(text)
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _line_meta(rule: str, line: str) -> dict[str, str]:
    """Metadata an unambiguous date or source line carries."""
    meta: dict[str, str] = {}
    if rule == "url":
        return {"url": _URL.search(line).group()}  # type: ignore[union-attr]
    if rule not in {"date_line", "source"}:
        return meta
    date = iso_date(line)
    source = _SOURCE.search(line)
    if date:
        meta["date"] = date
    if source:
        meta["source"] = source.group(1)
    return meta


def _dateline(lines: Iterable[str]) -> dict[str, str]:
    """Find a news agency dateline (新华社北京9月5日电) opening one of the first lines."""
    firsts = [line.strip() for line in lines if line.strip()][:2]
    for line in firsts:
        match = _DATELINE.match(line)
        if match:
            return {"dateline": match.group(1)}
    return {}


def _first_line(text: str) -> str:
    """The first non-blank line no rule removes, stripped: the title candidate of a plain text."""
    lines = (line.strip() for line in text.splitlines())
    return next((line for line in lines if line and not rule_for(line)), "")


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
    rule = rule_for(line)
    return rule.name if rule else None


def clean_text(text: str, title: str | None = None) -> Cleaned:
    """Remove furniture lines, keep the remaining lines exactly, and collect metadata."""
    kept: list[str] = []
    removed: list[str] = []
    meta: dict[str, str] = {}
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
            meta = {**_line_meta(rule, norm.strip()), **meta}  # the first date/source wins
        else:
            kept.append(line)
    return Cleaned(text="".join(kept), removed=tuple(removed), meta={**meta, **_dateline(kept)})


def _simplified_lines(text: str, lines: list[str]) -> list[str]:
    """The lines in Simplified form, so one set of rules serves Traditional pages too."""
    if detect_script(text) != "traditional":
        return lines
    converted = to_simplified(text).splitlines(keepends=True)
    if len(converted) == len(lines):
        return converted
    return [to_simplified(line) for line in lines]  # a phrase changed the line count: line by line
