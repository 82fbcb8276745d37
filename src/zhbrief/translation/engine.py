"""Translate sentences zh→en: decoding settings, the engine protocol, the Argos/CTranslate2 engine."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from zhbrief.documents import Translation
from zhbrief.errors import EngineError
from zhbrief.translation.device import cpu_count, layout_threads, warm_up_error
from zhbrief.translation.packages import PackageInfo
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


def _same_length(tokens: list[list[str]]) -> Iterator[list[int]]:
    """Indices grouped by exact token count, shortest first.

    Padding changes CTranslate2's arithmetic, so a sentence batched with longer ones can come
    out different (1 of 113 in benchmarks/batch_invariance.py); without padding it cannot, and a
    sentence translates the same whatever article, chunk, worker or thread layout it comes with.
    """
    order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
    chunk: list[int] = []
    for i in order:
        if chunk and len(tokens[i]) != len(tokens[chunk[0]]):
            yield chunk
            chunk = []
        chunk.append(i)
    if chunk:
        yield chunk


def _bucket(source_tokens: int) -> int:
    """Source length rounded up to a multiple of 8: the unit of the decoding length limit."""
    return -(-max(1, source_tokens) // 8) * 8


class ArgosEngine:
    """An Argos package run through CTranslate2; the model is loaded on first use, once."""

    def __init__(self, package: PackageInfo, decoding: Decoding) -> None:
        self.package = package
        self.decoding = decoding
        self.name = package.label
        self._translator: Any = None
        self._tokenizer: Any = None
        self._prefix = ""
        self._bpe = False

    @property
    def loaded(self) -> bool:
        """Whether the CTranslate2 translator has been built."""
        return self._translator is not None

    def _load(self) -> None:
        """Build the tokenizer and CTranslate2 translator (argostranslate.settings never imported)."""
        import ctranslate2
        from argostranslate.tokenizer import BPETokenizer, SentencePieceTokenizer

        path = self.package.path
        try:  # a package removed or damaged since it was chosen fails its articles, no more
            meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
            self._prefix = str(meta.get("target_prefix", "") or "")
            sp_model = path / "sentencepiece.model"
            if sp_model.is_file():
                self._tokenizer = SentencePieceTokenizer(sp_model)
            else:
                bpe = path / "bpe.model"
                self._tokenizer = BPETokenizer(bpe, self.package.from_code, self.package.to_code)
                self._bpe = True
        except (OSError, ValueError, RuntimeError, AttributeError) as exc:
            raise EngineError(
                f"Cannot load the translation package {path} ({exc}); "
                "reinstall it with 'zhbrief model install'."
            ) from exc
        d = self.decoding
        layout = layout_threads(cpu_count(), d.threads, d.inter_threads)
        try:
            self._translator = ctranslate2.Translator(
                str(path / "model"),
                device=d.device,
                compute_type=d.compute_type,
                inter_threads=layout.inter,
                intra_threads=layout.intra,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(
                f"Cannot load the translation model in {path / 'model'} ({exc}); "
                "reinstall the package with 'zhbrief model install'."
            ) from exc
        log.debug("CTranslate2 on %s: %d×%d threads", d.device, layout.inter, layout.intra)
        if d.device != "cpu":
            self._warm_up()

    def _warm_up(self) -> None:
        """Translate one sentence now: a GPU without its CUDA libraries fails here, not mid-run."""
        try:
            self._translator.translate_batch([self._tokenizer.encode("你好。")], beam_size=1)
        except RuntimeError as exc:
            self._translator = None
            raise warm_up_error(exc) from exc

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        if not sentences:
            return []
        if self._translator is None:
            self._load()
        tokens = [self._tokenizer.encode(s) for s in sentences]
        groups = list(_same_length(tokens))
        # submitted at once (asynchronous) so every replica of the thread layout has work
        pending = [self._submit([tokens[i] for i in group]) for group in groups]
        out: list[str] = [""] * len(sentences)
        for group, results in zip(groups, pending, strict=True):
            for i, result in zip(group, results, strict=True):
                out[i] = self._detokenize(self._hypothesis(result))
        return out

    def _hypothesis(self, result: Any) -> list[str]:
        """The best hypothesis of an asynchronous result, engine errors as EngineError."""
        try:
            return list(result.result().hypotheses[0])
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"Translation failed in {self.name} ({exc})") from exc

    def _submit(self, batch: list[list[str]]) -> list[Any]:
        """One asynchronous CTranslate2 call on sentences of one token count."""
        d = self.decoding
        prefix = [[self._prefix] for _ in batch] if self._prefix else None
        try:
            return list(
                self._translator.translate_batch(
                    batch,
                    target_prefix=prefix,
                    beam_size=d.beam_size,
                    repetition_penalty=d.repetition_penalty,
                    no_repeat_ngram_size=d.no_repeat_ngram_size,
                    # from the bucket, not the batch, so a sentence's output never depends on its batch
                    max_decoding_length=d.max_length(_bucket(max(len(t) for t in batch))),
                    max_batch_size=d.max_batch_tokens,
                    batch_type="tokens",
                    asynchronous=True,
                )
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"Translation failed in {self.name} ({exc})") from exc

    def _detokenize(self, pieces: list[str]) -> str:
        """Join output pieces, dropping the target prefix token and a dangling BPE marker."""
        if self._prefix and pieces and pieces[0] == self._prefix:
            pieces = pieces[1:]
        if self._bpe and pieces and pieces[-1].endswith("@@"):
            # cut at max_decoding_length inside a word: BPETokenizer.decode only joins "@@ "
            pieces = [*pieces[:-1], pieces[-1][:-2]]
        return str(self._tokenizer.decode(pieces)).strip()


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
