"""The plain values that flow between stages: Document → Cleaned → Article → Translation → Brief."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page or a text says about itself, as found; empty strings where it says nothing."""

    title: str = ""
    url: str = ""  # the canonical link, og:url, or a 原文链接： line
    site: str = ""  # the site's name as the page gives it, or the suffix cut from its title
    author: str = ""
    date: str = ""  # YYYY-MM-DD when understood, else as written
    source: str = ""  # a scraped text's 来源： line
    dateline: str = ""  # an agency dateline opening the text (新华社北京9月5日电)

    def overridden_by(self, other: PageMeta) -> PageMeta:
        """These values, with every value `other` gives taking the place of this one's."""
        given = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
        return replace(self, **given)


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded input file, before cleaning."""

    rel: str  # path relative to the input folder, POSIX separators
    sha256: str  # of the raw bytes
    text: str  # decoded text; for HTML, the extracted main text with blank lines between paragraphs
    encoding: str  # e.g. "utf-8", "gb18030", "big5"
    kind: Literal["text", "html"] = "text"
    meta: PageMeta = PageMeta()
    replaced: int = 0  # invalid byte sequences read as U+FFFD (a few per thousand at most)
    removed: tuple[str, ...] = ()  # lines taken out before cleaning (a site's template lines)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Text with page furniture removed, and what was removed."""

    text: str
    removed: tuple[str, ...] = ()  # the lines taken out, for the verbose log
    meta: PageMeta = PageMeta()  # date, source, url and dateline found in the text


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
    meta: PageMeta = PageMeta()
    removed: tuple[str, ...] = ()
    provenance: Provenance = Provenance()
    replaced: int = 0  # invalid byte sequences of the source read as U+FFFD

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Body sentences in document order (the title excluded)."""
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True, slots=True)
class Translation:
    """The English of one sentence, with quality flags computed on the output."""

    en: str
    flags: tuple[str, ...] = ()
    score: float | None = None  # the engine's normalised log-probability, when it gives one


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
class StoryMember:
    """Another brief of the same story, as a brief's front matter lists it."""

    file: str  # its Markdown brief, a path inside the output folder
    site: str = ""
    url: str = ""
    published: str = ""
    script: Literal["simplified", "traditional"] = "simplified"


@dataclass(frozen=True, slots=True)
class Story:
    """The story a brief belongs to: its stable id, and the story's other briefs."""

    id: str  # the id of the story's first brief (a story of one: the brief's own)
    others: tuple[StoryMember, ...] = ()


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
    story: Story | None = None  # None: a brief made before stories (rendered without them)

    @property
    def english(self) -> tuple[Translation, ...]:
        """The body's translations in sentence order: index for index with article.sentences."""
        return tuple(t for para in self.body for t in para)

    @property
    def flagged(self) -> int:
        """How many translated sentences, the title included, carry a quality flag."""
        title = self.title_en is not None and bool(self.title_en.flags)
        return sum(1 for t in self.english if t.flags) + title


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
    # index for index with key_terms (empty in entries an older zhbrief kept): what search matches
    key_pinyin: tuple[str, ...] = ()
    key_glosses: tuple[str, ...] = ()
    story: str = ""  # the id of its story ("": made before stories, a story of its own)
    script: Literal["simplified", "traditional"] = "simplified"

    @property
    def day(self) -> str:
        """YYYY-MM-DD of publication, or of processing when the page gives no date."""
        return (self.published or self.created)[:10]
