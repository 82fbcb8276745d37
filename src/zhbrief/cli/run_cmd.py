"""`zhbrief run`: a folder, one file or stdin into briefs."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer

from zhbrief.cli.base import EXIT_CODES, app, build_settings, fail, log, stopped
from zhbrief.cli.command import PanelledCommand
from zhbrief.cli.options import (
    ConfigOpt,
    JsonOpt,
    LogFileOpt,
    Quiet,
    RunInputArg,
    RunOutputOpt,
    Verbose,
)
from zhbrief.cli.run_options import (
    BeamSizeOpt,
    ComputeTypeOpt,
    DeviceOpt,
    EngineModelOpt,
    EngineOpt,
    EngineUrlOpt,
    FollowSymlinksOpt,
    ForceOpt,
    FormatOpt,
    InterThreadsOpt,
    MaxBytesOpt,
    ModelOpt,
    NoDownloadOpt,
    PruneOpt,
    RatioOpt,
    RebuildStateOpt,
    RetryFailedOpt,
    SchedulerOpt,
    SentencesOpt,
    SummarizerOpt,
    ThreadsOpt,
    WorkersOpt,
)
from zhbrief.config import config_note
from zhbrief.errors import Interrupted, ZhbriefError
from zhbrief.logs import FILE_ONLY, add_log_file, close_logging, console_through_tqdm, setup_logging
from zhbrief.run.interrupt import stop_on_signals

if TYPE_CHECKING:
    from zhbrief.run.report import RunReport


@app.command(cls=PanelledCommand, epilog=EXIT_CODES)
def run(
    input: RunInputArg = None,
    output: RunOutputOpt = None,
    formats: FormatOpt = None,
    max_bytes: MaxBytesOpt = None,
    follow_symlinks: FollowSymlinksOpt = False,
    summarizer: SummarizerOpt = None,
    sentences: SentencesOpt = None,
    ratio: RatioOpt = None,
    engine: EngineOpt = None,
    engine_url: EngineUrlOpt = None,
    engine_model: EngineModelOpt = None,
    model: ModelOpt = None,
    no_download: NoDownloadOpt = False,
    beam_size: BeamSizeOpt = None,
    device: DeviceOpt = None,
    compute_type: ComputeTypeOpt = None,
    threads: ThreadsOpt = None,
    inter_threads: InterThreadsOpt = None,
    workers: WorkersOpt = None,
    scheduler: SchedulerOpt = None,
    force: ForceOpt = False,
    retry_failed: RetryFailedOpt = False,
    prune: PruneOpt = False,
    rebuild_state: RebuildStateOpt = False,
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
            engine=engine,
            engine_url=engine_url,
            engine_model=engine_model,
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
        raise stopped(stop, "briefs already written", "run") from None
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
