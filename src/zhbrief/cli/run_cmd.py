"""`zhbrief run`: a folder, one file or stdin into briefs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from zhbrief.cli.base import EXIT_CODES, app, build_settings, fail, log
from zhbrief.cli.command import PanelledCommand
from zhbrief.cli.options import (
    INPUT_OUTPUT,
    MODEL,
    REPROCESS,
    SCALE,
    SUMMARY,
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


@app.command(cls=PanelledCommand, epilog=EXIT_CODES)
def run(
    input: RunInputArg = None,
    output: RunOutputOpt = None,
    formats: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--format",
            metavar="LIST",
            help="md: Markdown briefs and digests only; md,html: also the reading site, feed and "
            "HTML digests (one article: Markdown only). Default: md,html.",
            rich_help_panel=INPUT_OUTPUT,
        ),
    ] = None,
    max_bytes: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--max-bytes",
            metavar="N",
            help="Largest input file read. Default: 5000000.",
            rich_help_panel=INPUT_OUTPUT,
        ),
    ] = None,
    follow_symlinks: Annotated[
        Flag,
        typer.Option(
            "--follow-symlinks",
            help="Also read links that lead outside INPUT (else skipped and reported). "
            "Default: off.",
            rich_help_panel=INPUT_OUTPUT,
        ),
    ] = False,
    summarizer: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--summarizer",
            metavar="NAME",
            help=f"One of: {', '.join(NAMES)}. Default: news.",
            rich_help_panel=SUMMARY,
        ),
    ] = None,
    sentences: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--sentences",
            "-n",
            metavar="N",
            help="Summary sentences. Default: follows the article, 1-2 for a short post, "
            "up to 6 for a long feature.",
            rich_help_panel=SUMMARY,
        ),
    ] = None,
    ratio: Annotated[
        Optional[float],  # noqa: UP045
        typer.Option(
            "--ratio",
            metavar="R",
            help="Summary length as a share of the sentences (not with -n). Default: none.",
            rich_help_panel=SUMMARY,
        ),
    ] = None,
    model: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--model",
            metavar="PATH",
            help="An .argosmodel file or unpacked package folder, used without installing it. "
            "Default: the installed package.",
            rich_help_panel=MODEL,
        ),
    ] = None,
    no_download: Annotated[
        Flag,
        typer.Option(
            "--no-download",
            help="Never fetch a model from the Argos index. Default: off (downloads the "
            "official package when none is installed).",
            rich_help_panel=MODEL,
        ),
    ] = False,
    beam_size: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--beam-size",
            metavar="N",
            help="Decoding beam. Default: 4, as Argos.",
            rich_help_panel=MODEL,
        ),
    ] = None,
    device: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--device",
            metavar="NAME",
            help="Where CTranslate2 runs: auto, cpu or cuda. Default: auto (CUDA when a GPU "
            "is present; $ARGOS_DEVICE_TYPE when set).",
            rich_help_panel=SCALE,
        ),
    ] = None,
    compute_type: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--compute-type",
            metavar="TYPE",
            help="CTranslate2 compute type, e.g. int8 (CPU), float16 or int8_float16 (GPU). "
            "Default: auto (the fastest the device supports).",
            rich_help_panel=SCALE,
        ),
    ] = None,
    threads: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--threads",
            metavar="N",
            help="CTranslate2 threads. Default: 0 (all cores).",
            rich_help_panel=SCALE,
        ),
    ] = None,
    inter_threads: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--inter-threads",
            metavar="N",
            help="Model replicas; --threads are split among them. Default: 0 (by cores).",
            rich_help_panel=SCALE,
        ),
    ] = None,
    workers: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--workers",
            metavar="N",
            help="Brief on N Dask worker processes on this machine (pip install "
            "'zhbrief[distributed]'). Default: 0 (one process, no Dask).",
            rich_help_panel=SCALE,
        ),
    ] = None,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--scheduler",
            metavar="URL",
            help="Brief on a running Dask cluster, e.g. tcp://HOST:8786 (pip install "
            "'zhbrief[distributed]'). Default: none.",
            rich_help_panel=SCALE,
        ),
    ] = None,
    force: Annotated[
        Flag,
        typer.Option(
            "--force", help="Re-process every article. Default: off.", rich_help_panel=REPROCESS
        ),
    ] = False,
    retry_failed: Annotated[
        Flag,
        typer.Option(
            "--retry-failed",
            help="Retry articles that failed before. Default: off.",
            rich_help_panel=REPROCESS,
        ),
    ] = False,
    prune: Annotated[
        Flag,
        typer.Option(
            "--prune",
            help="Remove briefs whose source was deleted. Default: off.",
            rich_help_panel=REPROCESS,
        ),
    ] = False,
    rebuild_state: Annotated[
        Flag,
        typer.Option(
            "--rebuild-state",
            help="Move a damaged state database aside (state.db.old-N) and start afresh; "
            "briefs on disk whose source is unchanged are adopted, not re-made. Default: off.",
            rich_help_panel=REPROCESS,
        ),
    ] = False,
    as_json: JsonOpt = False,
    quiet: Quiet = False,
    verbose: Verbose = 0,
    log_file: LogFileOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Brief every new or changed article of INPUT into OUTPUT.

    Translates each article, sentence by sentence, summarises it and writes one Markdown brief
    per article (and the reading site); an unchanged article is left alone.
    """
    from zhbrief.run.runner import run as run_all
    from zhbrief.run.single import STDIN, STDOUT, check_single_options, is_single, run_single

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
