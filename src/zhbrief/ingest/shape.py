"""Chinese text shape, in one place: what ends a sentence, what closes it, what a heading looks
like, the named patterns of page furniture (bylines, credits, captions, datelines, prompts), the
openers a sentence may carry, and the one date parser. Everything else asks this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Literal

from zhbrief.zh import HAN_RANGES

HAN_RE = re.compile(f"[{HAN_RANGES}]")

# ---- sentence ends and paired marks -------------------------------------------------------
TERMINATORS = "。！？；…!?;"  # the ASCII ones only after a Han character or before a space
CLOSERS = "”’」』）)】》〉]"
ASCII_QUOTES = "\"'"
CONTINUATIONS = "，、：,:"  # after “好！”，他说 the sentence goes on
CLAUSE_MARKS = "，、；：,;:"
# A sentence ends at a CJK terminator, at ASCII !?; right after a Han character (half-width
# punctuation in Chinese prose), or at ASCII !? before a space or the end. ASCII "." never
# does: it is far more often 3.5, U.S., e.g. or a URL.
END = re.compile(
    rf"(?:[。！？；…]|(?<=[{HAN_RANGES}])[!?;]|[!?](?=[{re.escape(CLOSERS + ASCII_QUOTES)}]*(?:\s|$)))"
)
# A sentence end with more text after it: the line holds more than one sentence (prose).
INNER_END = re.compile(rf"(?:[。！？；]|(?<=[{HAN_RANGES}])[!?;])[{re.escape(CLOSERS)}\s]*\S")
_ENDED = re.compile(rf"[。！？；…!?;.][{re.escape(CLOSERS + ASCII_QUOTES)}]*$")

Kind = Literal["title", "bracket", "quote"]
# Paired marks. A title's ！？ belong to the title; a bracketed aside's to the aside; a short
# quotation's to the quotation, whose end may still end the sentence.
PAIRS: dict[str, tuple[str, Kind]] = {
    "《": ("》", "title"),
    "〈": ("〉", "title"),
    "（": ("）", "bracket"),
    "(": (")", "bracket"),
    "【": ("】", "bracket"),
    "[": ("]", "bracket"),
    "“": ("”", "quote"),
    "‘": ("’", "quote"),
    "「": ("」", "quote"),
    "『": ("』", "quote"),
}


def ends_sentence(text: str) -> bool:
    """Whether a line ends like a sentence (a terminator, then closing marks)."""
    return bool(_ENDED.search(text.rstrip()))


def has_clause(text: str) -> bool:
    """Whether a line has any sentence or clause punctuation."""
    return any(c in TERMINATORS or c in CLAUSE_MARKS or c == "，" for c in text)


# ---- headings -------------------------------------------------------------------------------
HEADING_MAX = 18  # display units; longer unfinished lines are more often photo captions
TITLE_MAX = 50  # Chinese news headlines run to 30-50 characters
TITLE_FORBIDDEN_ENDS = "。；，、：,.;:"  # ？！… do end headlines (唯一的要求竟是……)
_NOT_HEADING_END = "。；，、：…;,:" + CLOSERS
_OPENING = "“‘「『\"'（(【[《<-—*·•"
_WORDS = re.compile(r"[^\W\d_]")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.'&+-]*")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")


def display_length(text: str) -> int:
    """Length as a reader sees it: a run of Latin letters and digits counts as one unit."""
    return len(_LATIN_RUN.sub("A", text))


def heading_shaped(line: str) -> bool:
    """Short, not a quote fragment, a label or a byline, and unfinished (or one question)."""
    if display_length(line) > HEADING_MAX or len(_WORDS.findall(line)) < 2:
        return False
    if line[0] in _OPENING or "：" in line or ":" in line or furniture_rule(line) is not None:
        return False
    if BYLINE_WORD.search(line) or CAPTION_START.match(line):
        return False
    if line[-1] in "？?":
        return not _SENTENCE_MARK.search(line[:-1])
    return line[-1] not in _NOT_HEADING_END and not _SENTENCE_MARK.search(line)


def reads_as_prose(line: str) -> bool:
    """A paragraph rather than a label: longer than half a heading, with a sentence end."""
    return display_length(line) > HEADING_MAX // 2 and bool(_SENTENCE_MARK.search(line))


def looks_like_title(line: str) -> bool:
    """Whether a first line is short and unfinished enough to be a headline."""
    if "。" in line[:-1]:  # a full stop inside is prose, however short
        return False
    return display_length(line) <= TITLE_MAX and line[-1] not in TITLE_FORBIDDEN_ENDS


# ---- bylines, credits, captions, datelines ----------------------------------------------------
# a byline or a credit is short and unpunctuated ("中新财经记者 夏宾", "新华社评论员", "XX 摄")
BYLINE_WORD = re.compile(
    r"[记記]者|[编編][辑輯]|作者|[评評][论論][员員]|通[讯訊][员員]|特[约約]|[摄攝]影|[摄攝]$|"
    r"[图圖][自源]|[来來]源|供[图圖]|出品"
)
# （记者 张三）, 本报记者 王五 通讯员 赵六, 文／记者肖欢欢: a byline opening a sentence
BYLINE_START = re.compile(
    r"[（(【\[]?\s*(?:本报|本台|本刊|特约|见习)?(?:记者|通讯员|实习生|撰文|作者|文|图|文图|摄影|编译)"
    r"\s*(?:[:/|丨]|\s)"
)
# A sentence opening like this is a caption or a credit wherever it stands (never a summary).
CAPTION_START = re.compile(
    r"^(图为|图[：:]|图片[：:]|图片来源|资料图|供图|摄影|摄[：:]|视频[：:]|点击|"
    r"第\d+张|责任编辑|编辑[：:]|来源[：:]|原标题|\(图|（图|\[图|【图)"
)
AGENCY_DATELINE = re.compile(  # an agency's dateline, or any place with a date then 电/讯
    r"^(?:(?:新华社|中新社|中新网|人民网|央视网|本报|本台|南都|据)[^\s，。]{0,12}?(?:电|讯|消息)"
    r"|[^\s，。]{0,12}?\d{1,2}月\d{1,2}日(?:电|讯))"
)
# The dateline of the first lines, kept as the brief's `dateline` (新华社北京9月5日电)
DATELINE = re.compile(rf"[（(]?([{HAN_RANGES}]{{2,14}}?\d{{1,2}}月\d{{1,2}}日(?:电|讯))")
# A line that is only this heads a furniture section: related links, comments, rankings,
# recommendations, copyright and disclaimer notices, previous/next links, tags.
SECTION_HEADING = re.compile(
    r"[【\[(（]?\s*(?:相[关關](?:[阅閱][读讀]|新[闻聞]|[报報][道導]|文章|[链鏈]接|推[荐薦]|[专專][题題])"
    r"|延伸[阅閱][读讀]|推[荐薦][阅閱][读讀]|(?:[热熱][门門]|精彩|[编編][辑輯]|今日|小[编編])?推[荐薦]"
    r"|猜你喜[欢歡]|[为為]您推[荐薦]|(?:最新|[热熱][门門]|网友|精彩|全部)?[评評][论論](?:列表|[区區])?"
    r"|(?:[发發]表|我要|参与)[评評][论論]|留言(?:列表|板)?|[热熱][点點]新[闻聞]|[热熱][门門]文章"
    r"|(?:点击|[阅閱][读讀]|[热熱]度|新[闻聞])?排行(?:榜)?"
    r"|[^\s，。]{0,8}?(?:版[权權][声聲]明|版[权權]与?免[责責][声聲]明|免[责責][声聲]明)|反侵[权權]公告|上一篇|下一篇|更多(?:新[闻聞]|文章|精彩)?|[热熱][门門][标標]签"
    r"|[标標]签|[关關][键鍵][词詞])\s*[】\])）]?\s*[:：]?\s*(?:[(（]\s*\d+\s*[)）])?\s*(?:>>|›|»)?"
)

# An editor's note above a reposted article: the reposting site's words, not the story's.
EDITOR_NOTE = re.compile(
    r"[【\[（(]?\s*(?:编者按|编者的话|编者注|编辑按|编按)\s*[】\]）)]?\s*[:：]?"
)

# Openers a sentence may carry before what it says. A byline or a dateline opener is split off
# as a sentence of its own (never a summary); an attribution (据…报道，) is the sentence's own
# and stays, but the summary does not count it.
_BYLINE_BRACKET = r"[【\[（(][^】\]）)\n]{0,30}?(?:记者|通讯员|特派员|编译|报道|报导|撰稿)[^】\]）)\n]{0,24}[】\]）)]"
_AGENCY = (
    r"(?:新华社|中新社|中新网|人民网|央视网|央广网|国际在线|本报|本台|本刊|[^\s，。：]{2,10}?(?:网|报|社|台|快讯))"
    r"(?:[^\s，。：（(]{0,10}?\d{1,2}月\d{1,2}日)?(?:电|讯|(?:消息|快讯)(?=[\s　（(【]))"
)
OPENER = re.compile(rf"(?:{_AGENCY}\s*(?:{_BYLINE_BRACKET})?|{_BYLINE_BRACKET})[\s　]*")
ATTRIBUTION = re.compile(r"据[^，。！？；“”]{0,24}?(?:报道|报导|消息|介绍|了解)[，,]\s*")


def opener_end(sentence: str) -> int:
    """Where a byline or dateline opening `sentence` ends (0: none, or nothing after it)."""
    match = OPENER.match(sentence)
    end = match.end() if match else 0
    rest = sentence[end:]
    if not end or not HAN_RE.search(rest) or rest[0] in CLAUSE_MARKS + TERMINATORS:
        return 0
    return end


def without_openers(sentence: str) -> str:
    """The sentence without a leading byline, dateline or attribution (for scoring it)."""
    rest = sentence[opener_end(sentence) :]
    return ATTRIBUTION.sub("", rest, count=1) if ATTRIBUTION.match(rest) else rest


# ---- furniture lines ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Rule:
    """A named kind of furniture line.

    kind "line": the pattern matches the whole stripped line;
    kind "start": the line starts with the pattern (a marker such as 责任编辑：);
    kind "short": the pattern occurs anywhere in the line.
    Whatever the kind, a longer line than `max_len` is prose and never removed; with
    `keeps_prose`, so is a line with a sentence end inside it (a caption is one phrase), and
    with `keeps_sentence` a line ending like a sentence.
    """

    name: str
    pattern: re.Pattern[str]
    kind: Literal["line", "start", "short"] = "start"
    max_len: int = 40
    keeps_prose: bool = False
    keeps_sentence: bool = False


ANY_LENGTH = 1 << 20
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
_INFO = r"(?:作者|来源|出处|责任编辑|责编|编辑|发布|发布时间|发布日期|更新时间|时间|日期|点击|浏览|阅读|人气|出版社|连载|字号)\s*[:：]"
_OUTLET = r"(?:本报|本刊|本台|[^\s，。：:]{1,10}?(?:网|报|社|台|频道|电视台|日报|晚报|快讯))"

# fmt: off
FURNITURE: tuple[Rule, ...] = (
    Rule("breadcrumb", re.compile(_OPEN + r"(?:当前位置|您的位置|你的位置|您现在的位置)"), max_len=80),
    Rule("breadcrumb", re.compile(r"首页\s*(?:>|&gt;|»|›|＞|/|→)"), max_len=80),
    Rule("breadcrumb", re.compile(rf"{_CRUMB}(?:\s*{_ARROW}\s*{_CRUMB})+\s*{_ARROW}?"), "line", 80),
    Rule("caption", re.compile(rf"{_COUNTER}\s*$"), "short", ANY_LENGTH, keeps_prose=True),
    Rule("caption", re.compile(r"第\s*\d+\s*[张張]"), "short", keeps_prose=True),
    Rule("credit", re.compile(r"图片来源\s*[:：]|图片由.{1,20}提供"), "short", 60),
    Rule("caption", re.compile(r"资料图|示意图|视频截图"), "short", keeps_prose=True),
    Rule("credit", re.compile(_OPEN + r"(?:[图圖][自源]|[图圖]片[来來]自)"), max_len=40),
    Rule("credit", re.compile(r".{0,24}\s摄[）)]?"), "line", keeps_prose=True),
    Rule("credit", re.compile(r"(?:\s|[/／])[^\s/／，。]{1,8}[/／]\s*摄(?:影)?\s*[）)]?$"), "short", 100, keeps_prose=True),
    Rule("editor", re.compile(_OPEN + r"(?:责任编辑|责编|编辑|校对|审核|监制)\s*[:：]"), max_len=60),
    Rule("byline", re.compile(rf"[□■]?\s*{_OPEN}{_OUTLET}?(?:特派|特约|驻[^\s，。]{{1,8}})?(?:记者|通讯员)\s*[{HAN_RANGES}·]{{2,4}}(?:[\s、，,]+[{HAN_RANGES}·]{{2,4}})*\s*(?:报道|摄影?|发自\S{{1,8}})?\s*[）)】\]]?"), "line", 40),
    Rule("byline", re.compile(rf"{_OPEN}[^，。！？\s]{{0,16}}?(?:记者|通讯员)[^，。！？]{{2,16}}?报道\s*[）)】\]]?"), "line", 40),
    Rule("original_title", re.compile(_OPEN + r"原标题\s*[:：]"), max_len=120),
    Rule("repost", re.compile(_OPEN + r"(?:本文来自|本文转载自|本文转自|转载请注明)"), max_len=160),
    Rule("source", re.compile(_OPEN + r"(?:文章|新闻|稿件)?来源\s*[:：]"), max_len=80),
    Rule("info_line", re.compile(rf"{_INFO}.*{_INFO}"), "short", 100, keeps_sentence=True),
    Rule("date_line", re.compile(rf"{_DATE_LABEL}(?:{_DATE})\s*(?:{_TIME})?(?:\s+.*)?"), "line", 60, keeps_prose=True, keeps_sentence=True),
    Rule("date_line", re.compile(rf"(?:{_DATE})\s*(?:{_TIME}|{_INFO})"), "short", 80, keeps_prose=True, keeps_sentence=True),
    Rule("share", re.compile(r"分享到|一键分享|分享至|转发到|转播到"), "short", keeps_prose=True),
    Rule("print", re.compile(r"[【\[]?\s*(?:打印|打印本页|打印本稿|关闭窗口|关闭|返回顶部|返回首页|小字号|大字号)\s*[】\]]?"), "line"),
    Rule("widget", re.compile(r"自动播放|正在加载|加载中|加载更多|点击加载|展开全文|收起全文|阅读全文|查看原图|点击查看大图|全屏观看"), "short", 24),
    Rule("font_size", re.compile(r"(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中"), "short"),
    Rule("call_to_action", re.compile(r"[【\[]\s*(?:点击|立即|马上)[^】\]]{1,8}[】\]]|点击投票|立即投票|立即下载|立即购买"), "short", 120),
    Rule("qr_code", re.compile(r"扫码|扫描二维码|扫一扫|长按识别|二维码"), "short"),
    Rule("related", re.compile(r"[热熱][门門]跟[贴帖]|跟[贴帖]\s*\d*\s*[条條]|(?:相[关關]|精彩)(?:[视視][频頻])?推[荐薦]|相[关關][阅閱][读讀]|延伸[阅閱][读讀]"), "short", 24),
    Rule("comment_prompt", re.compile(r"网友评论|发表评论|我要评论|查看评论|参与评论|评论\s*\d+|\d+\s*条评论|共\s*\d+\s*条|已有\s*\d+\s*人参与|[网用]友.{0,4}仅代表.{0,4}个人"), "short", 40),
    Rule("app_prompt", re.compile(r"客户端|下载(?:APP|App|app|地址)|打开(?:APP|App|app)|(?:APP|App)内|第一时间(?:接收|获取|推送)"), "short", 60),
    Rule("follow", re.compile(r"关注(?:我们的)?(?:微信)?公众号|关注微信|关注我们|粉[丝絲][团團]|[按点點][赞讚讃]|加入.{0,6}粉[丝絲]"), "short"),
    Rule("copyright", re.compile(r"版权所有|Copyright|©|All Rights Reserved", re.IGNORECASE), "short", 60),
    Rule("copyright", re.compile(r"(?:版权所有|版权声明|Copyright|©)", re.IGNORECASE), max_len=160),
    Rule("copyright", re.compile(r"未经.{0,6}(?:授权|许可).{0,6}(?:转载|使用|复制)"), "short"),
    Rule("disclaimer", re.compile(r"仅代表(?:作者|个人|本人)|不代表本(?:网|站|报|刊|平台)|并不表明.{0,6}立场|免责声明|反侵[权權]公告|禁止商业转载|转载申请|信息存储空间服务|ICP[备证]|许可证编号|举报电话|举报邮箱|不良信息举报"), "short", 120),
    Rule("keywords", re.compile(_OPEN + r"(?:关键字|关键词|标签|TAG|Tags?)\s*[:：]", re.IGNORECASE), max_len=60),
    Rule("url", re.compile(r"(?:(?:原文|本文)?(?:链接|网址|地址)\s*[:：]\s*)?https?://\S+"), "line", 300),
    Rule("end_mark", re.compile(r"[（(]\s*完\s*[）)]"), "line"),
)
# fmt: on


def furniture_rule(line: str, rules: tuple[Rule, ...] = FURNITURE) -> Rule | None:
    """The first rule that takes this stripped line (or sentence) out, if any."""
    for rule in rules:
        if len(line) > rule.max_len:
            continue
        if rule.keeps_prose and INNER_END.search(line):
            continue  # never drop prose for a marker somewhere in it
        if rule.keeps_sentence and ends_sentence(line):
            continue
        if rule.kind == "line" and rule.pattern.fullmatch(line):
            return rule
        if rule.kind == "start" and rule.pattern.match(line):
            return rule
        if rule.kind == "short" and rule.pattern.search(line):
            return rule
    return None


# ---- dates -------------------------------------------------------------------------------------
DATE_PARTS = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})")


def parse_date(text: str) -> str:
    """YYYY-MM-DD of the first date in `text`: ISO 8601 (Atom, JSON Feed, meta tags), Chinese
    (2025年10月5日), 2025/10/5 or 2025.10.5, else RFC 822 (RSS); "" when there is none."""
    match = DATE_PARTS.search(text)
    if match:
        try:
            year, month, day = (int(g) for g in match.groups())
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return ""
    try:
        return parsedate_to_datetime(text.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return ""
