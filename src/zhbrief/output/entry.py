"""A brief's Entry (what index, feed and digest show), and its JSON form for the store."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from zhbrief.documents import Brief, Entry
from zhbrief.output.markdown import title_of

TUPLES = frozenset(f.name for f in fields(Entry) if str(f.type).startswith("tuple"))


def entry_of(brief: Brief, output: str) -> Entry:
    """The Entry of a brief written to `output` (a path inside the output folder)."""
    article = brief.article
    sentences = article.sentences
    english = [t for para in brief.body for t in para]
    flagged = sum(1 for t in english if t.flags)
    flagged += bool(brief.title_en is not None and brief.title_en.flags)
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
        flagged=flagged,
    )


def entry_to_json(entry: Entry) -> str:
    """The JSON text the store keeps."""
    return json.dumps(asdict(entry), ensure_ascii=False, sort_keys=True)


def entry_from_json(text: str) -> Entry:
    """An Entry back from the store's JSON (unknown keys ignored, missing ones defaulted)."""
    data = json.loads(text)
    known = {f.name for f in fields(Entry)}
    values: dict[str, Any] = {
        k: tuple(v) if k in TUPLES else v for k, v in data.items() if k in known
    }
    return Entry(**values)
