"""Test doubles shared by the test modules."""

from __future__ import annotations

from collections.abc import Sequence


class FakeEngine:
    """A deterministic engine: 'EN(<n chars>)' plus the Latin tokens of the source; counts calls."""

    name = "fake 1.0"
    built = 0

    def __init__(self, *args: object) -> None:
        FakeEngine.built += 1
        self.calls: list[list[str]] = []

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        self.calls.append(list(sentences))
        return [fake_english(s) for s in sentences]

    def close(self) -> None:
        pass


def fake_english(sentence: str) -> str:
    """A stable stand-in translation that keeps numbers and Latin words, as a good model would."""
    import re

    kept = " ".join(re.findall(r"[A-Za-z0-9][A-Za-z0-9.+%-]*", sentence))
    return f"English of {len(sentence)} characters {kept}".strip() + "."
