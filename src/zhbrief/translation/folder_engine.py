"""The CTranslate2 folder engine: an OPUS-MT, NLLB-200 or M2M-100 folder, loaded on first use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from zhbrief.errors import EngineError
from zhbrief.translation.ct2 import Ct2Translator
from zhbrief.translation.engine import Decoding, Scored
from zhbrief.translation.folders import FolderInfo

PROBE = "你好。"
EOS = "</s>"


class FolderEngine:
    """A converted CTranslate2 model folder, its SentencePiece models and language tags."""

    def __init__(self, folder: FolderInfo, decoding: Decoding) -> None:
        self.folder = folder
        self.decoding = decoding
        self.name = folder.label
        self._source: Any = None
        self._target: Any = None
        fix = "install the folder again with 'zhbrief model install DIR'."
        self._ct2 = Ct2Translator(folder.path, decoding, self.name, fix)

    @property
    def loaded(self) -> bool:
        """Whether the CTranslate2 translator has been built."""
        return self._ct2.loaded

    def _load(self) -> None:
        """Read the SentencePiece models, then build the translator."""
        import sentencepiece as spm

        f = self.folder
        try:  # a folder removed or damaged since it was chosen fails its articles, no more
            self._source = spm.SentencePieceProcessor(model_file=str(f.source_spm))
            self._target = spm.SentencePieceProcessor(model_file=str(f.target_spm))
        except (OSError, RuntimeError) as exc:
            raise EngineError(
                f"Cannot read the SentencePiece models of {f.path} ({exc}); "
                "install the folder again with 'zhbrief model install DIR'."
            ) from exc
        self._ct2.load(self._encode(PROBE))

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        return [answer.en for answer in self.translate_scored(sentences)]

    def translate_scored(self, sentences: Sequence[str]) -> list[Scored]:
        """Translate `sentences` with CTranslate2's scores, keeping order and count."""
        if not sentences:
            return []
        if not self._ct2.loaded:
            self._load()
        tokens = [self._encode(s) for s in sentences]
        prefix = [self.folder.target_tag] if self.folder.target_tag else None
        return [
            Scored(self._decode(h.pieces), h.score) for h in self._ct2.translate(tokens, prefix)
        ]

    def close(self) -> None:
        """Drop the model from memory."""
        self._ct2.unload()

    def _encode(self, sentence: str) -> list[str]:
        """The source pieces, with the family's language tag and end token."""
        f = self.folder
        pieces = list(self._source.encode(sentence, out_type=str))
        return [*([f.source_tag] if f.source_tag else []), *pieces, *([EOS] if f.add_eos else [])]

    def _decode(self, pieces: list[str]) -> str:
        """The English of output pieces: the forced language tag and any piece the target
        SentencePiece model does not know (other tags, specials) left out."""
        if self.folder.target_tag and pieces and pieces[0] == self.folder.target_tag:
            pieces = pieces[1:]
        unknown = self._target.unk_id()
        known = [p for p in pieces if self._target.piece_to_id(p) != unknown]
        return str(self._target.decode(known)).strip()
