"""The zhbrief command: parse options, build Settings, call the library, map to an exit code."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from zhbrief import __version__
from zhbrief.config import Settings, config_note, load_settings
from zhbrief.errors import Interrupted, UsageError, ZhbriefError
from zhbrief.logs import FILE_ONLY, add_log_file, close_logging, console_through_tqdm, setup_logging
from zhbrief.run.interrupt import stop_on_signals
from zhbrief.summarizers import NAMES

if TYPE_CHECKING:
    from zhbrief.run.report import RunReport

EXIT_CODES = """Exit codes: 0 all good; 1 some articles failed (the others are still written);
2 usage error (bad option, missing input folder, bad config);
3 no zh→en translation model; 4 state database damaged (--rebuild-state);
5 permissions (a folder or file cannot be written); 6 disk full or disk error;
75 another run holds the output folder's lock; 130/143 stopped by SIGINT/SIGTERM."""

FIRST_STEPS = """zhbrief turns Chinese news articles into English briefs, offline: a summary, key
terms and the full translation beside the Chinese, one Markdown file per article.

\b
First steps:
  zhbrief model install zh_en   get the zh→en translation model (once, about 74 MB)
  zhbrief run input/            brief every new article of input/ into output/
  zhbrief status input/         what is pending, done, failed or skipped, and why"""

app = typer.Typer(
    help=FIRST_STEPS + "\n\n" + EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain Click help: Typer's rich panels print a type column that shows flags as "<bool>"
    rich_markup_mode=None,
)
model_app = typer.Typer(
    help="Install, list and remove Argos zh→en translation packages.", rich_markup_mode=None
)
app.add_typer(model_app, name="model")
log = logging.getLogger("zhbrief")


def fail(exc: ZhbriefError) -> typer.Exit:
    """Print a ZhbriefError the one way the CLI does, and return the exit to raise."""
    typer.echo(f"Error: {exc}", err=True)
    if log.handlers:  # the log file keeps what stderr said; none: logging not set up
        log.error("Error: %s", exc, extra=FILE_ONLY)
    return typer.Exit(exc.exit_code)


def show_version(value: bool) -> None:
    """--version: print the version and stop."""
    if value:
        typer.echo(f"zhbrief {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--version", "-V", callback=show_version, is_eager=True, help="Print the version."
        ),
    ] = None,
) -> None:
    """Options before the command."""


def build_settings(config: Path | None, **flags: Any) -> Settings:
    """Settings from defaults, the config file, the environment and these flags."""
    return load_settings(flags, config=config)


# Optional[...] rather than `X | None`: Typer reads these annotations at runtime on Python 3.10.
InputArg = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Argument(help="Folder of Chinese articles (.txt, .md, .html). Default: input/"),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", help="Folder for the briefs. Default: output/"),
]
RunInputArg = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Argument(
        help="Folder of Chinese articles (.txt, .md, .html), one article file, "
        "or - to read one article from stdin. Default: input/"
    ),
]
RunOutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help="Folder for the briefs, or - for stdout (one article). "
        "Default: output/ (stdout when reading stdin).",
    ),
]
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--config",
        help="Config file. Default: ./zhbrief.toml, else $XDG_CONFIG_HOME/zhbrief/config.toml.",
    ),
]
Flag = bool  # a switch: shown without a value in --help
JsonOpt = Annotated[
    Flag, typer.Option("--json", help="Print the report as JSON on stdout. Default: off.")
]


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
    log_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--log-file", help="Also log to this file, with timestamps. Default: none."),
    ] = None,
    quiet: Annotated[
        Flag,
        typer.Option(
            "--quiet", "-q", help="No progress, no summary line; errors only. Default: off."
        ),
    ] = False,
    as_json: JsonOpt = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="More log detail (-vv: debug). Default: 0.",
        ),
    ] = 0,
) -> None:
    """Translate and brief every new or changed article of INPUT into OUTPUT."""
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


