"""SIGTERM and SIGINT end a run cleanly: an exception unwinds it, so every cleanup runs."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from zhbrief.errors import Interrupted

SIGNALS = {signal.SIGTERM: "SIGTERM", signal.SIGINT: "SIGINT"}


def _raise(signum: int, frame: FrameType | None) -> None:
    # ignore a second signal while unwinding: cleanup (temp files, lock, store) must finish
    for sig in SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
    raise Interrupted(signum, SIGNALS[signal.Signals(signum)])


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGINT raise Interrupted; the old handlers come back after."""
    previous = {sig: signal.signal(sig, _raise) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
