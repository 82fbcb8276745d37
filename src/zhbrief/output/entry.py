"""A brief's Entry: what index, feed and digest show of it (the store keeps it between runs)."""

from __future__ import annotations

from zhbrief.documents import Brief, Entry
from zhbrief.output.markdown import title_of


def entry_of(brief: Brief, output: str) -> Entry:
    """The Entry of a brief written to `output` (a path inside the output folder)."""
    article = brief.article
    sentences = article.sentences
    english = brief.english
    p = article.provenance
    return Entry(
        output=output,
        rel=article.rel,
        title=title_of(brief),
        title_zh=article.title.zh if article.title is not None else "",
        summary=tuple(english[i].en for i in brief.summary),
        summary_zh=tuple(sentences[i].zh for i in brief.summary),
        created=brief.created,
        url=p.url,
        site=p.site,
        author=p.author,
        published=p.published,
        key_terms=tuple(term.zh for term in brief.key_terms),
        chars=sum(len(s.zh) for s in sentences),
        flagged=brief.flagged,
        key_pinyin=tuple(term.pinyin for term in brief.key_terms),
        key_glosses=tuple(term.en if term.kind != "latin" else "" for term in brief.key_terms),
        story=brief.story.id if brief.story is not None else "",
        script=article.script,
    )