@app.command(epilog="Exit codes: 0 no article failing; 1 some article failed; 2 usage error.")
def status(
    input: InputArg = None,
    output: OutputOpt = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show pending, done, failed and skipped articles, with reasons; exit 1 if any failed."""
    from zhbrief.run.status import collect_status, render_status, status_json

    try:
        settings = build_settings(config, input=input, output=output)
        report = collect_status(settings)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(status_json(report) if as_json else render_status(report), nl=False)
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def serve(
    output: OutputOpt = None,
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8000,
    config: ConfigOpt = None,
) -> None:
    """Serve OUTPUT/site/ on 127.0.0.1 for reading in a browser on this machine."""
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
    epilog="Exit codes: 0 all fetched; 1 some URL failed, or none could be reached; "
    "2 usage error; 75 a run or fetch holds the output folder's lock."
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
        typer.Option("--input", "-i", help="Folder the pages are saved in. Default: input/"),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="Output folder, whose state records the fetches. Default: output/",
        ),
    ] = None,
    dry_run: Annotated[
        Flag,
        typer.Option(
            "--dry-run", help="Read the sources; list what would be fetched. Default: off."
        ),
    ] = False,
    refetch: Annotated[
        Flag,
        typer.Option("--refetch", help="Fetch pages again even if fetched before. Default: off."),
    ] = False,
    config: ConfigOpt = None,
    log_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--log-file", help="Also log to this file. Default: none."),
    ] = None,
    quiet: Annotated[
        Flag,
        typer.Option(
            "--quiet", "-q", help="No progress, no summary line; errors only. Default: off."
        ),
    ] = False,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log detail (-vv: debug).")
    ] = 0,
) -> None:
    """Download new articles from the [fetch] sources (feeds, sites, sitemaps) into INPUT."""
    from zhbrief.fetch.job import job_of
    from zhbrief.fetch.runner import fetch as fetch_all

    try:
        settings = build_settings(config, input=input, output=output, log_file=log_file)
        job = job_of(settings, list(urls or []), refetch, dry_run)
        if not job.sources and not job.urls:
            raise UsageError(
                "Nothing to fetch: add sources = [...] (or urls_file) under [fetch] in "
                "zhbrief.toml, or give article URLs."
            )
        level = setup_logging(quiet, verbose, settings.log_file)
        with console_through_tqdm(level):
            report = fetch_all(job, progress=not quiet and sys.stderr.isatty())
    except ZhbriefError as exc:
        raise fail(exc) from None
    for url in report.planned:
        typer.echo(url)
    for url, reason in report.failed:
        typer.echo(f"{url}: {reason}", err=True)
    for url, reason in report.skipped:
        if not quiet:
            typer.echo(f"{url}: skipped: {reason}", err=True)
    log.info(report.summary_line())
    if not quiet:
        typer.echo(report.summary_line(), err=dry_run)
    raise typer.Exit(1 if report.failed else 0)


@model_app.command("install")
def model_install(
    source: Annotated[
        str,
        typer.Argument(
            help="An .argosmodel file, or zh_en for the official package. Default: zh_en."
        ),
    ] = "zh_en",
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No download bar. Default: off.")
    ] = False,
) -> None:
    """Install a package from a file, or the official zh→en package from the Argos index."""
    from zhbrief.translation.download import download_and_install
    from zhbrief.translation.packages import install_package

    try:
        if Path(source).exists() or source.endswith(".argosmodel"):
            info = install_package(Path(source))
        elif source == "zh_en":
            info = download_and_install(progress=not quiet and sys.stderr.isatty())
        else:
            raise UsageError(f"Unknown package {source!r}: give an .argosmodel file or zh_en.")
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(
        f"Installed {info.name} {info.version} ({info.from_code}→{info.to_code}) in {info.path}"
    )


@model_app.command("download")
def model_download(
    to: Annotated[
        Path, typer.Option("--to", help="Folder to save the file in. Default: the current folder.")
    ] = Path("."),
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No download bar. Default: off.")
    ] = False,
) -> None:
    """Download the official zh→en .argosmodel file without installing it, for an offline machine."""
    from zhbrief.translation.download import download_official

    try:
        path = download_official(to, progress=not quiet and sys.stderr.isatty())
    except ZhbriefError as exc:
        raise fail(exc) from None
    size = path.stat().st_size / 1e6
    typer.echo(f"Downloaded {path} ({size:.1f} MB).")
    typer.echo(f"Carry it to the offline machine and run: zhbrief model install {path.name}")


@model_app.command("list")
def model_list() -> None:
    """List installed packages: pair, name, version and folder."""
    from zhbrief.places import packages_dir
    from zhbrief.translation.packages import list_packages

    found = list_packages()
    if not found:
        typer.echo(f"No packages installed in {packages_dir()}.")
    for p in found:
        typer.echo(f"{p.from_code}→{p.to_code}\t{p.name}\t{p.version}\t{p.path}")


@model_app.command("remove")
def model_remove(
    name: Annotated[str, typer.Argument(help="Package folder name, or zh_en.")],
) -> None:
    """Remove an installed package."""
    from zhbrief.translation.packages import remove_package

    try:
        info = remove_package(name)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(f"Removed {info.name} {info.version} from {info.path}")


def main() -> None:
    """Console-script entry point."""
    app(prog_name="zhbrief")  # also under `python -m zhbrief`, so completion scripts match
