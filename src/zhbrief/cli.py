"""The zhbrief command: parse options, build Settings, call the library, map to an exit code."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from zhbrief.config import Settings, load_settings
from zhbrief.errors import Interrupted, UsageError, ZhbriefError
from zhbrief.logs import console_through_tqdm, setup_logging
from zhbrief.run.interrupt import stop_on_signals
from zhbrief.summarizers import NAMES

EXIT_CODES = """Exit codes: 0 all good; 1 some articles failed (the others are still written);
2 usage error (bad option, missing or empty input folder, bad config);
3 no zh→en translation model; 4 state database damaged (--rebuild-state);
5 permissions (a folder or file cannot be written); 6 disk full or disk error;
75 another run holds the output folder's lock; 130/143 stopped by SIGINT/SIGTERM."""

app = typer.Typer(
    help="Offline bilingual English briefs of Chinese news articles.\n\n" + EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
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
    return typer.Exit(exc.exit_code)


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
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--config", help="Config file. Default: ./zhbrief.toml if present."),
]
Flag = bool  # a switch: shown without a value in --help


@app.command(epilog=EXIT_CODES)
def run(
    input: InputArg = None,
    output: OutputOpt = None,
    model: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--model", help="An .argosmodel file or unpacked package folder."),
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
        typer.Option("--ratio", help="Summary length as a share of the sentences."),
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
        Flag, typer.Option("--no-download", help="Never fetch a model from the Argos index.")
    ] = False,
    force: Annotated[Flag, typer.Option("--force", help="Re-process every article.")] = False,
    retry_failed: Annotated[
        Flag, typer.Option("--retry-failed", help="Retry articles that failed before.")
    ] = False,
    prune: Annotated[
        Flag, typer.Option("--prune", help="Remove briefs whose source was deleted.")
    ] = False,
    follow_symlinks: Annotated[
        Flag,
        typer.Option("--follow-symlinks", help="Also read links that lead outside INPUT."),
    ] = False,
    rebuild_state: Annotated[
        Flag,
        typer.Option(
            "--rebuild-state",
            help="Move the state database aside and start afresh; briefs on disk are adopted.",
        ),
    ] = False,
    config: ConfigOpt = None,
    log_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--log-file", help="Also log to this file."),
    ] = None,
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No progress, no summary line; errors only.")
    ] = False,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="More log detail (-vv: debug).")
    ] = 0,
) -> None:
    """Translate and brief every new or changed article of INPUT into OUTPUT."""
    from zhbrief.run.runner import run as run_all

    try:
        settings = build_settings(
            config,
            input=input,
            output=output,
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
        level = setup_logging(quiet, verbose, settings.log_file)
        progress = not quiet and sys.stderr.isatty()
        with stop_on_signals(), console_through_tqdm(level):
            report = run_all(settings, progress=progress)
    except ZhbriefError as exc:
        raise fail(exc) from None
    except Interrupted as stop:
        typer.echo(
            f"Stopped by {stop.name}: briefs already written are kept; the next run does the rest.",
            err=True,
        )
        raise typer.Exit(stop.exit_code) from None
    for rel, reason in report.failed:
        typer.echo(f"{rel}: {reason}", err=True)
    for rel, reason in report.skipped:
        if not quiet:
            typer.echo(f"{rel}: skipped: {reason}", err=True)
    log.info(report.summary_line())
    if not quiet:
        typer.echo(report.summary_line())
    raise typer.Exit(1 if report.failed else 0)


@app.command()
def status(input: InputArg = None, output: OutputOpt = None, config: ConfigOpt = None) -> None:
    """Show pending, done, failed and skipped articles, with reasons."""
    from zhbrief.run.status import collect_status, render_status

    try:
        settings = build_settings(config, input=input, output=output)
        typer.echo(render_status(collect_status(settings)), nl=False)
    except ZhbriefError as exc:
        raise fail(exc) from None


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
            metavar="URL", help="Article URLs to fetch once, instead of the [fetch] sources."
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
        Flag, typer.Option("--dry-run", help="Read the sources; list what would be fetched.")
    ] = False,
    refetch: Annotated[
        Flag, typer.Option("--refetch", help="Fetch pages again even if fetched before.")
    ] = False,
    config: ConfigOpt = None,
    log_file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--log-file", help="Also log to this file."),
    ] = None,
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No progress, no summary line; errors only.")
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
        str, typer.Argument(help="An .argosmodel file, or zh_en for the official package.")
    ] = "zh_en",
    quiet: Annotated[Flag, typer.Option("--quiet", "-q", help="No download bar.")] = False,
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
    app()
