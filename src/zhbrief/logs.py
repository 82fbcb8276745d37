"""Where zhbrief's log lines go: stderr at the chosen level, a log file, around progress bars."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm.contrib.logging import logging_redirect_tqdm

from zhbrief.errors import UsageError

log = logging.getLogger("zhbrief")


def setup_logging(quiet: bool, verbose: int, log_file: Path | None) -> int:
    """Log to stderr (warnings; more with -v, errors only with -q) and optionally to a file."""
    log.handlers.clear()
    log.setLevel(logging.DEBUG)
    log.propagate = False
    console = logging.StreamHandler(sys.stderr)
    levels = [logging.WARNING, logging.INFO, logging.DEBUG]
    level = logging.ERROR if quiet else levels[min(verbose, 2)]
    console.setLevel(level)
    console.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(console)
    if log_file is not None:
        try:
            handler = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"Cannot open the log file {log_file} ({exc.strerror or exc}); "
                "create its folder or give --log-file another path."
            ) from None
        handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
    return level


@contextmanager
def console_through_tqdm(level: int) -> Iterator[None]:
    """Route console log lines around the progress bars, keeping the console's level."""
    with logging_redirect_tqdm(loggers=[log]):
        # tqdm swaps in its own handler without copying the level: without this, -q would log debug.
        for handler in log.handlers:
            if not isinstance(handler, logging.FileHandler):
                handler.setLevel(level)
        yield
