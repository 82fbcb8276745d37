"""Names of the source (people, places, organisations) and whether the English says them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhbrief.glossary import lookup, name_parts
from zhbrief.translation.checks.english import English, plain
from zhbrief.translation.checks.sound import sounds_like
from zhbrief.zh import HAN, quiet_jieba

# The most common single-character surnames: a word the segmenter calls a person's name must
# start with one (or with a compound surname) before its pinyin is expected in the English.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤牛常温康施文樊易乔"
)
# Surnames that more often start a common word (高素质, 白沙滩, 雷雨): a word jieba made up
# that starts with one is not taken for a name (measured on People's Daily and CLUENER names).
WORDLIKE_SURNAMES = frozenset("高白雷万林金龙余苏常于向易付武杜")
# A word ending so is a place, not a person: 李卜村, 薛埠镇, 高龙岛.
PLACE_ENDINGS = frozenset("村镇乡区县市省岛河湖滩谷堡港湾街路")
COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "司徒"})
# Words that say what kind of place or body a name is, not which one.
GENERIC = frozenset(
    "province city county district prefecture capital river mountain lake island sea state town "
    "village region news agency party company university national people republic central "
    "service network net online daily times post group committee council ministry office "
    "the of and in on at for or a an".split()
)
# Lower-case words that belong inside a name ("Ursula von der Leyen", "Office of the State Council").
_JOINERS = frozenset("of the and von der de du la le al bin van da di del".split())
_PARENS = re.compile(r"\(([^()]*)\)")
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
# Characters Chinese uses to spell foreign names by sound (Xinhua's transliteration table): a
# dictionary name cut out of a longer foreign name (赫拉 of 卡赫拉曼马拉什) is not that name.
SOUND_CHARACTERS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法凡菲费芬丰"
    "弗福富盖甘冈戈格贡古圭哈海汉豪赫黑亨胡华怀惠霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱兰"
    "朗劳勒雷里利莉连列林琳卢鲁伦罗洛吕马迈麦曼芒梅蒙米明莫默姆穆纳奈南内尼妮纽努诺欧帕派潘佩"
    "彭皮珀普奇齐乔切琼丘萨塞桑瑟森沙莎尚舍什史斯索塔泰坦汤特提廷图托瓦万旺威韦维温沃乌武西希"
    "锡夏谢辛休雅亚延扬耶伊因英尤于约泽扎詹兹佐·•‧"
)
# English spellings CC-CEDICT lists after its first two senses, for the names news uses most.
COMMON_SPELLINGS = {
    "美国": ("US", "America"),
    "英国": ("UK", "Britain", "British"),
    "俄罗斯": ("Russia",),
    "韩国": ("Korea", "ROK"),
    "中新网": ("Ecns", "China News"),  # the English site of China News Service
    "中新社": ("Ecns", "China News"),
    "朝鲜": ("Korea", "DPRK"),
}
MAX_MERGE = 3
# Characters jieba's HMM glues to the end of a name it does not know (宋涛语, 蔡奇说): a word
# of three characters that ends with one is a name of two.
FOLLOWERS = frozenset("语说称讲道指表等和与及在是的也则曾将已又都就还向对")
# Words after a surname that make it a person: 郑女士 is "Ms. Zheng".
HONORIFICS = frozenset("女士 先生 小姐 太太 夫人 老师 教授 医生 律师 博士 师傅 阿姨".split())
NEW = "new"  # the tag of a word jieba's dictionary lacks
NAME_TAGS = frozenset({"nr", "ns", "nrt", "nrfg", "nt", NEW})  # jieba's tags for names
PERSON_TAGS = frozenset({"nr", NEW})  # dictionary names the segmenter cut into up to three words: 冯德|莱恩


@dataclass(frozen=True, slots=True)
class Name:
    """A name of the source and the English spellings any one of which carries it."""

    zh: str
    forms: tuple[str, ...]
    person: bool  # a person's name in pinyin: surname and given name must both be there, unstemmed
    # syllables of a name that may be foreign: one English word that sounds alike says it
    sound: tuple[str, ...] = ()


def source_names(text: str) -> tuple[Name, ...]:
    """The names of a Chinese sentence, in order: CC-CEDICT names, then pinyin person names."""
    words = _segmented(text)
    names: list[Name] = []
    i = 0
    while i < len(words):
        size, name = _name_at(words, i)
        if name is not None and not _inside_other_word(words, i, i + size):
            names.append(name)
        i += size
    return tuple(names)


def _inside_other_word(words: list[tuple[str, str]], start: int, end: int) -> bool:
    """Whether words[start:end] continue a foreign name spelt by sound, or a date (11日电)."""
    before = words[start - 1][0] if start > 0 else ""
    after = words[end][0] if end < len(words) else ""
    if before[-1:].isdigit():
        return True
    return any(len(w) == 1 and w in SOUND_CHARACTERS for w in (before, after))


def missing_names(names: tuple[Name, ...], english: English) -> list[str]:
    """The names none of whose spellings the English carries, each once."""
    missing = [n.zh for n in names if not _said(n, english)]
    return list(dict.fromkeys(missing))


def _said(name: Name, english: English) -> bool:
    """Whether the English carries a name: a person's every part, else any one of its forms."""
    if name.person and all(english.says(f) for f in name.forms):
        return True
    if not name.person and any(english.says(f, stem=True) for f in name.forms):
        return True
    return bool(name.sound) and any(sounds_like(list(name.sound), w) for w in english.capitalised)


