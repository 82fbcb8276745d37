"""Key terms of an article: words that carry the story, people's names whole, Latin names as written."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from zhbrief.documents import Article, KeyTerm, Sentence
from zhbrief.glossary import lookup, person
from zhbrief.terms import lexicon
from zhbrief.terms.compounds import BREAK as _BREAK
from zhbrief.terms.compounds import compounds
from zhbrief.terms.cues import TITLES
from zhbrief.terms.names import Piece, settle
from zhbrief.terms.reading import by_capitals, formatted, name_parts, pinyin, plain, syllables
from zhbrief.terms.sentence import pieces
from zhbrief.zh import HAN

# Nouns, places, organisations, other proper nouns, verbal and abstract nouns.
NOUN_POS = frozenset({"n", "ns", "nt", "nz", "vn", "nrt", "nr", "nrfg", "eng"})
VERB_POS = frozenset({"v", "vd", "a"})
RARE_IDF = 8.0  # jieba's IDF above which a verb is rare in news (表示 3.9, 发布 5.1, 蒸馏 9.0)
PROPER_POS = frozenset({"ns", "nt", "nz"})  # may take a place's or a body's dictionary entry
MIN_HAN = 2  # one-character words are too ambiguous to be key terms


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A candidate term: its first piece (kind, surname length) and how often it occurs."""

    piece: Piece
    count: int
    first: int


def key_terms(article: Article, k: int = 8) -> tuple[KeyTerm, ...]:
    """The article's `k` terms worth a reader's attention, best TF-IDF first, glossed."""
    if k <= 0:
        return ()
    sentences = [article.title] if article.title is not None else []
    sentences += article.sentences
    context = "\n".join(s.norm for s in sentences)
    ranked = _collapsed(_ranked(_pieces(sentences)), context, k)
    return tuple(_term(c.piece, context, sentences) for c in ranked)


def in_english(
    terms: Sequence[KeyTerm], article: Article, english: Mapping[str, str]
) -> tuple[KeyTerm, ...]:
    """Dictionary senses reordered by the English of the sentences using each term.

    `english` maps a sentence's Simplified text to its translation; a sense whose words the
    translation uses comes first (工艺 in "the 7 nm process": "industrial arts", not crafts).
    """
    sentences = [article.title] if article.title is not None else []
    sentences += article.sentences
    context = "\n".join(s.norm for s in sentences)
    out = []
    for term in terms:
        if term.gloss_source == "dictionary" and term.kind == "term":
            said = " ".join(english.get(s.norm, "") for s in sentences if term.zh in s.norm)
            gloss = lookup(term.zh, term.pinyin[:1].isupper(), context, said)
            term = replace(term, en="; ".join(gloss.senses)) if gloss else term
        out.append(term)
    return tuple(out)


def _pieces(sentences: Sequence[Sentence]) -> list[Piece]:
    """Every sentence's pieces (people whole, Latin names whole), and the article's compounds."""
    found = settle([p for s in sentences for p in [*pieces(s.norm), _BREAK]])
    return found + compounds(found)


def _ranked(pieces: Iterable[Piece]) -> list[_Candidate]:
    """Candidates, best TF-IDF first, ties by first occurrence."""
    counts: dict[str, int] = {}
    firsts: dict[str, Piece] = {}
    for piece in pieces:
        if _is_candidate(piece):
            counts[piece.word] = counts.get(piece.word, 0) + 1
            firsts.setdefault(piece.word, piece)
    found = [_Candidate(firsts[w], n, i) for i, (w, n) in enumerate(counts.items())]
    median = lexicon.median_idf()

    def weight(c: _Candidate) -> float:
        word = c.piece.word.lower() if c.piece.flag == "eng" else c.piece.word
        value = lexicon.idf(word)
        if c.piece.kind:  # how often a corpus wrote a name says nothing of its weight here
            return c.count * max(median, value or 0.0)
        return c.count * (median if value is None else value)

    return sorted(found, key=lambda c: (-weight(c), c.first))


