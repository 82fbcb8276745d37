"""Translate sentences zh→en: engine protocol, Argos/CTranslate2 engine, cache, quality flags."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from zhbrief.errors import EngineError
from zhbrief.model import Translation
from zhbrief.packages import PackageInfo


@dataclass(frozen=True, slots=True)
class Decoding:
    """CTranslate2 decoding settings (defaults explained in the module's tests and report)."""

    beam_size: int = 4
    repetition_penalty: float = 1.1
    no_repeat_ngram_size: int = 0
    max_length_ratio: float = 2.5  # max_decoding_length = ratio * source tokens + extra
    max_length_extra: int = 10
    compute_type: str = "auto"
    threads: int = 0  # 0: os.cpu_count()
    max_batch_tokens: int = 2048

    def fingerprint(self) -> str:
        """A stable string of the settings that change the output (not threads or batching)."""
        fields = asdict(self)
        for speed_only in ("threads", "max_batch_tokens"):
            fields.pop(speed_only)
        return ";".join(f"{k}={v}" for k, v in sorted(fields.items()))

    def as_meta(self) -> dict[str, str]:
        """Every setting as strings, for the brief's front matter."""
        return {k: str(v) for k, v in asdict(self).items()}

    def max_length(self, source_tokens: int) -> int:
        """The decoding length limit for a source of this many tokens."""
        return int(self.max_length_ratio * source_tokens) + self.max_length_extra


class Engine(Protocol):
    """Anything that turns a batch of Chinese sentences into English, one output per input."""

    name: str

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        ...


def cache_key(engine: Engine, decoding: Decoding) -> str:
    """The TranslationCache key: engine name plus decoding fingerprint."""
    return f"{engine.name}|{decoding.fingerprint()}"


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
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        self._prefix = str(meta.get("target_prefix", "") or "")
        sp_model = path / "sentencepiece.model"
        if sp_model.is_file():
            self._tokenizer = SentencePieceTokenizer(sp_model)
        else:
            bpe = path / "bpe.model"
            self._tokenizer = BPETokenizer(bpe, self.package.from_code, self.package.to_code)
            self._bpe = True
        try:
            self._translator = ctranslate2.Translator(
                str(path / "model"),
                device="cpu",
                compute_type=self.decoding.compute_type,
                inter_threads=1,
                intra_threads=self.decoding.threads or os.cpu_count() or 1,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(
                f"Cannot load the translation model in {path / 'model'} ({exc}); "
                "reinstall the package with 'zhbrief model install'."
            ) from exc

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        """Translate `sentences`, keeping order and count."""
        if not sentences:
            return []
        if self._translator is None:
            self._load()
        tokens = [self._tokenizer.encode(s) for s in sentences]
        out: list[str] = [""] * len(sentences)
        for chunk in self._chunks(tokens):
            for i, english in zip(chunk, self._run([tokens[i] for i in chunk]), strict=True):
                out[i] = english
        return out

    def _chunks(self, tokens: list[list[str]]) -> Iterator[list[int]]:
        """Indices grouped by length bucket, each group within max_batch_tokens."""
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        chunk: list[int] = []
        budget = 0
        for i in order:
            size = max(1, len(tokens[i]))
            full = chunk and budget + size > self.decoding.max_batch_tokens
            if chunk and (full or _bucket(size) != _bucket(len(tokens[chunk[0]]))):
                yield chunk
                chunk, budget = [], 0
            chunk.append(i)
            budget += size
        if chunk:
            yield chunk

    def _run(self, batch: list[list[str]]) -> list[str]:
        """One CTranslate2 call on sentences of one length bucket."""
        d = self.decoding
        prefix = [[self._prefix] for _ in batch] if self._prefix else None
        try:
            results = self._translator.translate_batch(
                batch,
                target_prefix=prefix,
                beam_size=d.beam_size,
                repetition_penalty=d.repetition_penalty,
                no_repeat_ngram_size=d.no_repeat_ngram_size,
                # from the bucket, not the batch, so a sentence's output never depends on its batch
                max_decoding_length=d.max_length(_bucket(max(len(t) for t in batch))),
                max_batch_size=d.max_batch_tokens,
                batch_type="tokens",
            )
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"Translation failed in {self.name} ({exc})") from exc
        return [self._detokenize(r.hypotheses[0]) for r in results]

    def _detokenize(self, pieces: list[str]) -> str:
        """Join output pieces, dropping the target prefix token and a dangling BPE marker."""
        if self._prefix and pieces and pieces[0] == self._prefix:
            pieces = pieces[1:]
        if self._bpe and pieces and pieces[-1].endswith("@@"):
            # cut at max_decoding_length inside a word: BPETokenizer.decode only joins "@@ "
            pieces = [*pieces[:-1], pieces[-1][:-2]]
        return str(self._tokenizer.decode(pieces)).strip()


class TranslationCache:
    """Translations in the run's SQLite state database, keyed by engine and decoding."""

    TABLE = "translation_cache"

    def __init__(self, conn: sqlite3.Connection, key: str) -> None:
        self.conn = conn
        self.key = key
        with conn:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {self.TABLE} (key TEXT NOT NULL, source TEXT NOT NULL,"
                " en TEXT NOT NULL, PRIMARY KEY (key, source)) WITHOUT ROWID"
            )

    def get_many(self, sentences: Sequence[str]) -> dict[str, str]:
        """Cached translations of those `sentences` that have one."""
        unique = list(dict.fromkeys(sentences))
        found: dict[str, str] = {}
        for start in range(0, len(unique), 500):  # stay under SQLite's variable limit
            part = unique[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT source, en FROM {self.TABLE} WHERE key = ? AND source IN ({marks})",
                [self.key, *part],
            )
            found.update(rows)
        return found

    def put_many(self, pairs: Mapping[str, str]) -> None:
        """Store translations and commit, so an interrupted run keeps them."""
        with self.conn:
            self.conn.executemany(
                f"INSERT OR REPLACE INTO {self.TABLE} (key, source, en) VALUES (?, ?, ?)",
                [(self.key, s, e) for s, e in pairs.items()],
            )


CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.'][A-Za-z0-9]+)*")
NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
SOURCE_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万亿|亿|万|月)?")
LOOP = re.compile(r"(\w{2,20}?)\1{3,}")
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MULTIPLIERS = {"万": Decimal(10**4), "亿": Decimal(10**8), "万亿": Decimal(10**12)}
SCALES = (Decimal(1), Decimal(10**3), Decimal(10**6), Decimal(10**9), Decimal(10**12))


