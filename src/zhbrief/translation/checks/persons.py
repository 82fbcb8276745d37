"""People of the source (terms/names.py finds them) as the English must write them."""

from __future__ import annotations

from zhbrief.terms.names import Piece
from zhbrief.terms.reading import person_name, plain, surname, syllables
from zhbrief.translation.checks.source import Name, foreign

PEOPLE = frozenset(("person", "title"))  # the kinds of piece that are a person of the sentence


def person_of(piece: Piece) -> Name | None:
    """A Chinese person's name as surname and given name in pinyin, both to be in the English;
    a surname and a form of address (郑女士) as the surname alone; None for anything else."""
    if piece.kind not in PEOPLE or not piece.surname:
        return None
    if piece.kind == "title":
        return Name(piece.word, (surname(piece.word[: piece.surname]),), person=True)
    parts = tuple(plain(p) for p in person_name(piece.word, piece.surname))
    read = tuple(plain(s).casefold() for s in syllables(piece.word, piece.surname))
    sound = read if foreign(piece.word) else ()  # 康威 may be Conway
    return Name(piece.word, parts, person=True, sound=sound)
