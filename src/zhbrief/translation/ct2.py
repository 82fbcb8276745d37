"""CTranslate2 under every local engine: the translator on its device, batches without padding,
the best hypothesis and its score.

The Argos engine (`argos.py`) and the CTranslate2 folder engine (`folder_engine.py`) differ only
in how they turn text into pieces and back; this is the part they share.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhbrief.errors import EngineError
from zhbrief.translation.device import cpu_count, layout_threads, warm_up_error
from zhbrief.translation.engine import Decoding

log = logging.getLogger("zhbrief")


@dataclass(frozen=True, slots=True)
class Hypothesis:
    """The best output of one source: its pieces and CTranslate2's score."""

    pieces: list[str]
    score: float  # log-probability divided by the length (length_penalty 1, the default)


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


class Ct2Translator:
    """A CTranslate2 model folder on the decoding's device and threads, built by `load`."""

    def __init__(self, model_dir: Path, decoding: Decoding, name: str, fix: str) -> None:
        self.model_dir = model_dir
        self.decoding = decoding
        self.name = name  # the engine's name, for errors
        self.fix = fix  # what to do when the model cannot be loaded
        self._translator: Any = None

    @property
    def loaded(self) -> bool:
        """Whether the CTranslate2 translator has been built."""
        return self._translator is not None

    def load(self, probe: list[str]) -> None:
        """Build the translator; on a GPU, translate `probe` (pieces) so a missing CUDA library
        fails here, not mid-run."""
        import ctranslate2

        d = self.decoding
        layout = layout_threads(cpu_count(), d.threads, d.inter_threads)
        try:
            self._translator = ctranslate2.Translator(
                str(self.model_dir),
                device=d.device,
                compute_type=d.compute_type,
                inter_threads=layout.inter,
                intra_threads=layout.intra,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(
                f"Cannot load the translation model in {self.model_dir} ({exc}); {self.fix}"
            ) from exc
        log.debug("CTranslate2 on %s: %d×%d threads", d.device, layout.inter, layout.intra)
        if d.device != "cpu":
            try:
                self._translator.translate_batch([probe], beam_size=1)
            except RuntimeError as exc:
                self._translator = None
                raise warm_up_error(exc) from exc

    def unload(self) -> None:
        """Drop the model from memory (a later `load` builds it again)."""
        self._translator = None

    def translate(self, tokens: list[list[str]], prefix: list[str] | None) -> list[Hypothesis]:
        """The best hypothesis of each source, in order; `prefix` forces the target's start."""
        groups = list(_same_length(tokens))
        # submitted at once (asynchronous) so every replica of the thread layout has work
        pending = [self._submit([tokens[i] for i in group], prefix) for group in groups]
        out: list[Hypothesis | None] = [None] * len(tokens)
        for group, results in zip(groups, pending, strict=True):
            for i, result in zip(group, results, strict=True):
                out[i] = self._best(result)
        return [h for h in out if h is not None]

    def _best(self, result: Any) -> Hypothesis:
        """The best hypothesis of an asynchronous result, engine errors as EngineError."""
        try:
            done = result.result()
            return Hypothesis(list(done.hypotheses[0]), float(done.scores[0]))
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"Translation failed in {self.name} ({exc})") from exc

    def _submit(self, batch: list[list[str]], prefix: list[str] | None) -> list[Any]:
        """One asynchronous CTranslate2 call on sentences of one token count."""
        d = self.decoding
        try:
            return list(
                self._translator.translate_batch(
                    batch,
                    target_prefix=[list(prefix) for _ in batch] if prefix else None,
                    beam_size=d.beam_size,
                    repetition_penalty=d.repetition_penalty,
                    no_repeat_ngram_size=d.no_repeat_ngram_size,
                    # from the bucket, not the batch, so a sentence's output never depends on its batch
                    max_decoding_length=d.max_length(_bucket(max(len(t) for t in batch))),
                    max_batch_size=d.max_batch_tokens,
                    batch_type="tokens",
                    return_scores=True,
                    asynchronous=True,
                )
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"Translation failed in {self.name} ({exc})") from exc
