"""Subheadings: short lines between paragraphs that name a section rather than say something.

This is the one rule set for subheadings: the brief's ### headings and the summarizer's
sections both come from it (Paragraph.kind == "heading").
"""

from __future__ import annotations

from zhbrief.ingest.shape import heading_shaped, reads_as_prose


def heading_flags(paragraphs: tuple[str, ...]) -> tuple[bool, ...]:
    """Which body paragraphs are subheadings: a short unfinished line, or a lone question,
    with prose after it and something before it; a run of short lines is a list, not headings.
    """
    short = [heading_shaped(p) for p in paragraphs]
    flags = []
    for i, shaped in enumerate(short):
        inside = 0 < i < len(paragraphs) - 1
        flags.append(
            shaped
            and inside
            and not short[i - 1]
            and reads_as_prose(paragraphs[i + 1] if inside else "")
        )
    return tuple(flags)
