"""Each rule of zhbrief's main-text extraction switched off in turn, measured by kind of site.

Usage: python evaluation/extraction_rules.py [--data ../shared/data]

The pages are few, so a rule that only wins on the page it was written for would look good in
the pooled numbers. For every rule this prints, per group (news, blogs, forums, government,
other, gb2312, all), the pooled junk and recall of zhbrief's body with the rule off, next to
all rules on, and how many pages the rule changes at all. A rule worth keeping should help (or
not hurt) in more than one group and on more than one page.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from extraction import KINDS, REPO, Page, Score, load_pages, score
from extractors import zhbrief

from zhbrief.ingest import mainarea

GROUPS = (*KINDS, "gb2312", "all")


def _off(name: str, value: Callable[..., Any]) -> Callable[[], Iterator[None]]:
    """A switch that replaces mainarea.`name` with `value` while it is on."""

    @contextmanager
    def switch() -> Iterator[None]:
        saved = getattr(mainarea, name)
        setattr(mainarea, name, value)
        try:
            yield
        finally:
            setattr(mainarea, name, saved)

    return switch


RULES: dict[str, Callable[[], Any]] = {
    "furniture names (id/class)": _off("believed_names", lambda *a: set()),
    "teasers between links": _off("is_teaser", lambda *a: False),
    "siblings of the span's ends": _off("_with_siblings", lambda lines, span: span),
    "furniture section headings": _off("section_lines", lambda *a: set()),
    "posts after the first": _off("other_posts", lambda *a: set()),
    "link lines and link items": _off("_link_like", lambda line: False),
    "header apart": _off("_header_line", lambda line: False),
}


def bodies(pages: list[Page]) -> dict[str, str]:
    """zhbrief's body of every page, under the switches in force."""
    return {p.name: zhbrief(p.raw, p.name)[1] for p in pages}


def pooled(pages: list[Page], out: dict[str, str], group: str) -> Score:
    """The pooled score of one group."""
    members = [p for p in pages if group == "all" or group in p.groups]
    return sum((score(p.expected, out[p.name]) for p in members), Score())


def main(argv: list[str] | None = None) -> int:
    """Print one row per rule: the groups' junk / recall with the rule off."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    args = parser.parse_args(argv)
    pages = load_pages(args.data.resolve())
    base = bodies(pages)
    print("| rule off | pages changed | " + " | ".join(GROUPS) + " |")
    print("|---|---:|" + "---:|" * len(GROUPS))
    cells = [pooled(pages, base, g).cell() for g in GROUPS]
    print("| (all rules on) | | " + " | ".join(cells) + " |")
    for name, switch in RULES.items():
        with switch():
            out = bodies(pages)
        changed = sum(out[p.name] != base[p.name] for p in pages)
        cells = [pooled(pages, out, g).cell() for g in GROUPS]
        print(f"| {name} | {changed} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
