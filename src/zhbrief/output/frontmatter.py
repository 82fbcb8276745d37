"""YAML front matter of a brief: written through PyYAML's safe dumper, read back, and its story
fields (`story`, `same_story`) replaced in a brief already written."""

from __future__ import annotations

from collections.abc import Mapping

from zhbrief.documents import Story


def front_matter(fields: Mapping[str, object]) -> str:
    """YAML front matter through PyYAML's safe dumper: any title parses back, numbers stay numbers."""
    import yaml

    body = yaml.safe_dump(
        dict(fields), allow_unicode=True, sort_keys=False, default_flow_style=False, width=1 << 16
    )
    return f"---\n{body}---"


def story_fields(story: Story) -> dict[str, object]:
    """`story` and `same_story` (the other briefs: file, site, url, published), last in order."""
    others = []
    for m in story.others:
        listed = {"file": m.file, "site": m.site, "url": m.url, "published": m.published}
        if m.script == "traditional":
            listed["script"] = m.script
        others.append({k: v for k, v in listed.items() if v})
    return {"story": story.id, "same_story": others}


def with_story(markdown: str, story: Story) -> str:
    """A brief's Markdown with its story fields replaced: what render_brief gives with `story`."""
    import yaml

    head, body = split_front_matter(markdown)
    fields = yaml.safe_load(head)
    if not isinstance(fields, dict):
        raise ValueError("the brief has no front matter")
    for name in ("story", "same_story"):  # the story fields always come last
        fields.pop(name, None)
    fields.update(story_fields(story))
    return front_matter(fields) + body


def split_front_matter(markdown: str) -> tuple[str, str]:
    """The YAML between a brief's opening and closing `---`, and everything after them."""
    if not markdown.startswith("---\n"):
        raise ValueError("the brief has no front matter")
    head, sep, body = markdown[4:].partition("\n---")
    if not sep:
        raise ValueError("the brief's front matter is not closed")
    return head, body
