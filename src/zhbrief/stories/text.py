"""The text a story is recognised by, and its character shingles.

Body sentences in their Simplified form (a Traditional copy folds to the same text, Taiwan's
words too: 軟體 reads 软件), without
the title, an editor's note, bylines, datelines, captions and furniture lines; only Han characters, letters and
digits are kept (NFKC: full-width digits as ASCII), so punctuation, quotes and spacing that
differ between sites do not count.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata

from zhbrief.documents import Article
from zhbrief.ingest.shape import EDITOR_NOTE, without_openers
from zhbrief.ingest.units import sentence_rule
from zhbrief.zh import to_mainland

SHINGLE = 5  # characters: two or three Chinese words, rare enough to tell stories apart
# sentence kinds that are a site's, not the story's (units.py names them)
NOT_STORY = frozenset({"byline", "dateline", "caption", "credit", "editor", "source", "share"})
_KEEP = re.compile(r"[^\W_]+")


def story_text(article: Article) -> str:
    """The article's body as a story is compared: Simplified, no furniture, letters only."""
    parts = []
    traditional = article.script == "traditional"
    for paragraph in article.paragraphs:
        sentences = paragraph.sentences
        if EDITOR_NOTE.match(sentences[0].norm):
            continue  # the reposting site's note above the text
        for sentence in sentences:
            if sentence_rule(sentence.norm) in NOT_STORY:
                continue
            simplified = to_mainland(sentence.zh) if traditional else sentence.norm
            parts.append(letters(without_openers(simplified)))
    return "".join(parts)


def letters(text: str) -> str:
    """Only the letters and digits of `text` (Han included), NFKC and lower case."""
    return "".join(_KEEP.findall(unicodedata.normalize("NFKC", text).lower()))


def shingles(text: str, size: int = SHINGLE) -> frozenset[str]:
    """Every run of `size` characters (the whole text when shorter)."""
    if len(text) <= size:
        return frozenset((text,)) if text else frozenset()
    return frozenset(text[i : i + size] for i in range(len(text) - size + 1))


def hash32(shingle: str) -> int:
    """A shingle's 32-bit hash: the first four bytes of its SHA-1 (datasketch's sha1_hash32)."""
    return int(struct.unpack("<I", hashlib.sha1(shingle.encode("utf-8")).digest()[:4])[0])
