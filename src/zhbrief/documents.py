"""The plain values that flow between stages: Document → Cleaned → Article → Translation → Brief."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input file, before cleaning."""

    rel: str  # path relative to the input folder, POSIX separators
    sha256: str  # of the raw bytes
    text: str  # decoded text; for HTML, the extracted main text with blank lines between paragraphs
    encoding: str  # e.g. "utf-8", "gb18030", "big5"
    kind: Literal["text", "html"] = "text"
    meta: Mapping[str, str] = field(default_factory=dict)  # title, date, author, site, ...


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Text with page furniture removed, and what was removed."""

    text: str
    removed: tuple[str, ...] = ()  # the lines taken out, for the verbose log
    meta: Mapping[str, str] = field(
        default_factory=dict
    )  # date, source, dateline found in the text


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: the original text and the Simplified form the models read."""

    zh: str  # exactly as in the article (may be Traditional)
    norm: str  # Simplified Chinese, what is translated and summarized


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph; joining its sentences' `zh` gives back its text exactly."""

    sentences: tuple[Sentence, ...]
    kind: Literal["text", "heading"] = "text"  # a subheading: translated, never summarized

    @property
    def zh(self) -> str:
        """The paragraph's original text."""
        return "".join(s.zh for s in self.sentences)


@dataclass(frozen=True, slots=True)
class Provenance:
    """What a page says about itself; empty strings where it says nothing."""

    url: str = ""  # canonical, og:url, or the URL it was fetched from
    site: str = ""  # the site's name as the page gives it
    author: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or date-time


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, segmented article."""

    rel: str
    sha256: str
    title: Sentence | None
    paragraphs: tuple[Paragraph, ...]
    encoding: str = "utf-8"
    script: Literal["simplified", "traditional"] = "simplified"
    meta: Mapping[str, str] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    provenance: Provenance = Provenance()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Body sentences in document order (the title excluded)."""
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True, slots=True)
class Translation:
    """The English of one sentence, with quality flags computed on the output."""

    en: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A keyword of the article with its pinyin and English."""

    zh: str  # Simplified, as translated and looked up
    pinyin: str
    en: str = ""
    # where `en` comes from: CC-CEDICT senses, a person's name in pinyin, the Latin form, the model
    gloss_source: Literal["engine", "dictionary", "name", "latin"] = "engine"
    # a word, a person's name, a surname with a form of address (林先生), a Latin-script name
    kind: Literal["term", "person", "title", "latin"] = "term"
    written: str = ""  # the article's own form when it differs (a Traditional article)

    @property
    def shown(self) -> str:
        """The term as the article writes it."""
        return self.written or self.zh


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything the renderer needs for one article."""

    article: Article
    title_en: Translation | None
    body: tuple[tuple[Translation, ...], ...]  # per paragraph, per sentence
    summary: tuple[int, ...]  # indices into article.sentences, document order
    key_terms: tuple[KeyTerm, ...]
    model: str  # "name version"
    summarizer: str
    decoding: Mapping[str, object]
    created: str  # ISO 8601 UTC


@dataclass(frozen=True, slots=True)
class Entry:
    """What an index, feed or digest shows of one brief; kept in the store between runs."""

    output: str  # the Markdown brief's path inside the output folder
    rel: str  # the source's path inside the input folder
    title: str  # English
    title_zh: str
    summary: tuple[str, ...]  # English summary sentences, document order
    summary_zh: tuple[str, ...]
    created: str  # when the brief was made, ISO 8601 UTC
    url: str = ""
    site: str = ""
    author: str = ""
    published: str = ""  # ISO date from the page, when it gives one
    key_terms: tuple[str, ...] = ()  # Chinese key terms
    chars: int = 0  # length of the article body in characters
    flagged: int = 0  # sentences whose translation was flagged

    @property
    def day(self) -> str:
        """YYYY-MM-DD of publication, or of processing when the page gives no date."""
        return (self.published or self.created)[:10]
