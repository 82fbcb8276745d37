"""Translate sentences zh→en: decoding settings, the engine protocol, the cache-first driver.

The Argos/CTranslate2 engine itself lives in `argos.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol

from zhbrief.documents import Translation
from zhbrief.errors import EngineError
from zhbrief.translation.quality import quality_flags

log = logging.getLogger("zhbrief")


@dataclass(frozen=True, slots=True)
class Decoding:
    """CTranslate2 decoding settings (defaults explained in the module's tests and report)."""

    beam_size: int = 4
    repetition_penalty: float = 1.1
    no_repeat_ngram_size: int = 0
    max_length_ratio: float = 2.5  # max_decoding_length = ratio * source tokens + extra
    max_length_extra: int = 10
    compute_type: str = "auto"
    threads: int = 0  # 0: every core this process may use
    max_batch_tokens: int = 2048
    device: str = "cpu"  # resolved: "cpu" or "cuda", never "auto"
    inter_threads: int = 0  # 0: chosen from the core count (translation/device.py)

    def fingerprint(self) -> str:
        """A stable string of the settings that change the output (not threads or batching)."""
        fields = self._shaping()
        for speed_only in ("threads", "max_batch_tokens"):
            fields.pop(speed_only)
        return ";".join(f"{k}={v}" for k, v in sorted(fields.items()))

    def as_meta(self) -> dict[str, object]:
        """Every setting with its type (numbers stay numbers), for the brief's front matter."""
        return self._shaping()

    def _shaping(self) -> dict[str, object]:
        # The CPU is the reference device: recorded only when another one (with its own compute
        # types, e.g. float16) may translate differently, so CPU caches and briefs stay as they were.
        fields = asdict(self)
        fields.pop("inter_threads")
        if self.device == "cpu":
            fields.pop("device")
        return fields

    def max_length(self, source_tokens: int) -> int:
        """The decoding length limit for a source of this many tokens."""
        return int(self.max_length_ratio * source_tokens) + self.max_length_extra


class Engine(Protocol):
    """Anything that turns a batch of Chinese sentences into English, one output per input."""

    name: str

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        ...


class SentenceCache(Protocol):
    """Where translations are kept between runs (the store's translation cache)."""

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Cached translations of those `sentences` that have one."""
        ...

    def put_many(self, pairs: Mapping[str, str]) -> None:
        """Store translations at once, so an interrupted run keeps them."""
        ...


@dataclass(slots=True)
class MemoryCache:
    """A SentenceCache over known lines that keeps what is added, for a worker to send back."""

    known: dict[str, str]
    fresh: dict[str, str] = field(default_factory=dict)

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Known translations of those `sentences` that have one."""
        return {s: self.known[s] for s in sentences if s in self.known}

    def put_many(self, pairs: Mapping[str, str]) -> None:
        """Keep new translations."""
        self.known.update(pairs)
        self.fresh.update(pairs)


class LazyEngine:
    """Builds the real engine on first use, so a run with nothing to translate never loads it."""

    def __init__(self, name: str, build: Callable[[], Engine]) -> None:
        self.name = name
        self._build = build
        self._engine: Engine | None = None

    def get(self) -> Engine:
        """The engine, built on first call."""
        if self._engine is None:
            self._engine = self._build()
        return self._engine

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate through the engine, building it first if needed."""
        return self.get().translate_batch(sentences)


def cache_key(engine: Engine, decoding: Decoding) -> str:
    """The translation cache key: engine name plus decoding fingerprint."""
    return f"{engine.name}|{decoding.fingerprint()}"


def _chunked(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


PROGRESS_STEP = 64  # sentences per engine call when a progress bar is shown


def translate_sentences(
    engine: Engine,
    sentences: Sequence[str],
    cache: SentenceCache | None,
    progress: bool = False,
    chunk_size: int = 512,
) -> list[Translation]:
    """Translate `sentences` in order: deduplicated, cache first, misses in bounded chunks."""
    from tqdm import tqdm

    unique = list(dict.fromkeys(s for s in sentences if s.strip()))
    done = cache.get_many(unique) if cache is not None else {}
    misses = [s for s in unique if s not in done]
    # on a terminal, smaller steps so the bar moves while a long run translates; each step is
    # still about one full 2,048-token batch, and a sentence's output never depends on its batch
    step = min(chunk_size, PROGRESS_STEP) if progress else chunk_size
    if len(misses) > step:
        # shortest first, so each chunk holds whole length buckets and ArgosEngine makes a few
        # full batches, not a small one per bucket per chunk (results are keyed; order is free)
        misses.sort(key=len)
    with tqdm(total=len(unique), desc="translating", unit="sentence", disable=not progress) as bar:
        bar.update(len(unique) - len(misses))
        for chunk in _chunked(misses, step):
            english = engine.translate_batch(chunk)
            if len(english) != len(chunk):
                raise EngineError(
                    f"{engine.name} returned {len(english)} translations for {len(chunk)} sentences"
                )
            fresh = dict(zip(chunk, english, strict=True))
            if cache is not None:
                cache.put_many(fresh)
            done.update(fresh)
            bar.update(len(chunk))
    return [
        Translation(done[s], quality_flags(s, done[s])) if s.strip() else Translation("", ())
        for s in sentences
    ]
