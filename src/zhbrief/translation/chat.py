"""The OpenAI-compatible chat engine: numbered sentences to `/v1/chat/completions` (llama.cpp's
llama-server, vLLM, Ollama, …), answers read back strictly by their numbers.

The prompt is fixed (PROMPT, documented in docs/engines.md; PROMPT_VERSION names it in the
cache key), the temperature 0. An answer is taken for a sentence only when the reply numbers
it exactly once, in order, with its neighbours answered too; a sentence whose answer is
missing, merged (a neighbour missing), repeated or out of order is asked again on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhbrief.errors import EngineError
from zhbrief.translation.remote import Remote
from zhbrief.translation.servers import Server

BATCH = 8  # sentences per request: short enough that a model keeps the numbering
PROMPT = (
    "You translate Chinese news into English. The user sends numbered Chinese sentences, one "
    "per line. Translate each sentence faithfully and completely into English: keep every "
    "name, number, date and unit, add nothing, leave nothing out, and never merge or split "
    "sentences. Answer with exactly one line per sentence, in the same order, each starting "
    "with the sentence's number, a full stop and a space (1. …), and nothing else: no notes, "
    "no Chinese, no blank lines."
)
LINE = re.compile(r"\s*(\d{1,4})\s*[.．)、:：]\s*(.*\S)?\s*$")
THINKING = re.compile(r"<think>.*?</think>", re.S)  # reasoning models' preamble, not an answer


def numbered(sentences: Sequence[str]) -> str:
    """The user message: each sentence on its own numbered line."""
    return "\n".join(f"{i}. {' '.join(s.split())}" for i, s in enumerate(sentences, 1))


def read_answers(reply: str, count: int) -> dict[int, str]:
    """The answers a reply gives for sentences 1..count that can be trusted, by number.

    Kept: a number answered once, never after a higher one, on a line of its own (no text
    running on below it), whose neighbours are answered too (else it may hold theirs).
    """
    lines = [line for line in THINKING.sub("", reply).splitlines() if line.strip()]
    found: dict[int, str] = {}
    doubtful: set[int] = set()
    highest = 0
    for line in lines:
        match = LINE.fullmatch(line)
        if match is None:  # text under an answer: it may run on into the next sentence
            doubtful.add(highest)
            continue
        n, text = int(match[1]), (match[2] or "").strip()
        if n in found or n <= highest or n > count or not text:
            doubtful.update({n, highest})  # repeated, out of order, unknown or empty
        found.setdefault(n, text)
        highest = max(highest, n)
    if any(n > count for n in found):  # more answers than sentences: the numbering slipped
        return {}
    answered = set(found) - doubtful
    edges = {0, count + 1}
    return {n: found[n] for n in answered if {n - 1, n + 1} <= answered | edges}


def read_alone(reply: str) -> str:
    """The answer to a single sentence: from its line numbered 1 on (a line before it is a
    preamble), or the whole reply when it has no number; on one line."""
    lines = [line.strip() for line in THINKING.sub("", reply).splitlines() if line.strip()]
    first = [i for i, line in enumerate(lines) if (m := LINE.fullmatch(line)) and m[1] == "1"]
    if first:
        match = LINE.fullmatch(lines[first[0]])
        lines = [(match[2] or "") if match else "", *lines[first[0] + 1 :]]
    return " ".join(line for line in lines if line).strip()


class ChatEngine:
    """An OpenAI-compatible chat server, asked with the fixed prompt at temperature 0."""

    def __init__(self, server: Server, remote: Remote | None = None) -> None:
        self.server = server
        self.name = server.label
        self.remote = remote or Remote(server)
        base = server.url.rstrip("/")
        self.url = (
            f"{base}/chat/completions" if base.endswith("/v1") else f"{base}/v1/chat/completions"
        )

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        batches = [list(sentences[i : i + BATCH]) for i in range(0, len(sentences), BATCH)]
        answers = self.remote.in_parallel(self._batch, batches)
        return [en for batch in answers for en in batch]

    def close(self) -> None:
        """Nothing is held between batches."""

    def _batch(self, batch: list[str]) -> list[str]:
        """One batch: asked together, then each sentence without a trusted answer alone."""
        found = read_answers(self._ask(batch), len(batch)) if len(batch) > 1 else {}
        again = [i for i in range(1, len(batch) + 1) if i not in found]
        for i in again:
            found[i] = self._alone(batch[i - 1])
        return [found[i] for i in range(1, len(batch) + 1)]

    def _alone(self, sentence: str) -> str:
        """A sentence asked on its own."""
        english = read_alone(self._ask([sentence]))
        if not english:
            raise EngineError(f"{self.name} gave no translation of {sentence[:40]!r}")
        return english

    def _ask(self, sentences: list[str]) -> str:
        """The reply's text to the numbered sentences."""
        payload: dict[str, object] = {
            "model": self.server.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": PROMPT},
                {"role": "user", "content": numbered(sentences)},
            ],
        }
        answer = self.remote.post_json(self.url, payload)
        try:
            content = answer["choices"][0]["message"]["content"]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            raise EngineError(f"{self.name}: {self.url} gave no chat answer") from None
        if not isinstance(content, str):
            raise EngineError(f"{self.name}: {self.url} gave no text")
        return content
