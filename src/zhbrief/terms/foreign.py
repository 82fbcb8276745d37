"""Transliterated (foreign) names in a segmenter's tokens: pieces, runs, dotted names, the
characters the segmenter moved off a name's end; judged by each character's share of
transliterations in CC-CEDICT (terms/cedict.py)."""

from __future__ import annotations

from collections.abc import Sequence

from zhbrief.terms import lexicon
from zhbrief.terms.cues import FOLLOWERS, FUNCTION
from zhbrief.terms.words import bare_name, han, is_word, surname_cut
from zhbrief.zh import segmenter

NAME_DOT = "·・•"  # between the parts of a foreign name: 芭芭拉·弗兰克林
# Shares of transliteration characters (斯 0.68, 尔 0.66, 海 0.10, 顾 0.01; terms/cedict.py):
MIN_FOREIGN = 0.3  # mean, for a foreign name the dictionary lacks
FOREIGN_GIVEN = 0.4  # mean over a "given name" that is rather a piece of a foreign one
FOREIGN_END = 0.6  # the last character alone: 斯 0.68, 尔 0.66, 尼 0.61 end foreign names
FOREIGN_WHOLE = 0.33  # mean over a "surname and given name" that is rather foreign (鲁迅 0.32)
IN_RUN = 0.2  # least, for each character of a piece that continues a foreign name
IN_TAIL = 0.1  # least, for a character the segmenter moved off a dotted name's end


def continues_name(word: str, flag: str) -> bool:
    """Whether a token reads as a piece of a name (松德|斯特伦): what follows it is not whole."""
    share = lexicon.transliteration()
    short = 1 <= len(word) <= 2 and han(word) and not is_word(word)
    return short and (flag.startswith("nr") or min(share.get(c, 0.0) for c in word) >= IN_RUN)


def name_like(word: str, flag: str) -> bool:
    """A short token that may go on with a foreign name before it (贝克, 卡, 麦克雷)."""
    if not 1 <= len(word) <= 3 or not han(word) or FUNCTION.intersection(word):
        return False
    share = lexicon.transliteration()
    return flag.startswith("nr") or min(share.get(c, 0.0) for c in word) >= IN_RUN


def foreign_run(tokens: Sequence[tuple[str, str]], i: int) -> int:
    """Tokens from i on that read as one transliterated name in pieces (赫里斯|坚科): at least 1."""
    share = lexicon.transliteration()
    n = 1
    while i + n < len(tokens) and n < 4:
        word = tokens[i + n][0]
        if len(word) > 2 or not han(word) or is_word(word) or FUNCTION.intersection(word):
            break
        if min(share.get(c, 0.0) for c in word) < IN_RUN:
            break
        n += 1
    return n


def sounds_foreign(word: str, cut: int) -> bool:
    """Whether what follows a surname reads as transliteration (莫|雷尔, 谢|尔久), not a given
    name, or the whole word does (桑普多, 罗斯; not 李杰, 鲁迅)."""
    share = lexicon.transliteration()
    given = word[cut:]
    if len(given) > 1 and sum(share.get(c, 0.0) for c in given) / len(given) >= FOREIGN_GIVEN:
        return True
    if share.get(word[-1], 0.0) >= FOREIGN_END:
        return True  # 刘易|斯 is Lewis
    return sum(share.get(c, 0.0) for c in word) / len(word) >= FOREIGN_WHOLE  # 桑普多, 罗|斯


def is_foreign(word: str) -> bool:
    """A transliterated name CC-CEDICT lacks: Han characters typical of transliterations."""
    if len(word) < 2 or not han(word) or lexicon.entries(word):
        return False
    cut = surname_cut(word)
    if cut and not sounds_foreign(word, cut):
        return False
    share = lexicon.transliteration()
    return sum(share.get(c, 0.0) for c in word) / len(word) >= MIN_FOREIGN


def name_tail(tokens: Sequence[tuple[str, str]], i: int) -> tuple[str, int]:
    """Characters from token i on that still belong to the name before them (弗兰克|林说: 林)."""
    share = lexicon.transliteration()
    text = ""  # from 林说, 林|说 or a name's piece (戈尔德), never from a word (第一次, 教授)
    for word, flag in tokens[i : i + 3]:
        if len(word) > 1 and segmenter().has_word(word) and not flag.startswith("nr"):
            break
        text += word
    end = 0
    while end < min(len(text), 3) and share.get(text[end], 0.0) >= IN_TAIL:
        if text[end] in FUNCTION:
            break
        end += 1
    covered, used = 0, 0
    while covered < end:
        covered += len(tokens[i + used][0])
        used += 1
    return text[:end], used


def trimmed(name: str) -> str:
    """A dotted name without the function characters glued to its end (卡洛斯·隆等: 卡洛斯·隆)."""
    while len(name) > 2 and name[-1] in FOLLOWERS:
        name = name[:-1]
    return name


def dotted_length(tokens: Sequence[tuple[str, str]], i: int) -> int:
    """Tokens of a foreign name written with dots (芭芭拉 · 弗兰克林), else 0."""
    lone = tokens[i][0]
    spelt = len(lone) == 1 and lexicon.transliteration().get(lone, 0.0) >= IN_RUN
    two = spelt and i + 1 < len(tokens) and han(tokens[i + 1][0])
    end = start = i + 1 if two else i  # 马|塞罗·克里维拉: a first part in two tokens
    while end + 2 < len(tokens) and tokens[end + 1][0] in NAME_DOT and han(tokens[end + 2][0]):
        end += 2
    parts = ["".join(w for w, _ in tokens[i : start + 1])]
    parts += [w for w, _ in tokens[start + 2 : end + 1 : 2]]
    if end == start or not han(parts[0]) or len(parts[0]) < 2:
        return 0
    if any(len(p) > 1 and is_word(p) and not bare_name(p) for p in parts):
        return 0  # 精粹·张君秋: a word, then a name
    return end - i + 1
