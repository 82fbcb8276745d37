"""Translate sentences zh→en: decoding settings, the engine protocol, the cache-first driver.

The Argos/CTranslate2 engine itself lives in `argos.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Protocol, runtime_checkable

from zhbrief.documents import Translation
from zhbrief.errors import EngineError
from zhbrief.translation.quality import quality_flags

log = logging.getLogger("zhbrief")

# the engines --engine names: two run a model on this machine, two ask a server
ENGINES = ("argos", "ctranslate2", "libretranslate", "openai")
LOCAL_ENGINES = ("argos", "ctranslate2")


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


@dataclass(frozen=True, slots=True)
class Scored:
    """An engine's answer for one sentence, with its normalised log-probability when it has one."""

    en: str
    score: float | None = None  # log-probability per target token (CTranslate2's score)


class Engine(Protocol):
    """Anything that turns a batch of Chinese sentences into English, one output per input.

    `name` is its identity: the translation cache key and the brief's `model` say it.
    """

    name: str

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        ...

    def close(self) -> None:
        """Let go of what the engine holds (a model in memory, connections, threads)."""
        ...


@runtime_checkable
class ScoringEngine(Engine, Protocol):
    """An engine that also says how sure it is of each sentence (CTranslate2's scores)."""

    def translate_scored(self, sentences: Sequence[str]) -> list[Scored]:
        """Translate `sentences` with their scores, keeping order and count."""
        ...


def answers(engine: Engine, sentences: Sequence[str]) -> list[Scored]:
    """The engine's answers, with scores when it gives them."""
    if isinstance(engine, ScoringEngine):
        return engine.translate_scored(sentences)
    return [Scored(en) for en in engine.translate_batch(sentences)]


class SentenceCache(Protocol):
    """Where translations are kept between runs (the store's translation cache)."""

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Cached translations of those `sentences` that have one."""
        ...

    def get_scores(self, sentences: Sequence[str]) -> dict[str, float]:
        """Cached scores of those `sentences` that have one."""
        ...

    def put_many(self, pairs: Mapping[str, str], scores: Mapping[str, float] | None = None) -> None:
        """Store translations (and their scores) at once, so an interrupted run keeps them."""
        ...


@dataclass(slots=True)
class MemoryCache:
    """A SentenceCache over known lines that keeps what is added, for a worker to send back."""

    known: dict[str, str]
    scores: dict[str, float] = field(default_factory=dict)
    fresh: dict[str, str] = field(default_factory=dict)
    fresh_scores: dict[str, float] = field(default_factory=dict)

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Known translations of those `sentences` that have one."""
        return {s: self.known[s] for s in sentences if s in self.known}

    def get_scores(self, sentences: Sequence[str]) -> dict[str, float]:
        """Known scores of those `sentences` that have one."""
        return {s: self.scores[s] for s in sentences if s in self.scores}

    def put_many(self, pairs: Mapping[str, str], scores: Mapping[str, float] | None = None) -> None:
        """Keep new translations and their scores."""
        self.known.update(pairs)
        self.fresh.update(pairs)
        self.scores.update(scores or {})
        self.fresh_scores.update(scores or {})


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

    def translate_scored(self, sentences: Sequence[str]) -> list[Scored]:
        """Translate with scores (None where the engine gives none), building it if needed."""
        return answers(self.get(), sentences)

    def close(self) -> None:
        """Close the engine if it was built; a later use builds it again."""
        if self._engine is not None:
            engine, self._engine = self._engine, None
            engine.close()


def cache_key(engine: Engine, decoding: Decoding | None) -> str:
    """The translation cache key: the engine's name, and the decoding fingerprint of a local one."""
    return engine.name if decoding is None else f"{engine.name}|{decoding.fingerprint()}"


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
    scores = cache.get_scores(unique) if cache is not None else {}
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
            fresh, fresh_scores = _ask(engine, chunk)
            if cache is not None:
                cache.put_many(fresh, fresh_scores)
            done.update(fresh)
            scores.update(fresh_scores)
            bar.update(len(chunk))
    return [_translation(s, done, scores) for s in sentences]


def _ask(engine: Engine, chunk: Sequence[str]) -> tuple[dict[str, str], dict[str, float]]:
    """The engine's English and scores for one chunk, keyed by sentence."""
    got = answers(engine, chunk)
    if len(got) != len(chunk):
        raise EngineError(
            f"{engine.name} returned {len(got)} translations for {len(chunk)} sentences"
        )
    english = {s: a.en for s, a in zip(chunk, got, strict=True)}
    return english, {s: a.score for s, a in zip(chunk, got, strict=True) if a.score is not None}


def _translation(
    sentence: str, done: Mapping[str, str], scores: Mapping[str, float]
) -> Translation:
    """The Translation of one sentence, flagged; a blank one stays blank."""
    if not sentence.strip():
        return Translation("", ())
    en = done[sentence]
    return Translation(en, quality_flags(sentence, en), scores.get(sentence))
