"""Every exit code of the zhbrief command in one table: `--help` and docs/exit-codes.md read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExitCode:
    """One exit code (or the two of a signal pair) and what it means."""

    codes: tuple[int, ...]
    short: str  # the few words --help gives it
    meaning: str  # the whole story, for docs/exit-codes.md (Markdown)


EXIT_CODES = (
    ExitCode((0,), "all good", 'all good (including "nothing new" and an empty input folder)'),
    ExitCode(
        (1,),
        "some articles failed (the others are still written)",
        "some articles failed; the others were still written. Each failure is one "
        "`path: reason` line on stderr (and in the log file). `status`: some article is "
        "failing. `fetch`: some URL failed, or no source could be reached at all",
    ),
    ExitCode(
        (2,),
        "usage error (bad option, missing input folder, bad config)",
        "usage error: bad option or config (a number out of its range names the range, `-n` "
        "with `--ratio`, `-o -` with a folder), input folder missing, `-o` is the input folder "
        "or a file, a file zhbrief did not write stands at `output/index.md`, `--log-file` in a "
        "missing folder, `--device cuda` without a usable GPU",
    ),
    ExitCode(
        (3,),
        "no zh→en translation model",
        "no zh→en translation model (and none could be downloaded); a translation server "
        "(`--engine libretranslate`, `openai`) that cannot be reached or refuses zhbrief; a Dask "
        "worker whose package differs from the coordinator's",
    ),
    ExitCode(
        (4,),
        "state database damaged (--rebuild-state)",
        "the state database is damaged (checked when it is opened); run again with "
        "`--rebuild-state`",
    ),
    ExitCode(
        (5,),
        "permissions (a folder or file cannot be written)",
        "permissions: the output folder, its `.zhbrief/` folder or the database cannot be "
        "written by this user (fix the permissions; the database is not damaged)",
    ),
    ExitCode(
        (6,),
        "disk full or disk error",
        "the disk is full (or another disk error); free space and run again: what was written "
        "is kept, the rest is retried",
    ),
    ExitCode(
        (75,),
        "another run holds the output folder's lock",
        "another run (or fetch) holds the output folder's lock; this run did nothing",
    ),
    ExitCode(
        (130, 143),
        "stopped by SIGINT/SIGTERM",
        "stopped by SIGINT (Ctrl-C) / SIGTERM: briefs already written are kept, work in flight "
        "is dropped, temp files removed, the lock released; the next run does the rest",
    ),
)


def exit_codes_help() -> str:
    """The exit codes in one paragraph, for --help."""
    return "Exit codes: " + "; ".join(f"{codes_text(e, '/')} {e.short}" for e in EXIT_CODES) + "."


def codes_text(code: ExitCode, between: str = " / ") -> str:
    """The code, or a pair of codes as `130 / 143`."""
    return between.join(str(c) for c in code.codes)
