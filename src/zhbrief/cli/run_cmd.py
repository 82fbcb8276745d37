"""`zhbrief run`: a folder, one file or stdin into briefs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from zhbrief.cli.base import EXIT_CODES, app, build_settings, fail, log
from zhbrief.cli.options import (
    ConfigOpt,
    Flag,
    JsonOpt,
    LogFileOpt,
    Quiet,
    RunInputArg,
    RunOutputOpt,
    Verbose,
)
from zhbrief.config import config_note
from zhbrief.errors import Interrupted, ZhbriefError
from zhbrief.logs import FILE_ONLY, add_log_file, close_logging, console_through_tqdm, setup_logging
from zhbrief.run.interrupt import stop_on_signals
from zhbrief.summarizers import NAMES

if TYPE_CHECKING:
    from zhbrief.run.report import RunReport


@app.command(epilog=EXIT_CODES)
def run(
    input: RunInputArg = None,
    output: RunOutputOpt = None,
    model: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--model",
            help="An .argosmodel file or unpacked package folder. Default: the installed package.",
        ),
    ] = None,
    summarizer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--summarizer", help=f"One of: {', '.join(NAMES)}. Default: news."),
    ] = None,
    sentences: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--sentences", "-n", help="Summary sentences. Default: adapts to length."),
    ] = None,
    ratio: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            "--ratio",
            help="Summary length as a share of the sentences (not with -n). Default: none.",
        ),
    ] = None,
    beam_size: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--beam-size", help="Beam size. Default: 4."),
    ] = None,
    threads: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--threads", help="CTranslate2 threads. Default: 0 (all cores)."),
    ] = None,
    max_bytes: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--max-bytes", help="Largest input file read. Default: 5000000."),
    ] = None,
    formats: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format", help="Outputs: md, or md,html for the reading site. Default: md,html."
        ),
    ] = None,
    device: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--device", help="auto, cpu or cuda. Default: auto (CUDA when present)."),
    ] = None,
    compute_type: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--compute-type",
            help="CTranslate2 compute type, e.g. int8 (CPU), float16 or int8_float16 (GPU). "
            "Default: auto (the fastest the device supports).",
        ),
    ] = None,
    inter_threads: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--inter-threads",
            help="Model replicas; --threads are split among them. Default: 0 (by cores).",
        ),
    ] = None,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--workers", help="Dask worker processes on this machine (zhbrief[distributed])."
        ),
    ] = None,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--scheduler", help="A running Dask scheduler, e.g. tcp://HOST:8786."),
    ] = None,
    no_download: Annotated[
        Flag,
        typer.Option(
            "--no-download", help="Never fetch a model from the Argos index. Default: off."
        ),
    ] = False,
    force: Annotated[
        Flag, typer.Option("--force", help="Re-process every article. Default: off.")
    ] = False,
    retry_failed: Annotated[
        Flag,
        typer.Option("--retry-failed", help="Retry articles that failed before. Default: off."),
    ] = False,
    prune: Annotated[
        Flag, typer.Option("--prune", help="Remove briefs whose source was deleted. Default: off.")
    ] = False,
    follow_symlinks: Annotated[
        Flag,
        typer.Option(
            "--follow-symlinks", help="Also read links that lead outside INPUT. Default: off."
        ),
    ] = False,
    rebuild_state: Annotated[
        Flag,
        typer.Option(
            "--rebuild-state",
            help="Move the state database aside and start afresh; briefs on disk are adopted. "
            "Default: off.",
        ),
    ] = False,
    config: ConfigOpt = None,
    log_file: LogFileOpt = None,
    quiet: Quiet = False,
    as_json: JsonOpt = False,
    verbose: Verbose = 0,
) -> None:
    """Translate and brief every new or changed article of INPUT into OUTPUT."""
    from zhbrief.run.runner import run as run_all
    from zhbrief.run.runner import run_single
    from zhbrief.run.single import STDIN, STDOUT, check_single_options, is_single

    level = setup_logging(quiet, verbose, None)
    # one article (a file or stdin): the settings keep the input folder, to name it relative to
    single = input is not None and is_single(input)
    try:
        settings = build_settings(
            config,
            input=None if single else input,
            # stdin's brief goes to stdout unless -o names a folder
            output=STDOUT if output is None and input == STDIN else output,
            model=model,
            summarizer=summarizer,
            sentences=sentences,
            ratio=ratio,
            beam_size=beam_size,
            threads=threads,
            max_bytes=max_bytes,
            formats=formats,
            device=device,
            compute_type=compute_type,
            inter_threads=inter_threads,
            workers=workers,
            scheduler=scheduler,
            download=False if no_download else None,
            force=force or None,
            retry_failed=retry_failed or None,
            prune=prune or None,
            follow_symlinks=follow_symlinks or None,
            rebuild_state=rebuild_state or None,
            log_file=log_file,
        )
        if settings.log_file is not None:
            add_log_file(settings.log_file, verbose)
        log.info(config_note(config))
        check_single_options(single, settings.output == STDOUT, as_json)
        progress = not quiet and sys.stderr.isatty()
        with stop_on_signals(), console_through_tqdm(level):
            if input is not None and single:
                report, brief = run_single(settings, input, progress)
            else:
                report, brief = run_all(settings, progress=progress), None
        tell(report, quiet, as_json, to_stdout=settings.output == STDOUT)
        if brief is not None:
            typer.echo(brief, nl=False)
    except ZhbriefError as exc:
        raise fail(exc) from None
    except Interrupted as stop:
        said = (
            f"Stopped by {stop.name}: briefs already written are kept; the next run does the rest."
        )
        typer.echo(said, err=True)
        log.error(said, extra=FILE_ONLY)
        raise typer.Exit(stop.exit_code) from None
    finally:
        close_logging()
    raise typer.Exit(1 if report.failed else 0)


def tell(report: RunReport, quiet: bool, as_json: bool, to_stdout: bool) -> None:
    """Say what a run did: failures and skips on stderr, the summary or JSON on stdout; all logged."""
    from zhbrief.run.report import report_json

    for rel, reason in report.failed:
        log.error("%s: %s", rel, reason)
    for rel, reason in report.skipped:
        log.warning("%s: skipped: %s", rel, reason)
    if as_json:
        typer.echo(report_json(report), nl=False)
    if report.idle:
        return  # an empty drop folder: the run said so at -v
    if to_stdout or as_json or quiet:  # stdout is taken, or silence was asked for
        log.info(report.summary_line())
    else:
        log.info(report.summary_line(), extra=FILE_ONLY)
        typer.echo(report.summary_line())
