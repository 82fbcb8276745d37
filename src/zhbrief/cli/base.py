"""The Typer apps and what every command shares: the one way to fail, and Settings from flags."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from zhbrief import __version__
from zhbrief.cli.command import Group
from zhbrief.cli.exits import exit_codes_help
from zhbrief.config import Settings, load_settings
from zhbrief.errors import Interrupted, ZhbriefError
from zhbrief.logs import FILE_ONLY

EXIT_CODES = exit_codes_help()

FIRST_STEPS = """zhbrief turns Chinese news articles into English briefs, offline: a summary, key
terms and the full translation beside the Chinese, one Markdown file per article.

\b
First steps:
  zhbrief model install zh_en  the translation model (once, about 74 MB)
  zhbrief run input/           brief each new article of input/ into output/
  zhbrief status input/        what is pending, done, failed or skipped"""

app = typer.Typer(
    cls=Group,
    help=FIRST_STEPS + "\n\n" + EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain Click help, with panels as sections (cli/command.py): Typer's rich help prints
    # a type column that shows switches as "<bool>"
    rich_markup_mode=None,
)
model_app = typer.Typer(
    cls=Group,
    help="Install, list and remove zh→en models: Argos packages, CTranslate2 model folders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(model_app, name="model")
log = logging.getLogger("zhbrief")


def fail(exc: ZhbriefError) -> typer.Exit:
    """Print a ZhbriefError the one way the CLI does, and return the exit to raise."""
    typer.echo(f"Error: {exc}", err=True)
    if log.handlers:  # the log file keeps what stderr said; none: logging not set up
        log.error("Error: %s", exc, extra=FILE_ONLY)
    return typer.Exit(exc.exit_code)


def stopped(stop: Interrupted, kept: str, again: str) -> typer.Exit:
    """Say, on stderr and in the log file, that a signal stopped the command and what it kept;
    return the signal's exit to raise."""
    said = f"Stopped by {stop.name}: {kept} are kept; the next {again} does the rest."
    typer.echo(said, err=True)
    log.error(said, extra=FILE_ONLY)
    return typer.Exit(stop.exit_code)


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
