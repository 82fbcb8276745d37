"""A translation server a run asks (LibreTranslate, an OpenAI-compatible chat server): where it
is, which model, its key, and how many requests may be in flight."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ServerKind = Literal["libretranslate", "openai"]
PROMPT_VERSION = 1  # of the chat prompt (translation/chat.py): a new prompt is a new cache


@dataclass(frozen=True, slots=True)
class Server:
    """A translation server: its kind, address, model, key and limits."""

    engine: ServerKind
    url: str  # its base address, e.g. http://127.0.0.1:5000 or http://gpu:8080/v1
    model: str = ""  # the chat model's name (openai); LibreTranslate has none to choose
    api_key: str = field(default="", repr=False)  # read from the environment, never a file
    concurrency: int = 4
    timeout: float = 120.0

    @property
    def label(self) -> str:
        """The engine name: the translation cache key and the brief's `model` (never the key)."""
        if self.engine == "openai":
            return f"openai {self.model} (prompt {PROMPT_VERSION})"
        return f"libretranslate {self.url.rstrip('/')}"

    def identity(self) -> list[str]:
        """What a brief's settings fingerprint takes of the engine."""
        return [self.engine, self.label]

    def meta(self) -> dict[str, object]:
        """The brief's front matter `decoding` for this server."""
        return {"temperature": 0} if self.engine == "openai" else {}
