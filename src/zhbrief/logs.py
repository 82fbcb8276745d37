"""Where zhbrief's log lines go: stderr at the chosen level, a log file, around progress bars."""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm.contrib.logging import logging_redirect_tqdm

from zhbrief.errors import UsageError

log = logging.getLogger("zhbrief")
# `extra=FILE_ONLY` on a record: for the log file alone, because the console already showed it
# (the summary line on stdout, a fatal error printed by the CLI)
FILE_ONLY = {"file_only": True}


def _not_file_only(record: logging.LogRecord) -> bool:
    return not getattr(record, "file_only", False)


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
    console.addFilter(_not_file_only)
    log.addHandler(console)
    if log_file is not None:
        add_log_file(log_file, verbose)
    return level


class LogFile(logging.FileHandler):
    """A log file that, when a write fails (a full disk, /dev/full), says so once on stderr and
    is left alone: the work goes on and its exit code is its own, not the log's."""

    broken = False

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record, unless an earlier write failed."""
        if not self.broken:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """One line on stderr for the first failed write, instead of a traceback for each."""
        if self.broken:
            return
        self.broken = True
        error = sys.exc_info()[1]
        reason = getattr(error, "strerror", None) or error or "write failed"
        # the log file is the one place that cannot report through the log: stderr directly
        sys.stderr.write(
            f"Warning: cannot write the log file {self.baseFilename} ({reason}); "
            "logging to it stopped, the work goes on.\n"
        )

    def flush(self) -> None:
        """Flush, a failure said once (handleError) rather than raised."""
        try:
            super().flush()
        except OSError:
            self.handleError(logging.makeLogRecord({}))

    def close(self) -> None:
        """Close the file; what a full disk kept in its buffer is given up."""
        with contextlib.suppress(OSError):
            super().close()


def add_log_file(log_file: Path, verbose: int) -> None:
    """Also log to `log_file`, with timestamps: everything the console says, and more with -v."""
    try:
        handler = LogFile(log_file, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"Cannot open the log file {log_file} ({exc.strerror or exc}); "
            "create its folder or give --log-file another path."
        ) from None
    handler.setLevel(logging.DEBUG if verbose else logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)


def close_logging() -> None:
    """Close and drop every handler, so nothing outlives the command (or a test's streams)."""
    for handler in list(log.handlers):
        handler.close()
        log.removeHandler(handler)


@contextmanager
def console_through_tqdm(level: int) -> Iterator[None]:
    """Route console log lines around the progress bars, keeping the console's level."""
    with logging_redirect_tqdm(loggers=[log]):
        # tqdm swaps in its own handler without copying the level: without this, -q would log debug.
        for handler in log.handlers:
            if not isinstance(handler, logging.FileHandler):
                handler.setLevel(level)
                handler.addFilter(_not_file_only)
        yield
