"""A labelled mix of news articles, republished copies and different stories on the same topics.

Used by evaluation/stories.py (see its docstring for the metric). Built from ../shared/data:

- **bases** (one story each): the 19 WMT23 articles, the Sogou articles of 200+ characters,
  150 LCSTS posts (short, 95-150 characters), and the news pages of extraction/ and html/ with
  an expected text (the original is the real page, copies are made from its expected text).
  Sogou holds real republished pairs: items 36/56, 38/60, 31/97 (identical) and 34/37 (one
  character differs): each pair is one story, the second item a real copy.
- **copies**, made in the four ways of issue 24 (and two combinations):
  `furniture` another site's page around the text (menus, breadcrumb, info line, share row,
  related headlines of other stories, editor, copyright); `traditional` converted with OpenCC
  (s2tw or s2hk), 「」 quotes, its own dateline (中央社, 大紀元, 明報...), some in Big5;
  `edited` the lead rewritten (dateline dropped, 据…报道 or 记者…获悉 added, first clause cut)
  and the last paragraphs dropped (at most half of the text); `note` a new title, an editor's
  note (编者按) above the text, sometimes 原标题 and a reposting line;
  `traditional+furniture`, `edited+note`.
- **different stories on the same topic**: the real pairs named in TOPICS (the same earthquake
  from DW and RFI; Xinhua's commentary and Hunan Daily on the same study session; four Sogou
  pieces on delayed retirement; three on the same 思源焦点 fund template; 5G phones...), and
  hard negatives made here: two stories of one topic sharing a long official statement
  (`quote`), the same boilerplate lead (`lead`), or a follow-up that reuses two background
  paragraphs of the earlier story (`background`).

Every story is given to one part, `tune` or `held`, by a stable hash of its topic (the stories
of one topic stay together), so thresholds chosen on `tune` are checked on `held`.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from opencc import OpenCC

from zhbrief.ingest.shape import AGENCY_DATELINE, OPENER

SITES = (
    ("搜狐新闻", "news.sohu.com"), ("网易新闻", "news.163.com"), ("凤凰网", "news.ifeng.com"),
    ("腾讯新闻", "new.qq.com"), ("新浪新闻", "news.sina.com.cn"), ("环球网", "world.huanqiu.com"),
    ("东方网", "news.eastday.com"), ("光明网", "news.gmw.cn"), ("澎湃新闻", "www.thepaper.cn"),
)  # fmt: skip
TRAD_DATELINES = ("（中央社記者{name}台北{day}日電）", "【大紀元{year}年{month}月{day}日訊】",
                  "（明報專訊）", "【香港商報網訊】", "（綜合報導）", "【星島日報報道】")  # fmt: skip
NAMES = ("王小明", "陳家豪", "林怡君", "張志強", "黃淑芬", "李建國")
NOTES = (
    "编者按：近日，{topic}引发社会广泛关注。本刊特转发此文，供读者参考。",
    "编者按：{topic}牵动人心。我们转载这篇报道，希望读者从中了解事件的来龙去脉，文中观点仅代表作者本人。",
    "编者按：围绕{topic}，各方说法不一。以下为相关报道全文，欢迎读者留言讨论。",
)
LEADS = ("据{site}报道，", "记者从有关方面获悉，", "据了解，", "{site}消息，")
TITLE_MARKS = ("关注｜{t}", "重磅！{t}", "{t}（附全文）", "【热点】{t}", "刚刚，{t}")
STATEMENTS = (  # long official statements two different stories may both quote
    "外交部发言人在例行记者会上表示：“中方始终坚持和平发展道路，坚定奉行互利共赢的开放战略，"
    "愿同各国一道，维护国际公平正义，推动构建人类命运共同体。我们敦促有关方面停止散布不实信息，"
    "多做有利于地区和平稳定的事。中方将继续密切关注事态发展，并采取必要措施维护自身正当权益。”",
    "国家统计局新闻发言人表示：“总的来看，国民经济延续恢复发展态势，主要指标总体改善，"
    "高质量发展稳步推进。但也要看到，外部环境依然复杂严峻，国内需求仍显不足，经济回升基础尚不稳固。"
    "下阶段，要坚持稳中求进工作总基调，着力扩大国内需求，推动经济实现质的有效提升和量的合理增长。”",
    "有关部门负责人强调：“各地区各部门要坚持人民至上、生命至上，压紧压实安全生产责任，"
    "全面排查整治各类风险隐患，坚决防范遏制重特大事故发生。要加强应急值守和信息报送，"
    "一旦发生险情，第一时间组织救援，最大限度减少人员伤亡和财产损失，切实保障人民群众生命财产安全。”",
)
BOILERPLATE = (
    "新华社北京电 国务院新闻办公室今天上午举行新闻发布会，请有关部门负责同志介绍情况，"
    "并答记者问。发布会由国务院新闻办公室新闻局局长主持。",
    "本报讯 为深入贯彻落实党中央、国务院决策部署，进一步推动各项工作落地见效，"
    "记者近日深入基层一线进行了走访调研。",
)
# Real different stories on one topic in the data (read, not guessed): topic → bases.
TOPICS = {
    "earthquake": ("wmt_chinese.dw.com.9579", "wmt_rfi-chinese.19813"),
    "study_session": ("wmt_chinanews.com.281026", "wmt_hunan_ribao-zh.11308"),
    "pension_funds": ("wmt_chinanews.com.280781", "wmt_jingji_guancha_bao-zh-01.22022"),
    "retirement": ("sogou_15", "sogou_28", "sogou_49", "sogou_71", "sogou_29"),
    "gutter_oil": ("sogou_39", "sogou_86", "sogou_18"),
    "subway": ("sogou_0", "sogou_27", "sogou_62", "sogou_88"),
    "siyuan_children": ("sogou_1", "sogou_11", "sogou_54"),
    "shoes_for_children": ("sogou_16", "sogou_53", "sogou_73", "sogou_82"),
    "brave_rescue": ("sogou_51", "sogou_55", "sogou_90", "sogou_104", "sogou_43"),
    "5g_huawei": ("html_gne_sina_sina", "ext_gne_163_4", "ext_gne_readhub_readhub"),
    "beijing_rain": ("sogou_45", "sogou_84"),
}
SAME = {
    "sogou_56": "sogou_36",
    "sogou_60": "sogou_38",
    "sogou_97": "sogou_31",
    "sogou_37": "sogou_34",
}


@dataclass(frozen=True)
class Base:
    """One story's text: its id, title and paragraphs, and the original's own file."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    original: tuple[str, bytes]  # (file name, bytes) as the first source published it
    topic: str = ""


