"""`zhbrief status`, `serve` and `fetch`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from zhbrief.cli.base import app, build_settings, fail, log, stopped
from zhbrief.cli.command import Command, PanelledCommand
from zhbrief.cli.options import (
    FETCHING,
    INPUT_OUTPUT,
    ConfigOpt,
    Flag,
    InputArg,
    JsonOpt,
    LogFileOpt,
    OutputOpt,
    Quiet,
    Verbose,
)
from zhbrief.errors import Interrupted, UsageError, ZhbriefError
from zhbrief.logs import FILE_ONLY, close_logging, console_through_tqdm, setup_logging
from zhbrief.run.interrupt import stop_on_signals

if TYPE_CHECKING:
    from zhbrief.fetch.report import FetchReport


@app.command(
    cls=Command, epilog="Exit codes: 0 no article failing; 1 some article failed; 2 usage error."
)
def status(
    input: InputArg = None,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show pending, done, failed and skipped articles, and why.

    Exits 1 while any article is failing.
    """
    from zhbrief.run.status import collect_status, render_status, status_json

    try:
        settings = build_settings(config, input=input, output=output)
        report = collect_status(settings)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(status_json(report) if as_json else render_status(report), nl=False)
    raise typer.Exit(1 if report.failed else 0)


@app.command(cls=Command)
def serve(
    output: OutputOpt = None,
    port: Annotated[
        int,
        typer.Option(
            "--port", metavar="N", help="Port on 127.0.0.1. Default: 8000.", show_default=False
        ),
    ] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve OUTPUT's reading site, feeds and digests on 127.0.0.1, to read here.

    For reading on this machine only; to publish, serve the output folder from a web server.
    """
    from zhbrief.serve import serve_site

    try:
        settings = build_settings(config, output=output)
        serve_site(
            settings.output, port, ready=lambda url: typer.echo(f"Serving {url} (Ctrl-C stops)")
        )
    except ZhbriefError as exc:
        raise fail(exc) from None
    except KeyboardInterrupt:
        raise typer.Exit(0) from None


@app.command(
    cls=PanelledCommand,
    epilog="Exit codes: 0 all fetched; 1 some URL failed, or none could be reached; "
    "2 usage error; 75 a run or fetch holds the output folder's lock; "
    "130/143 stopped by SIGINT/SIGTERM.",
)
def fetch(
    urls: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="URL",
            help="Article URLs to fetch once, instead of the [fetch] sources. Default: none.",
        ),
    ] = None,
    input: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--input",
            "-i",
            metavar="DIR",
            help="Folder the pages are saved in. Default: input/",
            rich_help_panel=INPUT_OUTPUT,
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Output folder, whose state records the fetches. Default: output/",
            rich_help_panel=INPUT_OUTPUT,
        ),
    ] = None,
    dry_run: Annotated[
        Flag,
        typer.Option(
            "--dry-run",
            help="Read the sources; list what would be fetched. Default: off.",
            rich_help_panel=FETCHING,
        ),
    ] = False,
    refetch: Annotated[
        Flag,
        typer.Option(
            "--refetch",
            help="Fetch pages again even if fetched before. Default: off.",
            rich_help_panel=FETCHING,
        ),
    ] = False,
    opml: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--opml",
            metavar="FILE",
            help="A feed reader's subscriptions (OPML export): fetch its feeds too, "
            "instead of the [fetch] opml file. Default: none.",
            rich_help_panel=FETCHING,
        ),
    ] = None,
    list_sources: Annotated[
        Flag,
        typer.Option(
            "--list",
            help="List the sources with what their last fetch found; fetch nothing. Default: off.",
            rich_help_panel=FETCHING,
        ),
    ] = False,
    config: ConfigOpt = None,
    log_file: LogFileOpt = None,
    quiet: Quiet = False,
    verbose: Verbose = 0,
) -> None:
    """Download new articles from the [fetch] sources into INPUT.

    The sources are feeds, sites and sitemaps named under [fetch] in zhbrief.toml, and the
    feeds of a feed reader's OPML export (--opml, or opml under [fetch]).
    """
    from zhbrief.fetch.job import job_of
    from zhbrief.fetch.listing import list_sources as listing
    from zhbrief.fetch.runner import fetch as fetch_all

    try:
        settings = build_settings(config, input=input, output=output, log_file=log_file)
        job = job_of(settings, list(urls or []), refetch, dry_run, opml)
        if list_sources:
            for line in listing(job):
                typer.echo(line)
            raise typer.Exit(0)
        if not job.sources and not job.urls:
            raise UsageError(
                "Nothing to fetch: add sources = [...] (or urls_file, opml) under [fetch] in "
                "zhbrief.toml, or give article URLs."
            )
        level = setup_logging(quiet, verbose, settings.log_file)
        with stop_on_signals(), console_through_tqdm(level):
            report = fetch_all(job, progress=not quiet and sys.stderr.isatty())
        tell_fetch(report, quiet, dry_run)
    except ZhbriefError as exc:
        raise fail(exc) from None
    except Interrupted as stop:
        raise stopped(stop, "pages already saved", "fetch") from None
    finally:
        close_logging()
    raise typer.Exit(1 if report.failures else 0)


def tell_fetch(report: FetchReport, quiet: bool, dry_run: bool) -> None:
    """Say what a fetch did: failures on stderr (a held host once), the summary line; all logged."""
    for url in report.planned:
        typer.echo(url)
    for url, reason in report.failed:
        log.error("%s: %s", url, reason)
    for line in report.held_lines():
        log.error("%s", line)
    for url, reason in report.skipped:
        log.warning("%s: skipped: %s", url, reason)
    log.info(report.summary_line(), extra=FILE_ONLY)
    if not quiet:
        typer.echo(report.summary_line(), err=dry_run)
