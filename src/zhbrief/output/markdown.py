"""Brief → Markdown, and the index of briefs; deterministic for the same input and clock."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

from zhbrief.documents import Brief, Entry, Sentence, Translation

FLAG_MARK = "⚠"
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


def front_matter(fields: Mapping[str, object]) -> str:
    """YAML front matter through PyYAML's safe dumper: any title parses back, numbers stay numbers."""
    import yaml

    body = yaml.safe_dump(
        dict(fields), allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 16
    )
    return f"---\n{body}---"


def english(t: Translation) -> str:
    """The escaped English of a sentence, marked when the quality checks flagged it."""
    text = escape_md(t.en) if t.en.strip() else "_(no translation)_"
    return f"{text} {FLAG_MARK}" if t.flags else text


def title_of(brief: Brief) -> str:
    """The brief's English title, falling back to the source file name."""
    if brief.title_en is not None and brief.title_en.en.strip():
        return " ".join(brief.title_en.en.split())
    return brief.article.rel.rsplit("/", 1)[-1]


def render_brief(brief: Brief) -> str:
    """The whole Markdown brief."""
    parts = [front_matter(brief_fields(brief)), "", f"# {escape_md(title_of(brief))}", ""]
    if brief.article.title is not None:
        parts += [f"> {escape_md(brief.article.title.zh)}", ""]
    parts += summary_section(brief) + key_terms_section(brief) + translation_section(brief)
    parts += quality_section(brief)
    return "\n".join(parts).rstrip("\n") + "\n"


def brief_fields(brief: Brief) -> dict[str, object]:
    """The front matter fields, in a fixed order."""
    a = brief.article
    fields: dict[str, object] = {
        "title": title_of(brief),
        "title_zh": a.title.zh if a.title else "",
        "source": a.rel,
        "source_sha256": a.sha256,
        "model": brief.model,
        "summarizer": brief.summarizer,
        "sentences": len(brief.summary),
        "created": brief.created,
        "encoding": a.encoding,
        "script": a.script,
    }
    fields.update({k: v for k, v in sorted(a.meta.items()) if k not in fields and v})
    fields.update({"url": a.provenance.url} if a.provenance.url else {})
    fields["flagged"] = sum(1 for t in _all(brief) if t.flags)
    fields["decoding"] = dict(brief.decoding)
    return fields


def summary_section(brief: Brief) -> list[str]:
    """One bullet per chosen sentence: English, then its Chinese."""
    sentences = brief.article.sentences
    translations = [t for para in brief.body for t in para]
    lines = ["## Summary", ""]
    for i in brief.summary:
        lines += [f"- {english(translations[i])}", f"  > {escape_md(sentences[i].zh)}"]
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
        en = f": {escape_md(term.en)}" if term.en.strip() else ""
        lines.append(f"- {escape_md(term.zh)}{pinyin}{en}")
    return [*lines, ""]


def translation_section(brief: Brief) -> list[str]:
    """Paragraph by paragraph: the English, then the Chinese paragraph as a blockquote."""
    lines = ["## Translation", ""]
    for para, translations in zip(brief.article.paragraphs, brief.body, strict=True):
        lines += [" ".join(english(t) for t in translations), "", f"> {escape_md(para.zh)}", ""]
    return lines


def quality_section(brief: Brief) -> list[str]:
    """Why each marked sentence was flagged, so a reader knows what to check."""
    flagged = [(s, t) for s, t in zip(_sentences(brief), _all(brief), strict=True) if t.flags]
    if not flagged:
        return []
    lines = [
        "## Quality notes",
        "",
        f"{FLAG_MARK} marks a sentence whose translation needs checking:",
        "",
    ]
    for sentence, t in flagged:
        lines.append(f"- {escape_md(sentence.zh)}: {escape_md(', '.join(t.flags))}")
    return [*lines, ""]


def _all(brief: Brief) -> list[Translation]:
    head = [brief.title_en] if brief.title_en is not None else []
    return head + [t for para in brief.body for t in para]


def _sentences(brief: Brief) -> list[Sentence]:
    head = [brief.article.title] if brief.article.title is not None else []
    return head + list(brief.article.sentences)


def render_index(entries: Sequence[Entry]) -> str:
    """output/index.md: every brief, newest first."""
    lines = ["# zhbrief index", ""]
    ordered = sorted(entries, key=lambda e: (e.created, e.output), reverse=True)
    for e in ordered:
        link = quote(e.output)
        tail = f" — {escape_md(e.summary[0])}" if e.summary else ""
        lines.append(f"- [{escape_md(e.title)}]({link}) — {e.created[:10]}{tail}")
    if not entries:
        lines.append("_(no briefs yet)_")
    return "\n".join(lines) + "\n"
