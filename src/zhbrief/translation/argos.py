"""The Argos/CTranslate2 engine: an Argos package's tokenizer and model, loaded on first use."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from zhbrief.errors import EngineError
from zhbrief.translation.device import cpu_count, layout_threads, warm_up_error
from zhbrief.translation.engine import Decoding
from zhbrief.translation.metadata import PackageInfo

log = logging.getLogger("zhbrief")


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
