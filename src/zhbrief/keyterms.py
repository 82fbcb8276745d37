"""Key terms of an article: jieba keywords with pinyin, Latin proper names kept as written."""

from __future__ import annotations

import re

from zhbrief.documents import Article, KeyTerm
from zhbrief.glossary import lookup, name_parts, plain
from zhbrief.zh import HAN, idf_table, quiet_jieba, stop_words

# Nouns, names, places, organisations, other proper nouns, verbal/abstract nouns.
NOUN_POS = ("n", "nr", "ns", "nt", "nz", "vn", "nrt", "eng")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*\+*")


PROPER_POS = ("nr", "ns", "nt", "nrt")  # person, place, organisation names: capitalised pinyin
PERSON_POS = "nr"  # a Chinese person's name (nrt, transliterated names, read better in English)
MIN_HAN = 2  # one-character words are too ambiguous to be key terms


def key_terms(article: Article, k: int = 8) -> tuple[KeyTerm, ...]:
    """The article's `k` top nouns and names by TF-IDF, with pinyin; Latin names kept as written."""
    if k <= 0:
        return ()
    title = article.title.norm if article.title is not None else ""
    text = "\n".join([title, *(s.norm for s in article.sentences)])
    return tuple(_term(word, flag) for word, flag in _ranked(text)[:k])


def _ranked(text: str) -> list[tuple[str, str]]:
    """Candidate (word, POS) pairs, best TF-IDF first, ties by first occurrence."""
    idf, median = idf_table()
    count: dict[str, int] = {}
    flags: dict[str, str] = {}
    for word, flag in _tagged(text):
        if _is_candidate(word, flag):
            count[word] = count.get(word, 0) + 1
            flags.setdefault(word, flag)
    first = {w: i for i, w in enumerate(count)}  # dicts keep first-occurrence order
    weight = {
        w: c * idf.get(w.lower() if flags[w] == "eng" else w, median) for w, c in count.items()
    }
    return [(w, flags[w]) for w in sorted(count, key=lambda w: (-weight[w], first[w]))]


def _tagged(text: str) -> list[tuple[str, str]]:
    """(word, POS) pairs of a text; Latin names like "GPT-5" kept whole, tagged "eng"."""
    import jieba.posseg

    quiet_jieba()
    pairs: list[tuple[str, str]] = []
    start = 0
    for match in _LATIN.finditer(text):
        pairs += [(p.word, p.flag) for p in jieba.posseg.lcut(text[start : match.start()])]
        pairs.append((match.group(), "eng"))
        start = match.end()
    pairs += [(p.word, p.flag) for p in jieba.posseg.lcut(text[start:])]
    return pairs


def _is_candidate(word: str, flag: str) -> bool:
    """Nouns and names of two or more Han characters, or Latin names of two or more characters."""
    if flag == "eng":
        return len(word) >= 2 and any(c.isalpha() for c in word)
    han = len(HAN.findall(word))
    return flag in NOUN_POS and han >= MIN_HAN and han == len(word) and word not in stop_words()


def _term(word: str, flag: str) -> KeyTerm:
    """A KeyTerm: CC-CEDICT senses, a person's name in pinyin, or left for the model to translate."""
    if flag == "eng":
        return KeyTerm(zh=word, pinyin="", en=word, gloss_source="latin")
    proper = flag in PROPER_POS
    gloss = lookup(word, proper)
    person = flag == PERSON_POS and (gloss is None or gloss.proper)
    if gloss is not None:  # the dictionary knows famous people and jieba's stray "names" (谷歌)
        syllables = list(gloss.syllables)
        reading = " ".join(name_parts(word, syllables)) if person else _format(syllables, proper)
        return KeyTerm(word, reading, "; ".join(gloss.senses), "dictionary")
    if person:
        parts = name_parts(word, _syllables(word))
        return KeyTerm(word, " ".join(parts), plain(" ".join(parts)), "name")
    return KeyTerm(zh=word, pinyin=pinyin(word, proper=proper))


def pinyin(word: str, proper: bool = False) -> str:
    """Tone-marked pinyin, long words in two-syllable chunks ("Běijīng Dàxué", "xī'ān")."""
    return _format(_syllables(word), proper)


def _syllables(word: str) -> list[str]:
    """Tone-marked syllables of a word, by pypinyin."""
    from pypinyin import Style, lazy_pinyin

    return list(lazy_pinyin(word, style=Style.TONE, errors="default"))


def _format(syllables: list[str], proper: bool) -> str:
    """Syllables joined into words; most 4- and 6-character compounds are pairs of two."""
    syllables = [s.lower() for s in syllables]  # CC-CEDICT capitalises names syllable by syllable
    size = 2 if len(syllables) >= 4 else max(len(syllables), 1)
    chunks = [_join(syllables[i : i + size]) for i in range(0, len(syllables), size)]
    return " ".join(c[:1].upper() + c[1:] if proper else c for c in chunks)


def _join(syllables: list[str]) -> str:
    """Syllables as one word, with an apostrophe before a vowel-initial one (xī'ān)."""
    joined = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        joined += ("'" if syllable[:1] in "aāáǎàoōóǒòeēéěè" else "") + syllable
    return joined
