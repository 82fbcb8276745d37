"""People of the source that CC-CEDICT does not know, by surname, and their names in pinyin."""

from __future__ import annotations

from zhbrief.glossary import lookup
from zhbrief.terms.cues import SURNAMES as KNOWN_SURNAMES
from zhbrief.translation.checks.english import plain
from zhbrief.translation.checks.source import NEW, Name, Words, foreign
from zhbrief.zh import HAN

# The most common single-character surnames: a word jieba takes for a person's name must start
# with one (or a compound surname) before its pinyin is expected in the English.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤牛常温康施文樊易乔"
)
# Surnames that more often start a common word (高素质, 白沙滩, 雷雨): a word jieba made up that
# starts with one is not taken for a name (measured on People's Daily and CLUENER names).
WORDLIKE_SURNAMES = frozenset("高白雷万林金龙余苏常于向易付武杜")
PLACE_ENDINGS = frozenset("村镇乡区县市省岛河湖滩谷堡港湾街路")  # 李卜村, 薛埠镇: places
# Characters jieba's HMM glues to the end of a name it does not know (宋涛语, 蔡奇说).
FOLLOWERS = frozenset("语说称讲道指表等和与及在是的也则曾将已又都就还向对")
# Words after a surname that make it a person known by surname: 郑女士 is "Ms. Zheng".
HONORIFICS = frozenset((
    "女士", "先生", "小姐", "太太", "夫人", "老师", "教授", "医生", "律师", "博士", "师傅", "阿姨", "某",
))  # fmt: skip
COMPOUND_SURNAMES = frozenset(s for s in KNOWN_SURNAMES if len(s) == 2)
PERSON_TAGS = frozenset({"nr", NEW})
NAME_TAGS = frozenset({"nr", "ns", "nrt", "nrfg", "nt", NEW})  # jieba's tags of names


def person_at(words: Words, i: int) -> tuple[int, Name | None]:
    """A person's name at word i (郑|女士 spans two words), and how many words it spans."""
    word, tag = words[i]
    if word in SURNAMES and i + 1 < len(words) and words[i + 1][0] in HONORIFICS:
        return 2, _surname_only(word + words[i + 1][0])
    # a name right after another name is the second half of a foreign one: 西村|康稔
    after_name = i > 0 and words[i - 1][1] in NAME_TAGS and HAN.match(words[i - 1][0]) is not None
    if tag not in PERSON_TAGS or after_name or (tag == NEW and word[:1] in WORDLIKE_SURNAMES):
        return 1, None
    if tag == NEW and len(word) == 3 and word[-1] in FOLLOWERS:
        word = word[:2]
    return 1, _person(word)


def _person(word: str) -> Name | None:
    """A Chinese person's name the dictionary lacks, as its surname and given name in pinyin."""
    surname = 2 if word[:2] in COMPOUND_SURNAMES else 1
    if word[:surname] not in SURNAMES | COMPOUND_SURNAMES or not 2 <= len(word) <= surname + 2:
        return None
    if len(HAN.findall(word)) != len(word) or word[-1] in PLACE_ENDINGS or lookup(word):
        return None
    if word[surname:] in HONORIFICS:  # jieba keeps 孙先生 and 李某 whole
        return _surname_only(word)
    from pypinyin import lazy_pinyin

    syllables = [plain(s) for s in lazy_pinyin(word, v_to_u=True)]
    cut = 2 if word[:2] in COMPOUND_SURNAMES or len(syllables) == 4 else 1
    parts = tuple(p.capitalize() for p in ("".join(syllables[:cut]), "".join(syllables[cut:])) if p)
    sound = tuple(syllables) if foreign(word) else ()  # 康威 may be Conway
    return Name(word, parts, person=True, sound=sound)


def _surname_only(word: str) -> Name:
    """A person known by surname and honorific (郑女士): the surname's pinyin carries it."""
    from pypinyin import lazy_pinyin

    return Name(word, (plain(lazy_pinyin(word[0], v_to_u=True)[0]),), person=True)
