"""Brief → Markdown, and the index of briefs; deterministic for the same input and clock."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from zhbrief.documents import Article, Brief, Entry, Provenance, Translation
from zhbrief.output.frontmatter import front_matter, story_fields
from zhbrief.output.labels import TITLE, labelled, note_id, sentence_labels
from zhbrief.stories.groups import label as also_label
from zhbrief.stories.groups import shown_once
from zhbrief.translation.quality import HIGH, LOW, level, note

FLAG_MARK = "⚠"  # a likely meaning error
SOFT_MARK = "△"  # worth a look
MARKS = {HIGH: FLAG_MARK, LOW: SOFT_MARK}
SUMMARY_MARK = "★"
_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E"}
# Inline Markdown and HTML that article text must not be able to start.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")
# Block markers that only matter at the start of a line.
_BLOCK_START = re.compile(r"^(\s*)(\d*)([-+=.)])")


def escape_md(text: str) -> str:
    """Escape article text so it renders as text and cannot change the brief's structure."""
    text = _LINE_BREAKS.sub(" ", text)  # one line, or it would start new blocks; other spaces stay
    text = _INLINE.sub(r"\\\1", text)
    match = _BLOCK_START.match(text)
    if match and (match.group(2) == "") != (match.group(3) in ".)"):
        text = f"{match.group(1)}{match.group(2)}\\{text[match.end(2) :]}"
    return text


def flag_mark(flags: tuple[str, ...]) -> str:
    """The mark of a sentence's flags: ⚠ for a likely error, △ worth a look, "" for none."""
    found = level(flags)
    return MARKS[found] if found else ""


def english(t: Translation, label: str = "") -> str:
    """The escaped English of a sentence; a flagged one ends with ⚠ or △, a link to its note."""
    text = escape_md(t.en) if t.en.strip() else "_(no translation)_"
    mark = flag_mark(t.flags)
    if not mark:
        return text
    return f"{text} [{mark}](#{note_id(label)})" if label else f"{text} {mark}"


def title_of(brief: Brief) -> str:
    """The brief's English title, falling back to the source file name."""
    if brief.title_en is not None and brief.title_en.en.strip():
        return " ".join(brief.title_en.en.split())
    return brief.article.rel.rsplit("/", 1)[-1]


def render_brief(brief: Brief) -> str:
    """The whole Markdown brief."""
    title = escape_md(title_of(brief))
    if brief.title_en is not None and brief.title_en.flags:
        title = f"{title} [{flag_mark(brief.title_en.flags)}](#{note_id(TITLE)})"
    parts = [front_matter(brief_fields(brief)), "", f"# {title}", ""]
    if brief.article.title is not None:
        parts += [f"> {escape_md(brief.article.title.zh)}", ""]
    parts += byline(brief.article.provenance)
    parts += summary_section(brief) + key_terms_section(brief) + translation_section(brief)
    parts += quality_section(brief)
    return "\n".join(parts).rstrip("\n") + "\n"


def brief_fields(brief: Brief) -> dict[str, object]:
    """The front matter fields, in a fixed order."""
    a = brief.article
    fields: dict[str, object] = {
        "title": title_of(brief),
        "title_zh": a.title.zh if a.title else "",
        **provenance_fields(a.provenance),
        "source": a.rel,
        "source_sha256": a.sha256,
        "model": brief.model,
        "summarizer": brief.summarizer,
        "sentences": len(brief.summary),
        "created": brief.created,
        "encoding": a.encoding,
        "script": a.script,
    }
    # the page's date in the text's own form is `published` once understood: say it once
    found = {"date": "" if a.provenance.published else a.meta.date, "dateline": a.meta.dateline}
    fields.update({k: v for k, v in found.items() if v})
    fields["flagged"] = brief.flagged
    fields["decoding"] = dict(brief.decoding)
    if brief.story is not None:
        fields.update(story_fields(brief.story))
    return fields


def provenance_fields(p: Provenance) -> dict[str, str]:
    """Front matter fields for what the page says about itself, only those it says."""
    fields = {"url": p.url, "site": p.site, "author": p.author, "published": p.published}
    return {k: v for k, v in fields.items() if v}


def byline(p: Provenance) -> list[str]:
    """One line under the title: site · author · date · [original](url), where known."""
    parts = [escape_md(x) for x in (p.site, p.author, p.published) if x]
    if p.url:
        url = "".join(_URL_UNSAFE.get(c, c) for c in p.url)
        parts.append(f"[original]({url})")
    return [" · ".join(parts), ""] if parts else []


def summary_section(brief: Brief) -> list[str]:
    """One bullet per chosen sentence: its label, English, then its Chinese."""
    sentences = brief.article.sentences
    translations = brief.english
    labels = sentence_labels(brief)
    lines = ["## Summary", ""]
    for i in brief.summary:
        en = english(translations[i], labels[i])
        lines += [f"- **{labels[i]}** {en}", f"  > {escape_md(sentences[i].zh)}"]
    if not brief.summary:
        lines.append("_(nothing to summarise)_")
    return [*lines, ""]


