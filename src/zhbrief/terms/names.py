"""People in a sentence's words: whole names or none, and titles ("罗总", "林先生") apart.

A word is shown as a person's name only on evidence: CC-CEDICT lists that person (胡锦涛,
冯德莱恩 — also when the segmenter cut it in pieces), or it is a known surname with a given name
of one or two characters that no dictionary word explains better. jieba's own "nr" tag is not
evidence: its dictionary tags 盛大宴会 and 喝咖啡 as names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from zhbrief.terms import lexicon
from zhbrief.terms.cues import (
    ABROAD,
    AFTER,
    BEFORE,
    FOLLOWERS,
    FUNCTION,
    PLACE_END,
    PREPOSITIONS,
    ROLE_END,
    TITLES,
    VENUE_END,
)
from zhbrief.terms.foreign import (
    MIN_FOREIGN,
    NAME_DOT,
    continues_name,
    dotted_length,
    foreign_run,
    is_foreign,
    name_like,
    name_tail,
    sounds_foreign,
    trimmed,
)
from zhbrief.terms.words import bare_name, given_name, han, is_word, listed, surname_cut
from zhbrief.zh import segmenter, tagged

Kind = Literal["", "person", "title", "maybe"]  # maybe: a name if the article repeats it
MIN_REPEATS = 2
LIST_MARKS = frozenset(("、", "和", "与", "及"))  # between the names of a list


@dataclass(frozen=True, slots=True)
class Piece:
    """A word of a sentence, with what it is when it names or addresses a person."""

    word: str
    flag: str  # jieba's part of speech
    kind: Kind = ""
    surname: int = 0  # characters of the surname, for a Chinese name or a title


def people(tokens: Sequence[tuple[str, str]]) -> list[Piece]:
    """The tokens with people's names made whole and titles marked; other words unchanged."""
    pieces: list[Piece] = []
    i = 0
    while i < len(tokens):
        piece, used = _person_at(tokens, i)
        pieces.append(piece)
        rest = "".join(w for w, _ in tokens[i : i + used])[len(piece.word) :]
        if rest:  # a name or title ending inside a token: 罗|总和 → 罗总, 和
            pieces.append(Piece(rest, "x"))
        i += used
    return [_read_abroad(pieces, i) for i in range(len(pieces))]


def _read_abroad(pieces: Sequence[Piece], i: int) -> Piece:
    """A person whose name is read in Japanese, Korean or Vietnamese (越南总理范明政 is Pham Minh
    Chinh, 岸田文雄首相 Kishida Fumio): still a person, but pinyin is not how English writes
    the name, so no surname and given name."""
    piece = pieces[i]
    if piece.kind != "person" or not piece.surname:
        return piece
    around = [p.word for p in pieces[max(0, i - 2) : i + 2] if p is not piece]
    return replace(piece, surname=0) if any(a in w for w in around for a in ABROAD) else piece


def _person_at(tokens: Sequence[tuple[str, str]], i: int) -> tuple[Piece, int]:
    """The piece that starts at token i and how many tokens it takes."""
    dotted = dotted_length(tokens, i)
    if dotted:
        name = "".join(w for w, _ in tokens[i : i + dotted])
        tail, more = name_tail(tokens, i + dotted)
        return Piece(trimmed(name + tail), "nr", "person"), dotted + more
    word, flag = tokens[i]
    if not han(word):
        return Piece(word, flag), 1
    for n in (3, 2) if _piece_of_name(word, flag) else ():  # 冯德 + 莱恩: a famous name in pieces
        words = [w for w, _ in tokens[i : i + n]]
        if len(words) == n and all(han(w) for w in words) and listed("".join(words)):
            return Piece("".join(words), "nr", "person"), n
    if listed(word):
        extra = _second_given(word, surname_cut(word), tokens, i)  # 李铁|辰 is not 李铁
        return Piece(word + extra, "nr", "person", surname_cut(word)), 2 if extra else 1
    title = _title(tokens, i)
    if title is not None:
        return title
    cut = surname_cut(word)
    if cut and flag in ("nr", "nrfg"):
        name = (
            _unglued(word) if len(word) == cut + 2 else word + _second_given(word, cut, tokens, i)
        )
        kind = _chinese_name(name, cut, tokens, i)
        if kind:
            return Piece(name, "nr", kind, cut), 2 if len(name) > len(word) else 1
    run = foreign_run(tokens, i)
    whole = "".join(w for w, _ in tokens[i : i + run])
    whole = _unglued(whole) if run == 1 else whole
    foreign = bare_name(whole) or (flag in ("nr", "nrt") and is_foreign(whole))
    ends = i + run == len(tokens) or not name_like(*tokens[i + run])  # 沃尔|贝克: not whole
    cued = _cued(tokens, i, run)
    if foreign and ends and cued and not (i and continues_name(*tokens[i - 1])):
        return Piece(whole, "nr", "person"), run
    if len(word) == 1 and cut and i + 1 < len(tokens):
        nxt, _ = tokens[i + 1]
        pair = han(nxt) and len(nxt) == 2 and not is_word(word + nxt)
        pair = pair and not (i + 2 < len(tokens) and _goes_on(*tokens[i + 2]))
        if pair and given_name(nxt) and not _content_word(nxt) and _cued(tokens, i, 2):
            return Piece(word + nxt, "nr", "person", 1), 2  # 经济学家林|建国表示
        if pair and flag == "nr":  # 夏|立言: a name in pieces
            return Piece(word + nxt, "x"), 2  # whole or not at all: neither a name nor 立言
    return Piece(word, flag), 1


