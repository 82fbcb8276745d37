"""Where and how CTranslate2 runs: the device (auto, cpu, cuda) and the thread layout."""

from __future__ import annotations

import dataclasses
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from zhbrief.errors import UsageError
from zhbrief.translation.engine import Decoding, Engine, LazyEngine

log = logging.getLogger("zhbrief")

DEVICES = ("auto", "cpu", "cuda")
THREADS_PER_REPLICA = 4  # intra threads per replica on large machines (see layout_threads)
CUBLAS_HINT = "install CUDA 12's cuBLAS (e.g. 'pip install nvidia-cublas-cu12') or use --device cpu"


class DeviceError(UsageError):
    """The requested device cannot run CTranslate2 here."""


@dataclass(frozen=True, slots=True)
class Layout:
    """CTranslate2 replicas (inter_threads) and threads per replica (intra_threads)."""

    inter: int
    intra: int


def layout_threads(cores: int, threads: int = 0, inter_threads: int = 0) -> Layout:
    """The inter × intra split of `threads` (0: all `cores`): replicas, each on a few threads.

    A replica decodes one batch at a time and its intra threads scale poorly: on 2 idle cores
    2×1 translated the same 30 sentences in 7.7 s where 1×2 took 24 s (identical output), and on
    16 cores 4×4 took 4.9 s where 1×16 took 15.0 s. So below 8 threads every thread is a replica
    of its own; from 8 up, threads // 4 replicas of 4 threads. Replicas share the weights.
    """
    total = max(1, threads or cores)
    if inter_threads > 0:
        return Layout(inter_threads, max(1, total // inter_threads))
    if total < 2 * THREADS_PER_REPLICA:
        return Layout(total, 1)
    inter = total // THREADS_PER_REPLICA
    return Layout(inter, total // inter)


def cuda_device_count() -> int:
    """How many CUDA devices CTranslate2 sees (0 when built without CUDA or without a driver)."""
    import ctranslate2

    return int(ctranslate2.get_cuda_device_count())


def _cuda_problem() -> str:
    """Why CTranslate2 sees no CUDA device, in its own words when it has some."""
    import ctranslate2

    try:
        ctranslate2.get_supported_compute_types("cuda")
    except (RuntimeError, ValueError) as exc:
        return str(exc)
    return "no CUDA device visible (check nvidia-smi and CUDA_VISIBLE_DEVICES)"


def choose_device(requested: str, count: Callable[[], int] = cuda_device_count) -> str:
    """'cpu' or 'cuda' for a requested device; DeviceError when cuda is asked and absent."""
    if requested == "cpu":
        return "cpu"
    found = count()
    if found > 0:
        log.info("Translating on CUDA (%d device%s).", found, "s" * (found > 1))
        return "cuda"
    if requested == "cuda":
        raise DeviceError(
            f"--device cuda: CTranslate2 finds no usable GPU ({_cuda_problem()}); "
            "use --device cpu or auto."
        )
    log.info("Translating on CPU (no CUDA device found).")
    return "cpu"


def warm_up_error(exc: Exception) -> DeviceError:
    """The DeviceError for a CUDA engine that failed its one-sentence warm-up."""
    text = str(exc)
    hint = CUBLAS_HINT if "cublas" in text.lower() else "check the CUDA install or use --device cpu"
    return DeviceError(f"--device cuda: the GPU failed its first translation ({text}); {hint}.")


def worker_threads(threads: int, workers: int, local: bool) -> int:
    """CTranslate2 threads of each Dask worker: its share of the cores of a local cluster."""
    # 0 on an existing cluster: each worker lays out its own machine's cores (layout_threads)
    if threads or not local:
        return threads
    return max(1, cpu_count() // max(1, workers))


def cpu_count() -> int:
    """Cores this process may use (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def start_engine(
    requested: str, name: str, decoding: Decoding, build: Callable[[Decoding], Engine]
) -> tuple[LazyEngine, Decoding]:
    """The lazy engine on the chosen device; a CUDA one is tried now, on one sentence.

    With `auto`, a GPU that fails its warm-up (CUDA libraries missing) falls back to the CPU
    with a warning; with `cuda` it is a DeviceError (exit 2). The returned decoding names the
    device really used, so the cache key and front matter tell the truth.
    """

    def lazy(d: Decoding) -> LazyEngine:
        return LazyEngine(name, lambda: build(d))

    decoding = dataclasses.replace(decoding, device=choose_device(requested))
    engine = lazy(decoding)
    if decoding.device == "cpu":
        return engine, decoding
    try:
        engine.translate_batch(["你好。"])
    except DeviceError as exc:
        if requested == "cuda":
            raise
        log.warning("%s Falling back to the CPU.", exc)
        decoding = dataclasses.replace(decoding, device="cpu")
        engine = lazy(decoding)
    return engine, decoding