def key_terms_section(brief: Brief) -> list[str]:
    """Key terms with pinyin and English."""
    if not brief.key_terms:
        return []
    lines = ["## Key terms", ""]
    for term in brief.key_terms:
        pinyin = f" ({escape_md(term.pinyin)})" if term.pinyin else ""
        notes = [n for n in (_KIND_NOTE[term.kind], _SOURCE_NOTE[term.gloss_source]) if n]
        note = f" _({', '.join(notes)})_" if notes else ""
        en = f": {escape_md(term.en)}" if term.en.strip() and term.kind != "latin" else ""
        lines.append(f"- {escape_md(term.shown)}{pinyin}{en}{note}")
    return [*lines, "", GLOSS_KEY, ""]


TRANSLATION_KEY = (
    "Each English sentence is followed by its Chinese original, numbered paragraph.sentence; "
    f"{SUMMARY_MARK} marks the sentences of the summary, {FLAG_MARK} and {SOFT_MARK} link to "
    "quality notes."
)
QUALITY_KEY = (
    f"{FLAG_MARK} marks a likely meaning error, {SOFT_MARK} a sentence worth a look; each note "
    "says which words of the Chinese the English misses or changes:"
)


GLOSS_KEY = (
    "Senses from CC-CEDICT (CC BY-SA 4.0); _(name)_ marks a person's name, _(title)_ a surname "
    "with a form of address, _(Latin)_ a name as the article writes it, _(model)_ the "
    "translation model's English."
)
_KIND_NOTE = {"term": "", "person": "name", "title": "title", "latin": "Latin"}
_SOURCE_NOTE = {"dictionary": "", "latin": "", "name": "", "engine": "model"}


def translation_section(brief: Brief) -> list[str]:
    """Sentence by sentence: label, English, then its Chinese; subheadings as ### headings."""
    lines = ["## Translation", "", TRANSLATION_KEY, ""]
    labels = sentence_labels(brief)
    chosen = set(brief.summary)
    start = 0
    for para, translations in zip(brief.article.paragraphs, brief.body, strict=True):
        rows = range(start, start + len(para.sentences))
        start = rows.stop
        if para.kind == "heading":
            en = " ".join(english(t, labels[i]) for i, t in zip(rows, translations, strict=True))
            lines += [f"### {en}", "", f"> {escape_md(para.zh)}", ""]
            continue
        for i, sentence, t in zip(rows, para.sentences, translations, strict=True):
            mark = f"{SUMMARY_MARK} " if i in chosen else ""
            en = english(t, labels[i])
            lines += [f"**{labels[i]}** {mark}{en}", f"> {escape_md(sentence.zh)}", ""]
    return lines


def decoding_note(article: Article) -> str:
    """What the reader should know of a source read with replaced bytes; "" for a clean one."""
    if not article.replaced:
        return ""
    n = article.replaced
    return (
        f"The source file has {n} invalid byte sequence{'s' if n > 1 else ''} for its encoding "
        f"({article.encoding}): {'they are' if n > 1 else 'it is'} shown as \ufffd in the Chinese."
    )


def quality_section(brief: Brief) -> list[str]:
    """Why each marked sentence was flagged, quoting it, under an anchor its ⚠ links to; and
    whether the source had bytes that could not be read."""
    flagged = [row for row in labelled(brief) if row[2].flags]
    decoding = decoding_note(brief.article)
    if not flagged and not decoding:
        return []
    lines = ["## Quality notes", "", *([escape_md(decoding), ""] if decoding else [])]
    if not flagged:
        return lines
    lines += [QUALITY_KEY, ""]
    for label, sentence, t in flagged:
        anchor = f'<a id="{note_id(label)}"></a>'
        why = escape_md("; ".join(note(f) for f in t.flags))
        zh = escape_md(sentence.zh.strip())
        lines.append(f"- {anchor}**{label}** {flag_mark(t.flags)} “{zh}”: {why}")
    return [*lines, ""]


def render_index(entries: Sequence[Entry]) -> str:
    """output/index.md: every story once by publication day (processing day when unknown),
    newest first, under its lead brief with the story's other briefs after "also:"."""
    lines = ["# zhbrief index", ""]
    shown = sorted(shown_once(entries), key=lambda s: _newest(s.entry), reverse=True)
    day = None
    for story in shown:
        e = story.entry
        if e.day != day:
            lines += ([""] if day else []) + [f"## {e.day or 'undated'}", ""]
            day = e.day
        lines.append(index_line(e, story.also))
    if not entries:
        lines.append("_(no briefs yet)_")
    return "\n".join(lines) + "\n"


def _newest(e: Entry) -> tuple[str, str, str, str]:
    return (e.day, e.published, e.created, e.output)


def index_line(e: Entry, also: Sequence[Entry] = ()) -> str:
    """One story in the index: English title as a link, site, Chinese title, first sentence;
    then "also:" with a link to each other brief of the story."""
    parts = [f"[{escape_md(e.title)}]({quote(e.output)})"]
    parts += [escape_md(x) for x in (e.site, e.title_zh) if x]
    tail = f" — {escape_md(e.summary[0])}" if e.summary else ""
    others = ", ".join(f"[{escape_md(also_label(o))}]({quote(o.output)})" for o in also)
    return f"- {' · '.join(parts)}{tail}" + (f" — also: {others}" if others else "")