def _chinese_name(word: str, cut: int, tokens: Sequence[tuple[str, str]], i: int) -> Kind:
    """A surname and a given name no dictionary word explains; two characters need a cue."""
    given = word[cut:]
    if not given_name(given) or word[-1] in PLACE_END or is_word(word) or bare_name(word):
        return ""  # 刘易斯 is Lewis
    if cut == 2 and len(given) == 2 and is_word(given):
        return ""  # 东方|明珠
    if len(given) == 2 and is_word(given) and _content_word(given):
        return ""  # 高|素质, 付|现金; but 王|建国
    if sounds_foreign(word, cut):
        return ""  # 谢尔久, 莫斯巴: a piece of a transliterated name
    if i + 1 < len(tokens) and (_goes_on(*tokens[i + 1]) or _venue_after(tokens, i + 1)):
        return ""  # 叶夫梅|诺夫, 马塞罗|·, 白玉兰|奖: part of a longer name
    plain_word = len(word) >= 3 and word[:cut] not in PREPOSITIONS and not _phrase(word, cut)
    return "person" if plain_word or _cued(tokens, i) else "maybe"


def _phrase(word: str, cut: int) -> bool:
    """A word the segmenter's dictionary tags as a name but that starts with a common word:
    左右|岸, 江浙|沪 (its dictionary has such phrases as names)."""
    return segmenter().has_word(word) and is_word(word[: cut + 1])


def _goes_on(word: str, flag: str) -> bool:
    """Whether a token after a name makes it part of something longer: a name's dot, a place's
    or an award's last character, a piece of a transliterated name."""
    if word[:1] in NAME_DOT or (len(word) == 1 and word in PLACE_END):
        return True
    if len(word) == 2 and han(word) and word[-1] in PLACE_END | VENUE_END and not is_word(word):
        return True  # 顾恩思|义殿
    share = lexicon.transliteration()
    spelt = 1 < len(word) <= 3 and han(word) and not is_word(word)
    return spelt and min(share.get(c, 0.0) for c in word) >= MIN_FOREIGN


def _venue_after(tokens: Sequence[tuple[str, str]], j: int) -> bool:
    """Whether one more character and a building or a ground follow: 林达海|渔|广场,
    东方君|悦|大酒店 (a name a place was named after, not a person here)."""
    if j + 1 >= len(tokens):
        return False
    (char, flag), (place, _) = tokens[j], tokens[j + 1]
    joined = len(char) == 1 and han(char) and char not in FOLLOWERS
    noun = flag[:1] in ("n", "g") or flag in ("nz", "vg", "ag")
    return joined and noun and han(place) and place[-1] in VENUE_END


def _unglued(word: str) -> str:
    """A name without the character the segmenter's guess glued to it (宋涛语: 宋涛, 乔尔到)."""
    if len(word) < 3 or word[-1] not in FOLLOWERS or lexicon.entries(word):
        return word
    # the segmenter's dictionary has names with a function character (龚育之) but also phrases
    # it tags as names (任教于): only a verb or a preposition is taken off those
    known = segmenter().has_word(word)
    return word[:-1] if not known or word[-1] not in FUNCTION else word