def _segmented(text: str) -> list[tuple[str, str]]:
    """(word, jieba's dictionary tag) pairs; NEW for a word jieba's HMM made up (often a name).

    jieba.posseg tags the same words but runs a second, slower HMM: 4 ms a sentence, not 0.3."""
    jieba = quiet_jieba()
    import jieba.posseg

    tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
    return [(w, tags.get(w, NEW)) for w in jieba.lcut(text)]


def _name_at(words: list[tuple[str, str]], i: int) -> tuple[int, Name | None]:
    """The longest name starting at word i, and how many words it spans."""
    for size in range(min(MAX_MERGE, len(words) - i), 0, -1):
        word = "".join(w for w, _ in words[i : i + size])
        name = _dictionary_name(word)
        if name is not None:
            return size, name
    word, tag = words[i]
    if word in SURNAMES and i + 1 < len(words) and words[i + 1][0] in HONORIFICS:
        return 2, _surname_only(word + words[i + 1][0])
    # a person's name right after another name is the second half of a foreign one: 西村|康稔
    after_name = i > 0 and words[i - 1][1] in NAME_TAGS and HAN.match(words[i - 1][0]) is not None
    if tag not in PERSON_TAGS or after_name or (tag == NEW and word[:1] in WORDLIKE_SURNAMES):
        return 1, None
    if tag == NEW and len(word) == 3 and word[-1] in FOLLOWERS:
        word = word[:2]
    return 1, _person(word)


def _dictionary_name(word: str) -> Name | None:
    """A word CC-CEDICT knows only as a name (no common reading), with its English and pinyin."""
    if len(word) < 2 or len(HAN.findall(word)) != len(word):
        return None
    gloss = lookup(word)  # prefers a common reading: proper here means there is none
    if gloss is None or not gloss.proper:
        return None
    forms = [f for sense in gloss.senses for f in _sense_forms(sense)]
    forms += COMMON_SPELLINGS.get(word, ())
    syllables = tuple(plain(s) for s in gloss.syllables)
    sound = syllables if set(word) <= SOUND_CHARACTERS else ()  # 莱西 may be Raisi, not Laixi
    return Name(word, ("".join(syllables), *forms), person=False, sound=sound)


def _sense_forms(sense: str) -> list[str]:
    """A sense's name as a phrase, then its own capitalised words: "Agence France Presse", "Agence"…"""
    chunks = [_BRACKETS.sub(" ", sense).split(",")[0]]
    chunks += [alt for alt in _PARENS.findall(sense) if alt[:1].isupper()]  # (Honan), (KMT)
    forms: list[str] = []
    for chunk in chunks:
        for part in re.split(r"\bor\b|;|/", chunk):
            phrase = _leading_name(part.split())
            forms += [" ".join(phrase)] if phrase else []
            forms += [w for w in _capitalised(phrase) if plain(w) not in GENERIC]
    return forms


def _leading_name(words: list[str]) -> list[str]:
    """The words of a sense up to its second common word: "American dollar" keeps both."""
    kept: list[str] = []
    common = 0
    for word in words:
        if word[:1].islower() and word not in _JOINERS:
            common += 1
            if common > 1:
                break
        kept.append(word)
    return kept


def _capitalised(phrase: list[str]) -> list[str]:
    """The capitalised words of a phrase, hyphenated ones cut: "Ho Chi-minh" → Ho, Chi, minh."""
    parts = [p for word in phrase if word[:1].isupper() for p in re.split(r"[-'’]", word)]
    return [p for p in parts if len(p) >= 3 or p.isupper()]


def _person(word: str) -> Name | None:
    """A Chinese person's name the dictionary lacks, as its surname and given name in pinyin."""
    surname = 2 if word[:2] in COMPOUND_SURNAMES else 1
    if word[:surname] not in SURNAMES | COMPOUND_SURNAMES or not 2 <= len(word) <= surname + 2:
        return None
    if len(HAN.findall(word)) != len(word) or lookup(word) is not None:
        return None
    if word[-1] in PLACE_ENDINGS:
        return None
    if word[surname:] in HONORIFICS or word[surname:] == "某":  # 孙先生, 李某: Mr Sun, one Li
        return _surname_only(word)
    from pypinyin import lazy_pinyin

    syllables = [plain(s) for s in lazy_pinyin(word, v_to_u=True)]
    parts = name_parts(word, syllables)
    sound = tuple(syllables) if set(word) <= SOUND_CHARACTERS else ()  # 康威 may be Conway
    return Name(word, tuple(plain(p) for p in parts), person=True, sound=sound)


def _surname_only(word: str) -> Name:
    """A person known by surname and honorific (郑女士): the surname's pinyin carries it."""
    from pypinyin import lazy_pinyin

    return Name(word, (plain(lazy_pinyin(word[0], v_to_u=True)[0]),), person=True)
