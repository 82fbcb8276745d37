"""Tests for zhbrief.translation.engine and quality: real inference on the tiny package, cache, quality flags."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from zhbrief.documents import Translation
from zhbrief.errors import EngineError
from zhbrief.store.db import Store
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.ct2 import _same_length
from zhbrief.translation.engine import Decoding, cache_key, translate_sentences
from zhbrief.translation.metadata import read_package
from zhbrief.translation.packages import find_zh_en
from zhbrief.translation.quality import quality_flags

SENTENCES = [
    "欧盟峰会为难民政策争论，欧盟官员表示接收过程每一步都存在瓶颈。",
    "据新华社报道，第三季度国内生产总值同比增长4.9%。",
    "人工智能公司Anthropic发布了新模型。",
    "今年夏天，南方多地遭遇暴雨洪涝灾害。",
]


class CountingEngine:
    """Returns canned English per source sentence and records every batch it receives."""

    name = "counting 1.0"

    def __init__(self, english: dict[str, str] | None = None) -> None:
        self.english = english or {}
        self.calls: list[list[str]] = []

    def translate_batch(self, sentences: Sequence[str]) -> list[str]:
        self.calls.append(list(sentences))
        return [self.english.get(s, f"English sentence number {len(s)} here.") for s in sentences]

    def close(self) -> None:
        pass


@pytest.fixture
def engine(installed_model: Path) -> ArgosEngine:
    """An ArgosEngine over the installed tiny package, single-threaded."""
    return ArgosEngine(find_zh_en(), Decoding(threads=1))


def test_argos_engine_real_inference(engine: ArgosEngine) -> None:
    assert not engine.loaded  # lazy: constructing the engine builds no translator
    out = engine.translate_batch(SENTENCES)
    assert engine.loaded
    assert len(out) == len(SENTENCES)
    for english in out:
        assert english and re.fullmatch(r"[\x20-\x7e]+", english), english
    # order kept: each sentence alone gives the same output as inside the batch
    assert [engine.translate_batch([s])[0] for s in reversed(SENTENCES)] == out[::-1]


def test_argos_engine_loads_once(engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    built: list[object] = []
    real = ctranslate2.Translator

    def counting(*args: object, **kwargs: object) -> object:
        built.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(ctranslate2, "Translator", counting)
    engine.translate_batch(SENTENCES[:2])
    engine.translate_batch(SENTENCES[2:])
    assert len(built) == 1
    assert engine.translate_batch([]) == []


def test_argos_engine_small_batches_same_output(installed_model: Path) -> None:
    package = find_zh_en()
    whole = ArgosEngine(package, Decoding(threads=1)).translate_batch(SENTENCES)
    tiny_chunks = ArgosEngine(package, Decoding(threads=1, max_batch_tokens=8))
    assert tiny_chunks.translate_batch(SENTENCES) == whole


def test_argos_engine_name_and_no_argos_settings(engine: ArgosEngine) -> None:
    assert engine.name == "translate-zh_en-synthetic 1.9"
    engine.translate_batch(SENTENCES[:1])
    assert "argostranslate.settings" not in sys.modules  # it creates folders on import


def test_argos_engine_broken_model_raises_engine_error(installed_model: Path) -> None:
    (installed_model / "model" / "model.bin").write_bytes(b"garbage")
    engine = ArgosEngine(read_package(installed_model), Decoding(threads=1))
    with pytest.raises(EngineError, match="Cannot load the translation model"):
        engine.translate_batch(["你好。"])


def test_package_removed_during_a_run_is_an_engine_error(installed_model: Path) -> None:
    import shutil

    engine = ArgosEngine(read_package(installed_model), Decoding())
    shutil.rmtree(installed_model)  # chosen at the start of a run, gone when first used
    with pytest.raises(EngineError, match=r"Cannot load the translation package .*reinstall it"):
        engine.translate_batch(["你好。"])


def test_decoding_fingerprint_ignores_speed_settings() -> None:
    base = Decoding()
    assert base.fingerprint() == Decoding(threads=2, max_batch_tokens=64).fingerprint()
    assert base.fingerprint() != replace(base, beam_size=2).fingerprint()
    assert base.fingerprint() != replace(base, repetition_penalty=1.0).fingerprint()
    assert base.as_meta()["beam_size"] == 4
    assert base.max_length(10) == int(base.max_length_ratio * 10) + base.max_length_extra


def test_translate_sentences_with_real_engine_and_cache(engine: ArgosEngine) -> None:
    cache = Store.open(":memory:").translations(cache_key(engine, engine.decoding))
    out = translate_sentences(engine, SENTENCES, cache)
    assert [t.en for t in out] == engine.translate_batch(SENTENCES)
    assert cache.get_many(SENTENCES) == {s: t.en for s, t in zip(SENTENCES, out, strict=True)}


def test_cache_hits_skip_the_engine(tmp_path: Path) -> None:
    first = CountingEngine()
    store = Store.open(tmp_path / "state.db")
    translate_sentences(first, SENTENCES + SENTENCES[:1], store.translations("k"))
    store.close()
    assert first.calls == [SENTENCES]  # deduplicated, one chunk

    again = CountingEngine()
    store = Store.open(tmp_path / "state.db")  # a later run, same database
    out = translate_sentences(again, ["新的一句话。", *SENTENCES], store.translations("k"))
    assert again.calls == [["新的一句话。"]]
    assert len(out) == 5 and out[1].en == f"English sentence number {len(SENTENCES[0])} here."

    other_key = CountingEngine()
    translate_sentences(other_key, SENTENCES, store.translations("other model"))
    assert other_key.calls == [SENTENCES]  # a different engine/decoding never shares entries


def test_translate_sentences_chunks_order_and_blanks() -> None:
    engine = CountingEngine({s: f"E{i}" for i, s in enumerate(SENTENCES)})
    out = translate_sentences(engine, ["", SENTENCES[2], "  ", *SENTENCES], None, chunk_size=3)
    assert [len(c) for c in engine.calls] == [3, 1]
    assert out[0] == Translation("", ()) and out[2] == Translation("", ())
    assert [t.en for t in out[3:]] == ["E0", "E1", "E2", "E3"] and out[1].en == "E2"


def test_translate_sentences_count_mismatch_is_engine_error() -> None:
    class Short(CountingEngine):
        def translate_batch(self, sentences: Sequence[str]) -> list[str]:
            return ["only one"]

    with pytest.raises(EngineError, match="returned 1 translations for 2"):
        translate_sentences(Short(), SENTENCES[:2], None)


SOURCE = "该公司宣布将投资130亿美元建设新的数据中心，增长50%，并发布GPT-5和K2-0905模型，Anthropic也表示关注。"
GOOD = (
    "The company announced it will invest 13 billion dollars in a new data center, up 50%, "
    "and released the GPT-5 and K2-0905 models; Anthropic also expressed interest."
)


@pytest.mark.parametrize(
    ("english", "flag"),
    [
        ("", "empty"),
        (
            "The company will invest 数据中心 13 billion dollars, 50%, GPT-5, K2-0905, Anthropic.",
            "untranslated",
        ),
        (GOOD + " the model the model the model the model", "repetition"),
        (GOOD.replace("released", "released 5050505050"), "repetition"),
        ("13 billion, 50%, GPT-5 K2-0905 Anthropic", "length"),
        (GOOD + " " + "And very much more text that goes on and on. " * 20, "length"),
        (GOOD.replace("13 billion", "some billions"), "missing:130"),
        (GOOD.replace("50%", "half"), "missing:50"),
        (GOOD.replace("GPT-5", "the new model"), "missing:GPT-5"),
        (GOOD.replace("K2-0905", "K2"), "missing:K2-0905"),
        (GOOD.replace("Anthropic", "the rival lab"), "missing:Anthropic"),
    ],
)
def test_quality_flag_from_fake_engine(english: str, flag: str) -> None:
    engine = CountingEngine({SOURCE: english})
    (result,) = translate_sentences(engine, [SOURCE], None)
    assert flag in result.flags


def test_quality_flags_clean_translation_has_none() -> None:
    assert quality_flags(SOURCE, GOOD) == ()
    assert quality_flags(SOURCE, GOOD.replace("13 billion", "13,000,000,000").lower()) == ()
    assert quality_flags("增长3.5万人。", "an increase of 35,000 people.") == ()
    assert quality_flags("１２３家公司。", "There are 123 companies.") == ()  # full-width digits
    assert (
        quality_flags(
            "共有1993.03万人受灾，2月10日发布。", "19.93 million people hit; released Feb. 10."
        )
        == ()
    )
    assert quality_flags("共有1993.03万人受灾。", "19.5 million people were hit.") == (
        "missing:1993.03",
    )
    assert (
        quality_flags("5只新产品中有4只来自工银。", "Four of the five new products come from ICBC.")
        == ()
    )


def test_quality_flags_numbers_not_confused() -> None:
    assert quality_flags("增长4.9%。今年", "It grew 49 percent this year.") == ("missing:4.9",)
    assert quality_flags("共有100000000人参加了活动。", "In all 100000000 people took part.") == ()


def test_batches_hold_sentences_of_one_token_count() -> None:
    tokens = [["x"] * n for n in (3, 9, 5, 17, 8, 8, 3)]
    assert list(_same_length(tokens)) == [[0, 6], [2], [4, 5], [1], [3]]


def test_batch_company_never_changes_a_translation(engine: ArgosEngine) -> None:
    together = engine.translate_batch(SENTENCES * 3)
    alone = [ArgosEngine(engine.package, Decoding()).translate_batch([s])[0] for s in SENTENCES]
    assert together == alone * 3
    two_replicas = ArgosEngine(engine.package, Decoding(threads=2, inter_threads=2))
    assert two_replicas.translate_batch(SENTENCES) == alone
