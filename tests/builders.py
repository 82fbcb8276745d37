"""The one place tests build articles and corpora, read output folders, and compare golden files."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from zhbrief.documents import (
    Article,
    Brief,
    KeyTerm,
    PageMeta,
    Paragraph,
    Provenance,
    Sentence,
    Translation,
)

GOLDEN = Path(__file__).parent / "golden"
NEWS = (
    "今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。",
    "业内人士表示，价格下降和充电设施改善是主要原因。",
    "北京市政府表示，今年将新建保障性住房8万套，比去年增加50%。",
)
UPDATE = os.environ.get("ZHBRIEF_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME byte for byte; ZHBRIEF_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


def sentence(text: str) -> Sentence:
    """A sentence whose original and Simplified forms are the same text."""
    return Sentence(text, text)


def make_article(
    paragraphs: Sequence[Sequence[str]],
    title: str | None = None,
    rel: str = "a.txt",
    meta: dict[str, str] | None = None,
) -> Article:
    """An Article of these paragraphs of sentences (zh and norm the same text)."""
    return Article(
        rel=rel,
        sha256="0" * 64,
        title=sentence(title) if title else None,
        paragraphs=tuple(Paragraph(tuple(map(sentence, p))) for p in paragraphs),
        meta=PageMeta(**(meta or {})),
    )


def make_brief(
    paragraphs: Sequence[Sequence[str]],
    title: str | None = "标题",
    rel: str = "a.txt",
    english: Sequence[Sequence[str]] | None = None,
    flags: dict[int, tuple[str, ...]] | None = None,
    provenance: Provenance | None = None,
    key_terms: Sequence[KeyTerm] = (),
    summary: Sequence[int] = (0,),
    headings: Sequence[int] = (),
    created: str = "2026-03-12T08:00:00Z",
) -> Brief:
    """A Brief of these Chinese paragraphs; English "EN i" per body sentence unless given.

    `flags` maps a body sentence index to its quality flags; `headings` lists the paragraph
    indices that are subheadings.
    """
    article = make_article(paragraphs, title=title, rel=rel)
    paras = tuple(
        Paragraph(p.sentences, "heading" if i in headings else "text")
        for i, p in enumerate(article.paragraphs)
    )
    article = replace(article, paragraphs=paras, provenance=provenance or Provenance())
    flags = flags or {}
    n = iter(range(len(article.sentences)))
    texts = english or [[f"EN {next(n)}" for _ in p] for p in paragraphs]
    counter = iter(range(len(article.sentences)))
    body = tuple(
        tuple(Translation(en, flags.get(next(counter), ())) for en in para) for para in texts
    )
    return Brief(
        article=article,
        title_en=Translation(f"Title of {rel}") if title else None,
        body=body,
        summary=tuple(summary),
        key_terms=tuple(key_terms),
        model="test 1.0",
        summarizer="news",
        decoding={},
        created=created,
    )


def write_articles(
    folder: Path, count: int, name: str = "article-{i:03d}.txt", groups: int = 1
) -> Path:
    """`count` distinct articles (numbered lines: none is served by another's cache) in folder.

    `name` is formatted with the article's number `i` and its `group` (i % groups). Each line
    ends with words of its own article, so no two are copies of one story (stories/match.py).
    """
    for i in range(count):
        body = "\n".join(
            f"第{i}号文章第{j}段：{line}{own_words(i * 10 + j)}" for j, line in enumerate(NEWS)
        )
        path = folder / name.format(i=i, group=i % groups)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"测试文章第{i}号\n{body}\n", encoding="utf-8")
    return folder


COMMON = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def own_words(seed: int, length: int = 60) -> str:
    """`length` Han characters of their own, the same for the same seed (a linear congruence)."""
    chars = []
    for _ in range(length):
        seed = (seed * 1103515245 + 12345) % 2**31
        chars.append(COMMON[seed % len(COMMON)])
    return "".join(chars)


def output_files(folder: Path) -> dict[str, bytes]:
    """Every file zhbrief wrote for readers in an output folder (the state folder left out)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".zhbrief" not in p.parts
    }


def brief_pairs(markdown: str) -> list[tuple[str, str]]:
    """(English line, Chinese line) of each sentence of a brief's translation, as written: the
    English without its number and ★, the Chinese without its `> `."""
    lines = markdown.splitlines()
    pairs = []
    for english, chinese in itertools.pairwise(lines):
        numbered = re.match(r"\*\*\d+\.\d+\*\* (?:★ )?(.*)$", english)
        if numbered and chinese.startswith("> "):
            pairs.append((numbered[1], chinese[2:]))
    return pairs


