"""Brief → its reading page through Jinja2 templates (autoescaped); helpers every page shares."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from zhbrief.documents import Brief, KeyTerm
from zhbrief.layout import SITE, brief_of_page
from zhbrief.output.labels import labelled, note_id
from zhbrief.output.markdown import (
    FLAG_MARK,
    SOFT_MARK,
    SUMMARY_MARK,
    decoding_note,
    flag_mark,
    title_of,
)
from zhbrief.translation.quality import level, note

if TYPE_CHECKING:
    import jinja2

STYLESHEET = "style.css"
# Package data beside this module (pyproject's package-data ships it in every install).
TEMPLATES = Path(__file__).with_name("templates")
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")
# Characters no reader needs and a hostile article may carry: C0 and C1 controls (tab and line
# feed aside), bidi embeddings, overrides, isolates and marks (they reorder what is shown), and
# what XML 1.0 cannot hold. The site's renderers drop them from every value they write.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


@dataclass(frozen=True, slots=True)
class Pair:
    """One sentence: its English, flags and the Chinese cut into plain text and key terms."""

    label: str  # "title", else paragraph.sentence as in the Markdown brief ("2.3")
    en: str
    flags: tuple[str, ...]
    zh: tuple[tuple[str, KeyTerm | None], ...]
    mark: str = ""  # ⚠, △ or "", as in the Markdown
    level: str = ""  # "high", "low" or "": the mark's CSS class
    notes: tuple[str, ...] = ()  # what each flag says to a reader
    star: bool = False  # a sentence of the summary (★)

    @property
    def anchor(self) -> str:
        """The HTML id of the sentence's row: `s-2-3`, `s-title`."""
        return "s-" + self.label.replace(".", "-")

    @property
    def note(self) -> str:
        """The HTML id of its quality note, the same as the Markdown's (`note-2-3`)."""
        return note_id(self.label)


def plain(text: str) -> str:
    """Article text without the characters UNSAFE names."""
    return UNSAFE.sub("", text)


def href(path: str) -> str:
    """A relative path as a link: every segment percent-encoded, slashes kept."""
    return quote(path, safe="/")


def root_of(page: str) -> str:
    """The relative path from a page back to the site folder ("" or "../../")."""
    return "../" * (len(PurePosixPath(page).parts) - 1)


def relative(target: str, page: str) -> str:
    """The path from the file `page` to the file `target`, both inside the output folder."""
    # not posixpath.relpath: it asks the working folder twice a call, a tenth of a long publish
    *folders, name = target.split("/")
    here = page.split("/")[:-1]
    same = 0
    while same < min(len(folders), len(here)) and folders[same] == here[same]:
        same += 1
    return "/".join([".."] * (len(here) - same) + folders[same:] + [name])


def safe_url(url: str) -> str:
    """The URL when it is a plain http(s) address, else "" (no javascript:, data:, breakers)."""
    url = url.strip()
    if not url or _URL_UNSAFE.search(url) or UNSAFE.search(url):
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
    """The Jinja2 environment: package templates, autoescape on, undefined names fail, and
    every value written without the characters UNSAFE names."""
    import jinja2
    import markupsafe

    def finalize(value: object) -> object:
        if isinstance(value, markupsafe.Markup):
            return markupsafe.Markup(plain(value))
        return plain(value) if isinstance(value, str) else value

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
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
    pairs = _pairs(brief)
    title_pair = pairs[0] if pairs and pairs[0].label == "title" else None
    body = pairs[1:] if title_pair is not None else pairs
    paragraphs, start = [], 0
    for para in a.paragraphs:
        paragraphs.append((para.kind, body[start : start + len(para.sentences)]))
        start += len(para.sentences)
    return render(
        "brief.html",
        root=root_of(page),
        markdown=relative(brief_of_page(page), f"{SITE}/{page}"),
        title=title_of(brief),
        title_zh=a.title.zh if a.title is not None else "",
        title_pair=title_pair,
        provenance=a.provenance,
        url=safe_url(a.provenance.url),
        brief=brief,
        summary=[body[i] for i in brief.summary],
        terms=brief.key_terms,
        paragraphs=paragraphs,
        notes=[p for p in pairs if p.flags],
        decoding_note=decoding_note(a),
        marks=(FLAG_MARK, SOFT_MARK, SUMMARY_MARK),
    )


def _pairs(brief: Brief) -> list[Pair]:
    """Every sentence, the title first when there is one, labelled as in the Markdown."""
    rows = labelled(brief)
    offset = len(rows) - len(brief.article.sentences)  # 1 with a title, else 0
    chosen = {i + offset for i in brief.summary}
    return [
        Pair(
            label,
            t.en,
            t.flags,
            mark_terms(s.zh, brief.key_terms),
            flag_mark(t.flags),
            level(t.flags) or "",
            tuple(note(f) for f in t.flags),
            n in chosen,
        )
        for n, (label, s, t) in enumerate(rows)
    ]
