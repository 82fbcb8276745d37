"""Stable names for the sentences of a brief: "2.3" is paragraph 2, sentence 3; "title"."""

from __future__ import annotations

from zhbrief.documents import Brief, Sentence, Translation

TITLE = "title"


def sentence_labels(brief: Brief) -> list[str]:
    """The label of every body sentence, in document order (indices as in article.sentences)."""
    return [
        f"{p}.{s}"
        for p, para in enumerate(brief.article.paragraphs, 1)
        for s in range(1, len(para.sentences) + 1)
    ]


def labelled(brief: Brief) -> list[tuple[str, Sentence, Translation]]:
    """(label, sentence, translation) for the title, when there is one, and every body sentence."""
    rows = []
    if brief.article.title is not None and brief.title_en is not None:
        rows.append((TITLE, brief.article.title, brief.title_en))
    body = zip(sentence_labels(brief), brief.article.sentences, brief.english, strict=True)
    return rows + list(body)


def note_id(label: str) -> str:
    """The HTML id of a sentence's line in `## Quality notes`; stable across runs."""
    return "note-" + label.replace(".", "-")
