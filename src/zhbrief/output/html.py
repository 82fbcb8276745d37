"""Brief and Entry → HTML pages through Jinja2 templates (autoescaped), for output/site/."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from zhbrief.documents import Brief, Entry, KeyTerm, Sentence, Translation
from zhbrief.output.markdown import FLAG_MARK, SOFT_MARK, decoding_note, flag_mark, title_of
from zhbrief.stories.groups import label as also_label
from zhbrief.stories.groups import shown_once
from zhbrief.translation.quality import level, note

if TYPE_CHECKING:
    import jinja2

STYLESHEET = "style.css"
# Package data beside this module (pyproject's package-data ships it in every install).
TEMPLATES = Path(__file__).with_name("templates")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


@dataclass(frozen=True, slots=True)
class Pair:
    """One sentence: its English, flags and the Chinese cut into plain text and key terms."""

    n: int  # 0 is the title, then body sentences from 1
    en: str
    flags: tuple[str, ...]
    zh: tuple[tuple[str, KeyTerm | None], ...]
    mark: str = ""  # ⚠, △ or "", as in the Markdown
    level: str = ""  # "high", "low" or "": the mark's CSS class
    notes: tuple[str, ...] = ()  # what each flag says to a reader


def href(path: str) -> str:
    """A relative path as a link: every segment percent-encoded, slashes kept."""
    return quote(path, safe="/")


def root_of(page: str) -> str:
    """The relative path from a page back to the site folder ("" or "../../")."""
    return "../" * (len(PurePosixPath(page).parts) - 1)


def safe_url(url: str) -> str:
    """The URL when it is a plain http(s) address, else "" (no javascript:, data:, breakers)."""
    url = url.strip()
    if not url or _URL_UNSAFE.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def mark_terms(text: str, terms: Sequence[KeyTerm]) -> tuple[tuple[str, KeyTerm | None], ...]:
    """Cut text into runs of plain text and key-term occurrences, longest term first."""
    # as the article writes them (Traditional too); Latin names need no gloss
    usable = sorted(
        (t for t in terms if t.shown and t.kind != "latin"), key=lambda t: -len(t.shown)
    )
    if not usable:
        return ((text, None),)
    by_zh = {t.shown: t for t in usable}
    pattern = re.compile("|".join(re.escape(t.shown) for t in usable))
    runs: list[tuple[str, KeyTerm | None]] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            runs.append((text[last : match.start()], None))
        runs.append((match.group(0), by_zh[match.group(0)]))
        last = match.end()
    if last < len(text):
        runs.append((text[last:], None))
    return tuple(runs)


def gloss(term: KeyTerm) -> str:
    """What hovering or focusing a key term shows: pinyin and gloss (a Latin name: nothing)."""
    en = term.en.strip() if term.kind != "latin" else ""
    return " — ".join(part for part in (term.pinyin, en) if part)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja2 environment: package templates, autoescape on, undefined names fail."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["href"] = href
    env.filters["gloss"] = gloss
    return env


def stylesheet() -> str:
    """The one stylesheet, copied to output/site/style.css."""
    return (TEMPLATES / STYLESHEET).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script and no other."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render(template: str, **context: Any) -> str:
    """Render one template of the package with this context."""
    return environment().get_template(template).render(**context)


def render_page(brief: Brief, page: str) -> str:
    """The reading page of one brief: provenance, summary, key terms, aligned columns, notes."""
    a = brief.article
    terms = brief.key_terms
    pairs = _pairs(brief)
    title_pair = pairs[0] if a.title is not None and brief.title_en is not None else None
    body = pairs[1:] if title_pair is not None else pairs
    paragraphs, start = [], 0
    for para in a.paragraphs:
        paragraphs.append((para.kind, body[start : start + len(para.sentences)]))
        start += len(para.sentences)
    return render(
        "brief.html",
        root=root_of(page),
        title=title_of(brief),
        title_zh=a.title.zh if a.title is not None else "",
        title_pair=title_pair,
        provenance=a.provenance,
        url=safe_url(a.provenance.url),
        brief=brief,
        summary=[body[i] for i in brief.summary],
        terms=terms,
        paragraphs=paragraphs,
        notes=[p for p in pairs if p.flags],
        decoding_note=decoding_note(a),
        marks=(FLAG_MARK, SOFT_MARK),
    )


def _pairs(brief: Brief) -> list[Pair]:
    sentences: list[Sentence] = list(brief.article.sentences)
    english: list[Translation] = list(brief.english)
    offset = 1
    if brief.article.title is not None and brief.title_en is not None:
        sentences.insert(0, brief.article.title)
        english.insert(0, brief.title_en)
        offset = 0
    return [
        Pair(
            n + offset,
            t.en,
            t.flags,
            mark_terms(s.zh, brief.key_terms),
            flag_mark(t.flags),
            level(t.flags) or "",
            tuple(note(f) for f in t.flags),
        )
        for n, (s, t) in enumerate(zip(sentences, english, strict=True))
    ]


def index_script() -> str:
    """The index's inline search script (no network: it filters what the page holds)."""
    return render("search.js")


def render_index(entries: Sequence[Entry], links: Mapping[str, str]) -> str:
    """output/site/index.html: stories by day, newest first, each once under its lead brief with
    links to its other briefs ("also:"), and a search box."""
    shown = shown_once(entries)
    ordered = sorted(
        shown, key=lambda s: (s.entry.day, s.entry.created, s.entry.output), reverse=True
    )
    days = [(day, list(group)) for day, group in groupby(ordered, key=lambda s: s.entry.day)]
    script = index_script()
    return render(
        "index.html",
        root="",
        days=days,
        links=links,
        script=script,
        script_src=script_hash(script),
        safe_url=safe_url,
        also_label=also_label,
    )
