"""Device choice (CUDA mocked: no GPU here), the GPU warm-up, and the thread layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ctranslate2
import pytest

from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.device import (
    DeviceError,
    Layout,
    choose_device,
    layout_threads,
    start_engine,
)
from zhbrief.translation.engine import Decoding
from zhbrief.translation.packages import find_zh_en

CUBLAS = "Library libcublas.so.12 is not found or cannot be loaded"
REAL_TRANSLATOR = ctranslate2.Translator


class NoCublasTranslator:
    """CTranslate2 as on a CUDA 13 machine: the GPU is counted, cuBLAS 12 is missing."""

    def __new__(cls, model: str, device: str = "cpu", **kwargs: Any) -> Any:
        if device == "cpu":
            return REAL_TRANSLATOR(model, device=device, **kwargs)
        return super().__new__(cls)

    def __init__(self, model: str, device: str = "cpu", **kwargs: Any) -> None:
        self.device = device

    def translate_batch(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(CUBLAS)


@pytest.fixture
def gpu_without_cublas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 1)
    monkeypatch.setattr(ctranslate2, "Translator", NoCublasTranslator)


@pytest.mark.parametrize(
    ("cores", "threads", "inter", "expected"),
    [
        (2, 0, 0, Layout(2, 1)),  # this machine: 2×1 took 7.7 s where 1×2 took 24 s
        (4, 0, 0, Layout(4, 1)),
        (1, 0, 0, Layout(1, 1)),
        (8, 0, 0, Layout(2, 4)),
        (16, 0, 0, Layout(4, 4)),  # 4×4 took 4.9 s where 1×16 took 15.0 s
        (64, 0, 0, Layout(16, 4)),
        (16, 4, 0, Layout(4, 1)),  # --threads 4
        (16, 0, 8, Layout(8, 2)),  # --inter-threads 8
        (2, 0, 4, Layout(4, 1)),  # never zero threads per replica
    ],
)
def test_thread_layout(cores: int, threads: int, inter: int, expected: Layout) -> None:
    assert layout_threads(cores, threads, inter) == expected


def test_device_choice_follows_the_cuda_count(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 2)
    assert choose_device("auto") == "cuda"
    assert choose_device("cuda") == "cuda"
    assert choose_device("cpu") == "cpu"
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    assert choose_device("auto") == "cpu"


def test_cuda_without_a_gpu_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)

    def no_cuda(device: str) -> set[str]:
        raise ValueError("This CTranslate2 package was not compiled with CUDA support")

    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", no_cuda)
    with pytest.raises(DeviceError) as info:
        choose_device("cuda")
    assert str(info.value) == (
        "--device cuda: CTranslate2 finds no usable GPU (This CTranslate2 package was not "
        "compiled with CUDA support); use --device cpu or auto."
    )
    assert info.value.exit_code == 2


def test_warm_up_catches_a_missing_cublas(installed_model: Path, gpu_without_cublas: None) -> None:
    engine = ArgosEngine(find_zh_en(), Decoding(device="cuda"))
    with pytest.raises(DeviceError) as info:
        engine.translate_batch(["今天天气很好。"])
    assert str(info.value) == (
        f"--device cuda: the GPU failed its first translation ({CUBLAS}); install CUDA 12's "
        "cuBLAS (e.g. 'pip install nvidia-cublas-cu12') or use --device cpu."
    )


def test_auto_falls_back_to_the_cpu_when_the_gpu_fails(
    installed_model: Path, gpu_without_cublas: None, caplog: pytest.LogCaptureFixture
) -> None:
    package = find_zh_en()
    engine, decoding = start_engine(
        "auto", package.label, Decoding(), lambda d: ArgosEngine(package, d)
    )
    assert decoding.device == "cpu"
    assert engine.translate_batch(["今天天气很好。"])[0]  # real CPU inference
    assert "the GPU failed its first translation" in caplog.text
    assert "Falling back to the CPU." in caplog.text
    with pytest.raises(DeviceError):
        start_engine("cuda", package.label, Decoding(), lambda d: ArgosEngine(package, d))


def test_only_a_non_cpu_device_changes_cache_key_and_front_matter() -> None:
    cpu = Decoding()
    assert "device" not in cpu.fingerprint() and "device" not in cpu.as_meta()
    assert cpu.fingerprint() == Decoding(threads=3, inter_threads=2).fingerprint()
    assert "inter_threads" not in cpu.as_meta()
    gpu = Decoding(device="cuda", compute_type="float16")
    assert gpu.fingerprint() != cpu.fingerprint()
    assert "device=cuda" in gpu.fingerprint() and "compute_type=float16" in gpu.fingerprint()
    assert gpu.as_meta()["device"] == "cuda"
