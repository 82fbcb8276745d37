"""The source side of a check: its pieces as key terms read them, and the Name a check looks for."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from zhbrief.terms.names import Piece, settle
from zhbrief.terms.sentence import pieces
from zhbrief.zh import segmenter

# Characters Chinese uses to spell foreign names by sound (Xinhua's transliteration table).
SOUND_CHARACTERS = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁杜顿多厄恩尔法凡菲费芬丰"
    "弗福富盖甘冈戈格贡古圭哈海汉豪赫黑亨胡华怀惠霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱兰"
    "朗劳勒雷里利莉连列林琳卢鲁伦罗洛吕马迈麦曼芒梅蒙米明莫默姆穆纳奈南内尼妮纽努诺欧帕派潘佩"
    "彭皮珀普奇齐乔切琼丘萨塞桑瑟森沙莎尚舍什史斯索塔泰坦汤特提廷图托瓦万旺威韦维温沃乌武西希"
    "锡夏谢辛休雅亚延扬耶伊因英尤于约泽扎詹兹佐·•‧"
)
Words = tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Name:
    """A name of the source and the English spellings any one of which carries it."""

    zh: str
    forms: tuple[str, ...]
    person: bool  # a person's name in pinyin: surname and given name must both be there, unstemmed
    # the syllables of a name that may be foreign: one English word that sounds alike says it
    sound: tuple[str, ...] = ()


@lru_cache(maxsize=256)
def segmented(text: str) -> Words:
    """The sentence's pieces as key terms read them (people whole, titles marked), a possible
    name settled by the sentence alone; cached, as several checks read the same sentence."""
    return tuple(settle(pieces(text)))


def unknown(word: str) -> bool:
    """Whether the segmenter's dictionary lacks the word (its HMM made it up)."""
    return not segmenter().has_word(word)


def foreign(word: str) -> bool:
    """Whether a word is written only in characters that spell foreign names by sound (莱西)."""
    return set(word) <= SOUND_CHARACTERS
