"""`zhbrief model`: install, download, list and remove Argos zh→en packages and CTranslate2
model folders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from zhbrief.cli.base import fail, model_app
from zhbrief.cli.command import Command
from zhbrief.cli.options import Flag
from zhbrief.errors import UsageError, ZhbriefError
from zhbrief.translation.folders import FAMILY_NAMES


@model_app.command("install", cls=Command)
def model_install(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="An .argosmodel file, a CTranslate2 model folder (OPUS-MT, NLLB-200, "
            "M2M-100), or zh_en for the official package. Default: zh_en.",
            show_default=False,
        ),
    ] = "zh_en",
    name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--name",
            metavar="NAME",
            help="The name a model folder is installed under (--engine ctranslate2 --model "
            "NAME). Default: the folder's own name.",
        ),
    ] = None,
    quiet: Annotated[
        Flag, typer.Option("--quiet", "-q", help="No download bar. Default: off.")
    ] = False,
) -> None:
    """Install a package from a file or a model folder, or the official zh→en one.

    zh_en downloads the official package from the Argos index; a CTranslate2 model folder is
    checked (it must translate one sentence) and copied into zhbrief's models folder.
    """
    from zhbrief.translation.download import download_and_install
    from zhbrief.translation.folder_packages import install_folder
    from zhbrief.translation.packages import install_package

    try:
        if Path(source).is_dir():
            folder = install_folder(Path(source), name)
            typer.echo(f"Installed {folder.label} ({FAMILY_NAMES[folder.family]}) in {folder.path}")
            return
        if Path(source).exists() or source.endswith(".argosmodel"):
            info = install_package(Path(source))
        elif source == "zh_en":
            info = download_and_install(progress=not quiet and sys.stderr.isatty())
        else:
            raise UsageError(
                f"Unknown package {source!r}: give an .argosmodel file, a model folder or zh_en."
            )
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
    """List installed packages and model folders: pair or engine, name, version or family,
    folder."""
    from zhbrief.places import packages_dir
    from zhbrief.translation.folder_packages import list_folders
    from zhbrief.translation.packages import list_packages

    found, folders = list_packages(), list_folders()
    if not found and not folders:
        typer.echo(f"No packages installed in {packages_dir()}.")
    for p in found:
        typer.echo(f"{p.from_code}→{p.to_code}\t{p.name}\t{p.version}\t{p.path}")
    for f in folders:
        typer.echo(f"ctranslate2\t{f.name}\t{FAMILY_NAMES[f.family]}\t{f.path}")


@model_app.command("remove", cls=Command)
def model_remove(
    name: Annotated[
        str,
        typer.Argument(metavar="NAME", help="Package or model folder name, or zh_en."),
    ],
) -> None:
    """Remove an installed package or model folder."""
    from zhbrief.translation.folder_packages import remove_folder
    from zhbrief.translation.packages import remove_package

    try:
        folder = remove_folder(name)
        if folder is not None:
            typer.echo(f"Removed {folder.label} from {folder.path}")
            return
        info = remove_package(name)
    except ZhbriefError as exc:
        raise fail(exc) from None
    typer.echo(f"Removed {info.name} {info.version} from {info.path}")