@dataclass(frozen=True)
class Item:
    """One source file of the mix with its true story."""

    name: str
    data: bytes
    story: str
    way: str  # original, furniture, traditional, edited, note, ..., or a real copy
    part: str  # tune | held
    topic: str


def as_text(title: str, paragraphs: tuple[str, ...]) -> bytes:
    """A plain-text article: the headline, then one paragraph a line."""
    return ("\n\n".join((title, *paragraphs)) + "\n").encode("utf-8")


def load_bases(data: Path, rng: random.Random) -> list[Base]:
    """Every base story of the shared data."""
    bases = [*_wmt(data), *_sogou(data), *_lcsts(data, rng), *_pages(data)]
    topic_of = {b: t for t, members in TOPICS.items() for b in members}
    return [replace(b, topic=topic_of.get(b.id, b.id)) for b in bases]


def _wmt(data: Path) -> Iterator[Base]:
    for path in sorted((data / "wmt23-zh-en/zh").glob("*.txt")):
        lines = [x.strip() for x in path.read_text("utf-8").splitlines() if x.strip()]
        yield Base(f"wmt_{path.stem}", lines[0], tuple(lines[1:]), (path.name, path.read_bytes()))


def _sogou(data: Path) -> Iterator[Base]:
    for line in (data / "summaries/sogou-headlines.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        paragraphs = tuple(p.strip() for p in row["article"].split("\ue40c") if p.strip())
        if sum(map(len, paragraphs)) < 200 or "试用" in row["headline"] + row["article"][:200]:
            continue  # too short, or a product-trial channel's page (its FAQ on every page)
        number = row["id"].rsplit("_", 1)[-1]
        base_id = f"sogou_{number}" if "sohusite" in row["id"] else f"sogou_t{number}"
        name = f"{base_id}.txt"
        yield Base(
            base_id, row["headline"], paragraphs, (name, as_text(row["headline"], paragraphs))
        )


def _lcsts(data: Path, rng: random.Random, count: int = 150) -> Iterator[Base]:
    rows = [
        json.loads(x) for x in (data / "summaries/lcsts-test.jsonl").read_text("utf-8").splitlines()
    ]
    unique = {row["article"].strip(): row for row in rows}  # LCSTS repeats a few posts
    for row in rng.sample(sorted(unique.values(), key=lambda r: r["id"]), count):
        base_id = row["id"].replace("lcsts_part3_", "lcsts_")
        paragraphs = (row["article"].strip(),)
        yield Base(
            base_id,
            row["summary"],
            paragraphs,
            (f"{base_id}.txt", as_text(row["summary"], paragraphs)),
        )


def _pages(data: Path) -> Iterator[Base]:
    groups = json.loads((Path(__file__).parent / "extraction_groups.json").read_text("utf-8"))
    for folder, prefix in (("extraction", "ext"), ("html", "html")):
        for expected in sorted((data / folder).glob("*.expected.txt")):
            name = expected.name.removesuffix(".expected.txt")
            lines = [x.strip() for x in expected.read_text("utf-8").splitlines() if x.strip()]
            if name not in groups["news"] or not 300 <= sum(map(len, lines)) <= 8000:
                continue
            page = expected.with_name(f"{name}.html")
            yield Base(
                f"{prefix}_{name}",
                lines[0][:40],
                tuple(lines[1:]) or tuple(lines),
                (f"{prefix}_{name}.html", page.read_bytes()),
            )


def part_of(topic: str) -> str:
    """tune or held, by a stable hash of the topic."""
    return "tune" if hashlib.sha256(topic.encode()).digest()[0] % 2 == 0 else "held"


# ---- copies -------------------------------------------------------------------------------------
def furniture_page(
    rng: random.Random, title: str, paragraphs: tuple[str, ...], others: list[str]
) -> bytes:
    """The text inside another site's page: menus, info line, related headlines, footer."""
    site, host = rng.choice(SITES)
    menu = "".join(
        f"<li><a href='/{i}'>{x}</a></li>"
        for i, x in enumerate(
            ("首页", "国内", "国际", "财经", "科技", "体育", "娱乐", "军事", "视频")
        )
    )
    related = "".join(
        f"<li><a href='/r/{i}.html'>{x}</a></li>" for i, x in enumerate(rng.sample(others, 6))
    )
    hot = "".join(
        f"<li><a href='/h/{i}.html'>{x}</a></li>" for i, x in enumerate(rng.sample(others, 5))
    )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    day = f"2023-02-{rng.randint(10, 28)} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}"
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_{site}</title>
<link rel="canonical" href="https://{host}/a/{rng.randint(10**6, 10**7)}.html"></head><body>
<div class="top"><ul class="nav">{menu}</ul><div class="login">登录 注册</div></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/n">新闻</a> &gt; 正文</div>
<div class="article"><h1>{title}</h1><div class="info">{day} 来源：{site} 作者：{rng.choice(NAMES)}</div>
<div class="share">分享到：微信 微博 QQ空间</div><div class="content">{body}</div>
<p class="editor">责任编辑：{rng.choice(NAMES)}</p></div>
<div class="related"><h3>相关新闻</h3><ul>{related}</ul></div>
<div class="hot"><h3>热点排行</h3><ol>{hot}</ol></div>
<div class="footer"><p>关于我们 | 联系我们 | 广告服务 | 网站地图</p><p>Copyright © 2023 {host} All Rights Reserved 版权所有</p></div>
</body></html>"""
    return page.encode("utf-8")


_CONVERTERS: dict[str, OpenCC] = {}


def traditional(
    rng: random.Random, title: str, paragraphs: tuple[str, ...]
) -> tuple[str, tuple[str, ...]]:
    """OpenCC to Traditional (Taiwan phrases sometimes), 「」 quotes, its own dateline."""
    config = rng.choice(("s2tw", "s2hk", "s2twp"))
    convert = _CONVERTERS.setdefault(config, OpenCC(config)).convert
    quotes = str.maketrans({"“": "「", "”": "」", "‘": "『", "’": "』"})
    paras = [convert(p).translate(quotes) for p in paragraphs]
    first = paras[0][_dateline_end(paras[0]) :]
    dateline = rng.choice(TRAD_DATELINES).format(
        name=rng.choice(NAMES), year=2023, month=2, day=rng.randint(10, 28)
    )
    return convert(title), (dateline + first, *paras[1:])


def _dateline_end(paragraph: str) -> int:
    match = OPENER.match(paragraph) or AGENCY_DATELINE.match(paragraph)
    return match.end() if match else 0


def edited(rng: random.Random, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """The lead rewritten and the last paragraphs (at most half the text) dropped."""
    paras = list(paragraphs)
    if len(paras) == 1:  # one paragraph: cut it into sentences to drop the last ones
        paras = [x for x in re.split(r"(?<=[。！？])", paras[0]) if x]
    total = sum(map(len, paras))
    keep = len(paras)
    while keep > 1 and sum(map(len, paras[: keep - 1])) >= total * 0.5 and rng.random() < 0.75:
        keep -= 1
    paras = paras[:keep]
    lead = paras[0][_dateline_end(paras[0]) :]
    cut = lead.find("，")
    how = rng.randrange(3)
    if how == 0 and 0 < cut < len(lead) * 0.4:
        lead = lead[cut + 1 :]  # the opening clause (time, place) dropped
    elif how == 1:
        lead = rng.choice(LEADS).format(site=rng.choice(SITES)[0]) + lead
    else:
        lead = lead.replace("日前", "近日").replace("表示", "指出").replace("今天", "日前")
    first = [lead, *paras[1:]]
    return ("".join(first),) if len(paragraphs) == 1 else tuple(first)


def noted(
    rng: random.Random, title: str, paragraphs: tuple[str, ...], topic: str
) -> tuple[str, tuple[str, ...]]:
    """A new title, an editor's note above the text, sometimes 原标题 and a reposting line."""
    new_title = rng.choice(TITLE_MARKS).format(t=title[:24])
    paras = [rng.choice(NOTES).format(topic=topic), *paragraphs]
    if rng.random() < 0.5:
        paras.insert(1, f"（原标题：{title}）")
    if rng.random() < 0.5:
        paras.append(f"（本文转载自{rng.choice(SITES)[0]}，如有侵权请联系删除）")
    return new_title, tuple(paras)


def copy_of(rng: random.Random, base: Base, way: str, others: list[str]) -> tuple[str, bytes]:
    """One copy of a base story made `way`: (file suffix, bytes)."""
    title, paras = base.title, base.paragraphs
    topic = title[:12]
    if "edited" in way:
        paras = edited(rng, paras)
    if "note" in way:
        title, paras = noted(rng, title, paras, topic)
    if "traditional" in way:
        title, paras = traditional(rng, title, paras)
    if "furniture" in way:
        return ".html", furniture_page(rng, title, paras, others)
    text = as_text(title, paras)
    if "traditional" in way and rng.random() < 0.5:
        try:
            return ".txt", text.decode("utf-8").encode("big5")
        except UnicodeEncodeError:
            pass  # a character Big5 lacks: the copy stays UTF-8
    return ".txt", text


# ---- different stories on one topic ------------------------------------------------------------
def with_shared(rng: random.Random, bases: list[Base]) -> list[Base]:
    """Hard negatives: stories of one topic given a shared statement, lead or background."""
    out = {b.id: b for b in bases}
    long_topics = [
        t
        for t, ids in TOPICS.items()
        if all(sum(map(len, out[i].paragraphs)) >= 300 for i in ids if i in out)
    ]
    for n, topic in enumerate(sorted(long_topics)):
        ids = [i for i in TOPICS[topic] if i in out]
        if len(ids) < 2:
            continue
        x, y = rng.sample(ids, 2)
        kind = ("quote", "lead", "background")[n % 3]
        if kind == "quote":
            shared = rng.choice(STATEMENTS)
            for i in (x, y):
                p = out[i].paragraphs
                out[i] = replace(out[i], paragraphs=(p[0], shared, *p[1:]))
        elif kind == "lead":
            shared = rng.choice(BOILERPLATE)
            for i in (x, y):
                out[i] = replace(out[i], paragraphs=(shared, *out[i].paragraphs))
        else:  # a follow-up: y's text with x's first two paragraphs as background
            background = out[x].paragraphs[:2]
            out[y] = replace(out[y], paragraphs=(*out[y].paragraphs, "背景：", *background))
        for i in (x, y):
            out[i] = replace(
                out[i],
                original=(
                    out[i].original[0].rsplit(".", 1)[0] + f"-{kind}.txt",
                    as_text(out[i].title, out[i].paragraphs),
                ),
            )
    return list(out.values())


WAYS = ("furniture", "traditional", "edited", "note", "traditional+furniture", "edited+note")


def build_mix(data: Path, seed: int = 24, copied: float = 0.45) -> list[Item]:
    """The whole mix: originals, copies of some of them, real copies, hard negatives."""
    rng = random.Random(seed)
    bases = with_shared(rng, load_bases(data, rng))
    titles = [b.title for b in bases]
    items = []
    for base in sorted(bases, key=lambda b: b.id):
        story = SAME.get(base.id, base.id)
        part = part_of(TOPICS_OF.get(story, story))
        way = "real copy" if base.id in SAME else "original"
        items.append(Item(base.original[0], base.original[1], story, way, part, base.topic))
        if base.id in SAME or rng.random() >= copied:
            continue
        others = [t for t in titles if t != base.title]
        for n, way in enumerate(rng.sample(WAYS, rng.choice((1, 1, 2, 3)))):
            suffix, data_ = copy_of(rng, base, way, others)
            name = f"copies/{base.id}.{way.replace('+', '-')}{n}{suffix}"
            items.append(Item(name, data_, story, way, part, base.topic))
    return items


TOPICS_OF = {b: t for t, members in TOPICS.items() for b in members}