def settle(pieces: Sequence[Piece]) -> list[Piece]:
    """Possible names made names when the text repeats them, names them so elsewhere, or lists
    them with a person (吴军、郑昊、陈健)."""
    seen = Counter(p.word for p in pieces if p.kind in ("person", "maybe"))
    sure = {p.word for p in pieces if p.kind == "person"}
    return [
        p if p.kind != "maybe"
        else replace(p, kind="person")
        if seen[p.word] >= MIN_REPEATS or p.word in sure or _listed_with_person(pieces, i)
        else Piece(p.word, "x")  # whole or not at all: neither a name nor its pieces
        for i, p in enumerate(pieces)
    ]  # fmt: skip


def _listed_with_person(pieces: Sequence[Piece], i: int) -> bool:
    """Whether piece i is listed with a person or a possible one: 吴军、郑昊, 田伟和杨洲."""
    for step in (-2, 2):
        j = i + step
        listed = 0 <= j < len(pieces) and pieces[(i + j) // 2].word in LIST_MARKS
        if listed and pieces[j].kind in ("person", "maybe") and pieces[j].surname:
            return True
    return False


def _second_given(word: str, cut: int, tokens: Sequence[tuple[str, str]], i: int) -> str:
    """The given name's second character when the segmenter cut it off (欧阳明|辉在, 李铁|辰)."""
    if len(word) - cut != 1 or i + 1 >= len(tokens):
        return ""
    nxt, flag = tokens[i + 1]
    first = nxt[:1]
    if not han(first) or first in FUNCTION or first in PLACE_END:
        return ""
    if len(nxt) == 1:  # 方齐|连, 李铁|辰: a lone character the segmenter reads as a name's,
        alone = first not in FOLLOWERS and not flag.startswith("n") and _alone(tokens, i + 2)
        return first if flag in ("ng", "nr") or alone else ""  # or 刘海|亮认为, not 武直|卡
    guessed = len(nxt) == 2 and nxt[1] in FUNCTION and not segmenter().has_word(nxt)
    return first if guessed else ""  # 欧阳明|辉在


def _alone(tokens: Sequence[tuple[str, str]], i: int) -> bool:
    """Whether token i ends what comes before it: the end, a stop, a function word or a cue."""
    if i >= len(tokens):
        return True
    word = tokens[i][0]
    return not han(word[:1]) or word[0] in FUNCTION or word in AFTER


def _content_word(word: str) -> bool:
    """Whether jieba reads the word as a common noun, verb, adjective or adverb (素质, 增值)."""
    tags = tagged(word)
    return len(tags) == 1 and tags[0][1] in ("n", "v", "vn", "a", "ad", "d", "t")


def _cued(tokens: Sequence[tuple[str, str]], i: int, n: int = 1) -> bool:
    """Whether a word before or after tokens i..i+n shows they name a person (记者|李明, 李明|说)."""
    before, tag = tokens[i - 1] if i > 0 else ("", "")
    after = tokens[i + n][0] if i + n < len(tokens) else ""
    said = i == 0 and after in ("：", ":")  # 姜山：… opens what a person says
    return before in BEFORE or after in AFTER or _role(before, tag) or said


def _role(word: str, tag: str) -> bool:
    """A noun for what someone is or does (总监, 副总裁, 老师傅): the name after it is theirs."""
    return tag == "n" and len(word) >= 2 and word[-1] in ROLE_END


def _piece_of_name(word: str, flag: str) -> bool:
    """Whether a token may start a name the segmenter cut: short, and a name's tag or a guess."""
    return len(word) <= 3 and (flag.startswith("nr") or not segmenter().has_word(word))


def _title(tokens: Sequence[tuple[str, str]], i: int) -> tuple[Piece, int] | None:
    """A surname and a form of address: one token (林先生) or a lone surname before it (罗|总和)."""
    word = tokens[i][0]
    if not surname_cut(word[:2]):
        return None
    following = tokens[i + 1][0] if i + 1 < len(tokens) else ""
    for title in TITLES:
        cut = surname_cut(word[: -len(title)]) if word.endswith(title) else 0
        if cut and cut + len(title) == len(word):
            return Piece(word, "nr", "title", cut), 1
        if len(word) <= 2 and surname_cut(word) == len(word) and following.startswith(title):
            return Piece(word + title, "nr", "title", len(word)), 2
    return None
