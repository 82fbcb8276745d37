"""`zhbrief model`: install, download, list and remove Argos zh→en packages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from zhbrief.cli.base import fail, model_app
from zhbrief.cli.command import Command
from zhbrief.cli.options import Flag
from zhbrief.errors import UsageError, ZhbriefError


@model_app.command("install", cls=Command)
def model_install(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="An .argosmodel file, or zh_en for the official package. Default: zh_en.",
            show_default=False,
        ),
    ] = "zh_en",
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No download bar. Default: off.")
    ] = False,
) -> None:
    """Install a package from a file, or the official zh→en one.

    zh_en downloads the official package from the Argos index.
    """
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


@model_app.command("download", cls=Command)
def model_download(
    to: Annotated[
        Path,
        typer.Option(
            "--to",
            metavar="DIR",
            help="Folder to save the file in. Default: the current folder.",
            show_default=False,
        ),
    ] = Path("."),
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No download bar. Default: off.")
    ] = False,
) -> None:
    """Save the official .argosmodel file, for an offline machine.

    Downloads the official zh→en package file without installing it.
    """
    from zhbrief.translation.download import download_official

    try:
        path = download_official(to, progress=not quiet and sys.stderr.isatty())
    except ZhbriefError as exc:
        raise fail(exc) from None
    size = path.stat().st_size / 1e6
    typer.echo(f"Downloaded {path} ({size:.1f} MB).")
    typer.echo(f"Carry it to the offline machine and run: zhbrief model install {path.name}")


@model_app.command("list", cls=Command)
def model_list() -> None:
    """List installed packages: pair, name, version and folder."""
    from zhbrief.places import packages_dir
    from zhbrief.translation.packages import list_packages

    found = list_packages()
    if not found:
        typer.echo(f"No packages installed in {packages_dir()}.")
    for p in found:
        typer.echo(f"{p.from_code}→{p.to_code}\t{p.name}\t{p.version}\t{p.path}")


@model_app.command("remove", cls=Command)
def model_remove(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Package folder name, or zh_en.")],
) -> None:
    """Remove an installed package."""
    from zhbrief.translation.packages import remove_package

    try:
        info = remove_package(name)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(f"Removed {info.name} {info.version} from {info.path}")