def _number(text: str) -> Decimal | None:
    """A number written with optional thousands separators, normalised."""
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _has_loop(english: str) -> bool:
    """A word n-gram (n ≤ 4) repeated back to back, or a glued character unit repeated 4×."""
    words = re.findall(r"\w+", english.casefold())
    for n in range(1, 5):
        runs = 4 if n == 1 else 3
        for i in range(len(words) - runs * n + 1):
            if all(words[i : i + n] == words[i + k * n : i + (k + 1) * n] for k in range(runs)):
                return True
    return any(len(set(m.group(1))) > 1 for m in LOOP.finditer(english))


def _bad_length(source: str, english: str) -> bool:
    """English far too short or long: about 3 English characters per Chinese one is normal."""
    cjk = len(CJK.findall(source))
    expected = 3 * cjk + len("".join(CJK.sub("", source).split()))
    if cjk < 6:
        return False
    ratio = len("".join(english.split())) / expected
    return ratio < 0.3 or ratio > 3.0


def _rounds_to(total: Decimal, shown: Decimal) -> bool:
    """Whether `shown` is `total` at some scale, rounded to the decimals `shown` has."""
    places = Decimal(1).scaleb(min(0, shown.as_tuple().exponent))  # type: ignore[arg-type]
    return any((total / s).quantize(places) == shown for s in SCALES[1:])


def _number_said(value: Decimal, suffix: str, english: str, numbers: set[Decimal]) -> bool:
    """Whether the English carries a source number: digits, 亿/万 rescaled, a word or a month."""
    total = value * MULTIPLIERS.get(suffix, Decimal(1))
    if ({value} | {(total / s).normalize() for s in SCALES}) & numbers:
        return True
    if suffix in ("万", "亿", "万亿") and any(_rounds_to(total, n) for n in numbers):
        return True  # 1993.03万 → "19.93 million"
    words = set(re.findall(r"[a-z]+", english.casefold()))
    if suffix == "月" and value in range(1, 13):
        month = MONTHS[int(value) - 1]
        return any(w.startswith(month) for w in words)
    return value in range(len(WORDS)) and WORDS[int(value)] in words


def _missing(source: str, english: str) -> list[str]:
    """Numbers and Latin tokens of the source that the English does not carry."""
    missing: list[str] = []
    latin_en = english.casefold()
    for m in LATIN.finditer(source):
        if m.group(0).casefold() not in latin_en:
            missing.append(m.group(0))
    en_numbers = {n for n in map(_number, NUMBER.findall(LATIN.sub(" ", english))) if n is not None}
    for m in SOURCE_NUMBER.finditer(LATIN.sub(" ", source)):
        value = _number(m.group(1))
        if value is not None and not _number_said(value, m.group(2) or "", english, en_numbers):
            missing.append(m.group(1))
    return list(dict.fromkeys(missing))


def quality_flags(source: str, english: str) -> tuple[str, ...]:
    """Short names of what looks wrong with a translation; () when nothing does."""
    source = unicodedata.normalize("NFKC", source)
    english = unicodedata.normalize("NFKC", english)
    if not source.strip():
        return ()
    if not english.strip():
        return ("empty",)
    flags = []
    if CJK.search(english):
        flags.append("untranslated")
    if _has_loop(english):
        flags.append("repetition")
    if _bad_length(source, english):
        flags.append("length")
    flags += [f"missing:{token}" for token in _missing(source, english)]
    return tuple(flags)


def _chunked(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), max(1, size)):
        yield items[start : start + size]


def translate_sentences(
    engine: Engine,
    sentences: Sequence[str],
    cache: TranslationCache | None,
    progress: bool = False,
    chunk_size: int = 512,
) -> list[Translation]:
    """Translate `sentences` in order: deduplicated, cache first, misses in bounded chunks."""
    from tqdm import tqdm

    unique = list(dict.fromkeys(s for s in sentences if s.strip()))
    done = cache.get_many(unique) if cache is not None else {}
    misses = [s for s in unique if s not in done]
    if len(misses) > chunk_size:
        # shortest first, so each chunk holds whole length buckets and ArgosEngine makes a few
        # full batches, not a small one per bucket per chunk (results are keyed; order is free)
        misses.sort(key=len)
    with tqdm(total=len(unique), unit="sent", disable=not progress) as bar:
        bar.update(len(unique) - len(misses))
        for chunk in _chunked(misses, chunk_size):
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
