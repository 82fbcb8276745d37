"""Characters no output may carry: C0 and C1 controls (ESC recolours a terminal on `cat`) and
the bidi overrides and isolates that reorder what a reader sees. Text loses them where it enters
(decoding, page metadata); a file name holding one (or a line break, a tab) is refused."""

from __future__ import annotations

import re

# every line break spelling becomes "\n"; tab and newline are the only controls text keeps
_BREAKS = re.compile("\r\n?|[\f\v\x85]")
_BIDI = "\u202a-\u202e\u2066-\u2069"
_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_IN_NAMES = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")


def drop_controls(text: str) -> str:
    """`text` with line breaks as "\\n" and every other control or bidi override removed."""
    return _IN_TEXT.sub("", _BREAKS.sub("\n", text))


def bad_in_name(name: str) -> bool:
    """Whether a file name holds a control character (a tab, a line break) or a bidi override."""
    return _IN_NAMES.search(name) is not None


def escaped(name: str) -> str:
    """`name` with each character `bad_in_name` finds written as an escape, to show it safely."""
    return _IN_NAMES.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)