def _is_candidate(piece: Piece) -> bool:
    """People, titles, nouns of two or more Han characters, Latin names of two or more letters."""
    if piece.flag == "eng":
        return len(piece.word) >= 2 and any(c.isalpha() for c in piece.word)
    if piece.kind:
        return True
    han = len(HAN.findall(piece.word))
    if han < MIN_HAN or han != len(piece.word):
        return False
    if piece.flag in ("nr", "nrfg", "nrt") and not _known(piece.word):
        return False  # a "name" that is neither a person nor a word: 郦城, 斯坎, 今天上午
    if piece.flag in VERB_POS:  # a rare verb or adjective carries the story (断供); 表示 not
        value = lexicon.idf(piece.word)
        return _known(piece.word) and (value is None or value >= RARE_IDF)
    return piece.flag in NOUN_POS


def _known(word: str) -> bool:
    """Whether CC-CEDICT has the word."""
    return bool(lexicon.entries(word))


def _collapsed(ranked: list[_Candidate], context: str, k: int) -> list[_Candidate]:
    """The first `k` candidates not found only inside a longer one (模型 inside 大模型)."""
    containing: dict[str, list[str]] = {}
    for c in ranked:  # every shorter piece of every candidate: linear in the candidates
        word = c.piece.word
        for size in range(MIN_HAN, min(len(word), 8)):
            for start in range(len(word) - size + 1):
                containing.setdefault(word[start : start + size], []).append(word)
    kept: list[_Candidate] = []
    for c in ranked:
        if len(kept) == k:
            break
        longer = set(containing.get(c.piece.word, ()))
        if not longer or context.count(c.piece.word) > sum(context.count(w) for w in longer):
            kept.append(c)
    return kept


def _term(piece: Piece, context: str, sentences: Sequence[Sentence]) -> KeyTerm:
    """A KeyTerm for a piece: Latin as written, a person, a title, or a glossed word."""
    written = _written(piece.word, sentences)
    if piece.flag == "eng":
        return KeyTerm(piece.word, "", piece.word, "latin", "latin")
    if piece.kind == "person":
        return _person(piece, written)
    if piece.kind == "title":
        return _title(piece, written)
    proper = piece.flag in PROPER_POS
    gloss = lookup(piece.word, proper, context)
    if gloss is None:
        return KeyTerm(piece.word, pinyin(piece.word, proper), written=written)
    syllables_ = list(gloss.syllables)
    reading = by_capitals(syllables_) if gloss.proper else formatted(syllables_, False)
    return KeyTerm(piece.word, reading, "; ".join(gloss.senses), "dictionary", written=written)


def _person(piece: Piece, written: str) -> KeyTerm:
    """A person: CC-CEDICT's English for one it lists, else the name in pinyin, surname first."""
    famous = person(piece.word)
    if famous is not None:
        reading = by_capitals(list(famous.syllables))
        return KeyTerm(piece.word, reading, famous.senses[0], "dictionary", "person", written)
    if not piece.surname:  # a foreign name the dictionary lacks: the model's English
        return KeyTerm(piece.word, pinyin(piece.word, True), kind="person", written=written)
    parts = name_parts(syllables(piece.word, piece.surname), piece.surname)
    return KeyTerm(piece.word, " ".join(parts), plain(" ".join(parts)), "name", "person", written)


def _title(piece: Piece, written: str) -> KeyTerm:
    """A surname and a form of address: "Mr. Lin"."""
    surname, title = piece.word[: piece.surname], piece.word[piece.surname :]
    read = syllables(surname, piece.surname)
    name = plain(name_parts(read, piece.surname)[0])
    reading = f"{formatted(read, True)} {pinyin(title)}"
    return KeyTerm(piece.word, reading, TITLES[title].format(name), "name", "title", written)


def _written(word: str, sentences: Sequence[Sentence]) -> str:
    """The word as the article writes it, when that differs (Traditional); else ""."""
    for sentence in sentences:
        at = sentence.norm.find(word)
        if at >= 0 and len(sentence.zh) == len(sentence.norm):
            shown = sentence.zh[at : at + len(word)]
            return "" if shown == word else shown
    return ""
