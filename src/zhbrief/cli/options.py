"""Options that several commands share, as Annotated types Typer reads, and the help panels."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

# The sections of a long --help, in the order they are shown (cli/command.py prints them);
# an option without a panel goes under "Options", last.
INPUT_OUTPUT = "Input and output"
SUMMARY = "Summary"
MODEL = "Translation model"
SCALE = "Performance and scaling"
REPROCESS = "Re-processing"
FETCHING = "Fetching"
REPORTS = "Reports and logging"

# Optional[...] rather than `X | None`: Typer reads these annotations at runtime on Python 3.10.
InputArg = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Argument(
        metavar="INPUT",
        help="Folder of Chinese articles (.txt, .md, .html). Default: input/",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--output", "-o", metavar="DIR", help="Folder of the briefs. Default: output/"),
]
RunInputArg = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Argument(
        metavar="INPUT",
        help="Folder of Chinese articles (.txt, .md, .html), one article file, "
        "or - to read one article from stdin. Default: input/",
        show_default=False,
    ),
]
RunOutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Folder for the briefs, or - for stdout (one article). "
        "Default: output/ (stdout when reading stdin).",
        rich_help_panel=INPUT_OUTPUT,
    ),
]
ConfigOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--config",
        metavar="FILE",
        help="Settings file. Default: ./zhbrief.toml, else $XDG_CONFIG_HOME/zhbrief/config.toml.",
    ),
]
Flag = bool  # a switch: shown without a value in --help
JsonOpt = Annotated[
    Flag,
    typer.Option(
        "--json", help="Print the report as JSON on stdout. Default: off.", rich_help_panel=REPORTS
    ),
]
Quiet = Annotated[
    Flag,
    typer.Option(
        "--quiet",
        "-q",
        help="No progress, no summary line; errors only. Default: off.",
        rich_help_panel=REPORTS,
    ),
]
LogFileOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--log-file",
        metavar="FILE",
        help="Also log to this file, with timestamps: all said on stderr, and the summary line. "
        "Default: none.",
        rich_help_panel=REPORTS,
    ),
]
Verbose = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="More detail; -vv: debug detail too. Default: off.",
        rich_help_panel=REPORTS,
    ),
]
