"""The options of `zhbrief run`, each under its help panel, as Annotated types Typer reads."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from zhbrief.cli.options import INPUT_OUTPUT, MODEL, REPROCESS, SCALE, SUMMARY, Flag
from zhbrief.summarizers import NAMES
from zhbrief.translation.engine import ENGINES

# Optional[...] rather than `X | None`: Typer reads these annotations at runtime on Python 3.10.
FormatOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--format",
        metavar="LIST",
        help="md: Markdown briefs and digests only; md,html: also the reading site, feed and "
        "HTML digests (one article: Markdown only). Default: md,html.",
        rich_help_panel=INPUT_OUTPUT,
    ),
]
MaxBytesOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--max-bytes",
        metavar="N",
        help="Largest input file read. Default: 5000000.",
        rich_help_panel=INPUT_OUTPUT,
    ),
]
FollowSymlinksOpt = Annotated[
    Flag,
    typer.Option(
        "--follow-symlinks",
        help="Also read links that lead outside INPUT (else skipped and reported). Default: off.",
        rich_help_panel=INPUT_OUTPUT,
    ),
]
SummarizerOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--summarizer",
        metavar="NAME",
        help=f"One of: {', '.join(NAMES)}. Default: news.",
        rich_help_panel=SUMMARY,
    ),
]
SentencesOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--sentences",
        "-n",
        metavar="N",
        help="Summary sentences. Default: follows the article, 1-2 for a short post, "
        "up to 6 for a long feature.",
        rich_help_panel=SUMMARY,
    ),
]
RatioOpt = Annotated[
    Optional[float],  # noqa: UP045
    typer.Option(
        "--ratio",
        metavar="R",
        help="Summary length as a share of the sentences (not with -n). Default: none.",
        rich_help_panel=SUMMARY,
    ),
]
EngineOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--engine",
        metavar="NAME",
        help=f"What translates: {', '.join(ENGINES)} (docs/engines.md). Default: argos.",
        rich_help_panel=MODEL,
    ),
]
EngineUrlOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--engine-url",
        metavar="URL",
        help="The libretranslate or openai server's address, e.g. http://127.0.0.1:5000. "
        "Default: none.",
        rich_help_panel=MODEL,
    ),
]
EngineModelOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--engine-model",
        metavar="NAME",
        help="The openai server's model name. Default: none.",
        rich_help_panel=MODEL,
    ),
]
ModelOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--model",
        metavar="PATH",
        help="argos: an .argosmodel file or unpacked package folder, used without installing "
        "it; ctranslate2: a converted model folder, or the name of an installed one. "
        "Default: the installed package (folder).",
        rich_help_panel=MODEL,
    ),
]
NoDownloadOpt = Annotated[
    Flag,
    typer.Option(
        "--no-download",
        help="Never fetch a model from the Argos index. Default: off (downloads the "
        "official package when none is installed).",
        rich_help_panel=MODEL,
    ),
]
BeamSizeOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--beam-size",
        metavar="N",
        help="Decoding beam. Default: 4, as Argos.",
        rich_help_panel=MODEL,
    ),
]
DeviceOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--device",
        metavar="NAME",
        help="Where CTranslate2 runs: auto, cpu or cuda. Default: auto (CUDA when a GPU "
        "is present; $ARGOS_DEVICE_TYPE when set).",
        rich_help_panel=SCALE,
    ),
]
ComputeTypeOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--compute-type",
        metavar="TYPE",
        help="CTranslate2 compute type, e.g. int8 (CPU), float16 or int8_float16 (GPU). "
        "Default: auto (the fastest the device supports).",
        rich_help_panel=SCALE,
    ),
]
ThreadsOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--threads",
        metavar="N",
        help="CTranslate2 threads. Default: 0 (all cores).",
        rich_help_panel=SCALE,
    ),
]
InterThreadsOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--inter-threads",
        metavar="N",
        help="Model replicas; --threads are split among them. Default: 0 (by cores).",
        rich_help_panel=SCALE,
    ),
]
WorkersOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--workers",
        metavar="N",
        help="Brief on N Dask worker processes on this machine (pip install "
        "'zhbrief[distributed]'). Default: 0 (one process, no Dask).",
        rich_help_panel=SCALE,
    ),
]
SchedulerOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--scheduler",
        metavar="URL",
        help="Brief on a running Dask cluster, e.g. tcp://HOST:8786 (pip install "
        "'zhbrief[distributed]'). Default: none.",
        rich_help_panel=SCALE,
    ),
]
ForceOpt = Annotated[
    Flag,
    typer.Option(
        "--force", help="Re-process every article. Default: off.", rich_help_panel=REPROCESS
    ),
]
RetryFailedOpt = Annotated[
    Flag,
    typer.Option(
        "--retry-failed",
        help="Retry articles that failed before. Default: off.",
        rich_help_panel=REPROCESS,
    ),
]
PruneOpt = Annotated[
    Flag,
    typer.Option(
        "--prune",
        help="Remove briefs whose source was deleted. Default: off.",
        rich_help_panel=REPROCESS,
    ),
]
RebuildStateOpt = Annotated[
    Flag,
    typer.Option(
        "--rebuild-state",
        help="Move a damaged state database aside (state.db.old-N) and start afresh; "
        "briefs on disk whose source is unchanged are adopted, not re-made. Default: off.",
        rich_help_panel=REPROCESS,
    ),
]
