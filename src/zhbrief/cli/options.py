"""Options that several commands share, as Annotated types Typer reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

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
Quiet = Annotated[
    Flag,
    typer.Option("--quiet", "-q", help="No progress, no summary line; errors only. Default: off."),
]
LogFileOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--log-file", help="Also log to this file, with timestamps. Default: none."),
]
Verbose = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="More log detail (-vv: debug). Default: 0.",
    ),
]
