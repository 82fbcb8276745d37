"""The Argos engine: an Argos package's tokenizer and CTranslate2 model, loaded on first use."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from zhbrief.errors import EngineError
from zhbrief.translation.ct2 import Ct2Translator
from zhbrief.translation.engine import Decoding, Scored
from zhbrief.translation.metadata import PackageInfo

PROBE = "你好。"  # the sentence a GPU translates once at load (device.py's warm-up)


class ArgosEngine:
    """An Argos package run through CTranslate2; the model is loaded on first use, once."""

    def __init__(self, package: PackageInfo, decoding: Decoding) -> None:
        self.package = package
        self.decoding = decoding
        self.name = package.label
        self._tokenizer: Any = None
        self._prefix = ""
        self._bpe = False
        self._ct2 = Ct2Translator(
            package.path / "model",
            decoding,
            self.name,
            "reinstall the package with 'zhbrief model install'.",
        )

    @property
    def loaded(self) -> bool:
        """Whether the CTranslate2 translator has been built."""
        return self._ct2.loaded

    def _load(self) -> None:
        """Build the tokenizer and CTranslate2 translator (argostranslate.settings never imported)."""
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
        self._ct2.load(self._tokenizer.encode(PROBE))

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        return [answer.en for answer in self.translate_scored(sentences)]

    def translate_scored(self, sentences: Sequence[str]) -> list[Scored]:
        """Translate `sentences` with CTranslate2's scores, keeping order and count."""
        if not sentences:
            return []
        if not self._ct2.loaded:
            self._load()
        tokens = [self._tokenizer.encode(s) for s in sentences]
        prefix = [self._prefix] if self._prefix else None
        return [
            Scored(self._detokenize(h.pieces), h.score) for h in self._ct2.translate(tokens, prefix)
        ]

    def close(self) -> None:
        """Drop the model from memory."""
        self._ct2.unload()

    def _detokenize(self, pieces: list[str]) -> str:
        """Join output pieces, dropping the target prefix token and a dangling BPE marker."""
        if self._prefix and pieces and pieces[0] == self._prefix:
            pieces = pieces[1:]
        if self._bpe and pieces and pieces[-1].endswith("@@"):
            # cut at max_decoding_length inside a word: BPETokenizer.decode only joins "@@ "
            pieces = [*pieces[:-1], pieces[-1][:-2]]
        return str(self._tokenizer.decode(pieces)).strip()