# ---- one story, many sources (stories/): articles of our own and copies made four ways ----------
RATE_CUT = (
    "央行宣布下调存款准备金率0.25个百分点",
    (
        "新华社北京3月5日电 中国人民银行5日宣布，决定于3月15日下调金融机构存款准备金率0.25个"
        "百分点，此次下调后，金融机构加权平均存款准备金率约为7.4%。",
        "人民银行有关负责人表示，此次降准将释放长期资金约5000亿元，有助于保持流动性合理充裕，"
        "进一步降低实体经济综合融资成本，支持经济持续回升向好。",
        "这位负责人指出，稳健的货币政策要精准有力，更加注重做好逆周期调节，"
        "保持货币供应量和社会融资规模增速同名义经济增速基本匹配。",
        "市场人士认为，降准释放的资金将主要用于支持小微企业、民营企业和科技创新等重点领域，"
        "银行的负债成本也将因此有所下降。",
        "这是今年以来人民银行第一次下调存款准备金率，上一次降准是在去年12月。",
    ),
)
RATE_CUT_ANALYSIS = (  # the same cut, the same entities: a different story
    "专家解读降准：释放流动性 稳定市场预期",
    (
        "本报记者 李华 人民银行3月5日宣布降准0.25个百分点后，多位经济学家接受采访时认为，"
        "这一举措释放了稳增长的明确信号。",
        "某证券首席经济学家分析说，当前物价水平保持低位，实际利率偏高，"
        "货币政策仍有进一步放松的空间，二季度不排除再次降息的可能。",
        "另一位银行业分析师则提醒，降准对股市的提振作用往往是短期的，"
        "投资者更应关注企业盈利的实际改善情况和房地产市场的走势。",
        "专家们普遍认为，在财政政策和货币政策的协同发力下，全年经济增长目标有望顺利实现。",
    ),
)
BALLOON = (
    "气象气球飘入邻国领空引发关注",
    (
        "一只用于气象研究的高空气球近日因风向突变偏离预定航线，飘入邻国领空，引发外界关注。",
        "研究机构发言人表示，这只气球属于民用性质，主要用于采集大气温度和湿度数据，"
        "受西风带影响，自主操控能力有限，偏离航线纯属意外。",
        "邻国国防部门称，已对气球进行持续跟踪监测，并将根据国际法采取相应措施。",
        "分析人士指出，高空气球的管理规则仍不完善，各国有必要加强沟通，避免误判。",
    ),
)
STATEMENT = (  # a long official statement two different stories may both quote
    "外交部发言人在例行记者会上表示：“中方始终坚持和平发展道路，坚定奉行互利共赢的开放战略，"
    "愿同各国一道，维护国际公平正义。我们敦促有关方面停止散布不实信息，"
    "多做有利于地区和平稳定的事，中方将继续密切关注事态发展。”"
)


def story_text(title: str, paragraphs: Sequence[str]) -> str:
    """A plain-text article: the headline, then one paragraph a line."""
    return "\n\n".join((title, *paragraphs)) + "\n"


def with_furniture(title: str, paragraphs: Sequence[str], site: str = "示例新闻网") -> str:
    """The article inside another site's page: menu, breadcrumb, info line, related links."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}_{site}</title>'
        '<link rel="canonical" href="https://news.example.cn/a/1.html"></head><body>'
        "<ul class='nav'><li><a href='/'>首页</a></li><li><a href='/g'>国内</a></li>"
        "<li><a href='/w'>国际</a></li><li><a href='/c'>财经</a></li></ul>"
        "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; 财经 &gt; 正文</div>"
        f"<div class='article'><h1>{title}</h1><div class='info'>2026-03-05 10:20 来源：{site}</div>"
        f"<div class='content'>{body}</div><p>责任编辑：王五</p></div>"
        "<div class='related'><h3>相关新闻</h3><ul><li><a href='/1'>多地出台新政支持消费</a></li>"
        "<li><a href='/2'>春季招聘会今日开幕</a></li></ul></div>"
        f"<div class='footer'>Copyright © 2026 {site} 版权所有</div></body></html>"
    )


def in_traditional(title: str, paragraphs: Sequence[str], dateline: str) -> tuple[str, list[str]]:
    """The article in Taiwan's Traditional characters and words, 「」 quotes, its own dateline."""
    from opencc import OpenCC

    convert = OpenCC("s2twp").convert
    quotes = str.maketrans({"“": "「", "”": "」"})
    paras = [convert(p).translate(quotes) for p in paragraphs]
    first = paras[0].split(" ", 1)[-1]  # the agency's dateline gives way to the copy's own
    return convert(title), [dateline + first, *paras[1:]]


def edited_copy(paragraphs: Sequence[str]) -> list[str]:
    """The lead rewritten (its dateline and first clause gone) and the last paragraph dropped."""
    lead = paragraphs[0].split(" ", 1)[-1]
    lead = "据了解，" + lead[lead.index("，") + 1 :]
    return [lead, *paragraphs[1:-1]]


def with_note(paragraphs: Sequence[str], topic: str) -> list[str]:
    """An editor's note above the text."""
    note = f"编者按：近日，{topic}引发社会广泛关注。本刊特转发此文，供读者参考。"
    return [note, *paragraphs]
