"""The zhbrief command: parse options, build Settings, call the library, map to an exit code."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from tqdm.contrib.logging import logging_redirect_tqdm

from zhbrief.config import SUMMARIZERS, Settings, load_settings
from zhbrief.errors import UsageError, ZhbriefError

EXIT_CODES = """Exit codes: 0 all good; 1 some articles failed (the others are still written);
2 usage error (bad option, missing or empty input folder, bad config);
3 no zh→en translation model; 75 another run holds the output folder's lock."""

app = typer.Typer(
    help="Offline bilingual English briefs of Chinese news articles.\n\n" + EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
model_app = typer.Typer(help="Install, list and remove Argos zh→en translation packages.")
app.add_typer(model_app, name="model")
log = logging.getLogger("zhbrief")


def fail(exc: ZhbriefError) -> typer.Exit:
    """Print a ZhbriefError the one way the CLI does, and return the exit to raise."""
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


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
        handler = logging.FileHandler(log_file, encoding="utf-8")
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


def build_settings(config: Path | None, **flags: Any) -> Settings:
    """Settings from defaults, the config file, the environment and these flags."""
    return load_settings(flags, config=config)


InputArg = typer.Argument(
    None, help="Folder of Chinese articles (.txt, .md, .html). Default: input/"
)
OutputOpt = typer.Option(None, "--output", "-o", help="Folder for the briefs. Default: output/")
ConfigOpt = typer.Option(None, "--config", help="Config file. Default: ./zhbrief.toml if present.")


@app.command(epilog=EXIT_CODES)
def run(
    input: Path | None = InputArg,
    output: Path | None = OutputOpt,
    model: Path | None = typer.Option(
        None, "--model", help="An .argosmodel file or unpacked package folder."
    ),
    summarizer: str | None = typer.Option(
        None, "--summarizer", help=f"One of: {', '.join(SUMMARIZERS)}."
    ),
    sentences: int | None = typer.Option(
        None, "--sentences", "-n", help="Summary sentences (default adapts to length)."
    ),
    ratio: float | None = typer.Option(
        None, "--ratio", help="Summary length as a share of the sentences."
    ),
    beam_size: int | None = typer.Option(None, "--beam-size", help="Beam size (default 4)."),
    threads: int | None = typer.Option(
        None, "--threads", help="CTranslate2 threads (0: all cores)."
    ),
    max_bytes: int | None = typer.Option(
        None, "--max-bytes", help="Largest input file read (default 5 MB)."
    ),
    no_download: bool = typer.Option(
        False, "--no-download", help="Never fetch a model from the Argos index."
    ),
    force: bool = typer.Option(False, "--force", help="Re-process every article."),
    retry_failed: bool = typer.Option(
        False, "--retry-failed", help="Retry articles that failed before."
    ),
    prune: bool = typer.Option(False, "--prune", help="Remove briefs whose source was deleted."),
    config: Path | None = ConfigOpt,
    log_file: Path | None = typer.Option(None, "--log-file", help="Also log to this file."),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="No progress, no summary line; errors only."
    ),
    verbose: int = typer.Option(
        0, "--verbose", "-v", count=True, help="More log detail (-vv: debug)."
    ),
) -> None:
    """Translate and brief every new or changed article of INPUT into OUTPUT."""
    from zhbrief.pipeline import run as run_pipeline

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
            download=False if no_download else None,
            force=force or None,
            retry_failed=retry_failed or None,
            prune=prune or None,
            log_file=log_file,
        )
        level = setup_logging(quiet, verbose, settings.log_file)
        progress = not quiet and sys.stderr.isatty()
        with console_through_tqdm(level):
            report = run_pipeline(settings, progress=progress)
    except ZhbriefError as exc:
        raise fail(exc) from None
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
def status(
    input: Path | None = InputArg,
    output: Path | None = OutputOpt,
    config: Path | None = ConfigOpt,
) -> None:
    """Show pending, done, failed and skipped articles, with reasons."""
    from zhbrief.status import collect_status, render_status

    try:
        settings = build_settings(config, input=input, output=output)
        typer.echo(render_status(collect_status(settings)), nl=False)
    except ZhbriefError as exc:
        raise fail(exc) from None


@model_app.command("install")
def model_install(
    source: str = typer.Argument(
        "zh_en", help="An .argosmodel file, or zh_en for the official package."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No download bar."),
) -> None:
    """Install a package from a file, or the official zh→en package from the Argos index."""
    import tempfile

    from zhbrief.packages import download_official, install_package

    try:
        if Path(source).exists() or source.endswith(".argosmodel"):
            info = install_package(Path(source))
        else:
            if source != "zh_en":
                raise UsageError(f"Unknown package {source!r}: give an .argosmodel file or zh_en.")
            with tempfile.TemporaryDirectory(prefix="zhbrief-download-") as tmp:
                progress = not quiet and sys.stderr.isatty()
                info = install_package(download_official(Path(tmp), progress=progress))
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(
        f"Installed {info.name} {info.version} ({info.from_code}→{info.to_code}) in {info.path}"
    )


@model_app.command("list")
def model_list() -> None:
    """List installed packages: pair, name, version and folder."""
    from zhbrief.packages import list_packages, packages_dir

    found = list_packages()
    if not found:
        typer.echo(f"No packages installed in {packages_dir()}.")
    for p in found:
        typer.echo(f"{p.from_code}→{p.to_code}\t{p.name}\t{p.version}\t{p.path}")


@model_app.command("remove")
def model_remove(name: str = typer.Argument(..., help="Package folder name, or zh_en.")) -> None:
    """Remove an installed package."""
    from zhbrief.packages import remove_package

    try:
        info = remove_package(name)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(f"Removed {info.name} {info.version} from {info.path}")


def main() -> None:
    """Console-script entry point."""
    app()
