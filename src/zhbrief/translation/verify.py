"""Checks a package passes before it is accepted: bounded unpacking, and a model that translates."""

from __future__ import annotations

import zipfile
from pathlib import Path

from zhbrief.errors import PackageError
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.engine import Decoding
from zhbrief.translation.metadata import read_package

MAX_UNPACKED = 1 << 30  # 1 GiB: the official zh→en package unpacks to a few hundred MB
MAX_RATIO = 20  # int8 weights barely compress; a zip bomb compresses a thousandfold
RATIO_FROM = 16 << 20  # small archives of text may compress well; the ratio matters when big
PROBE = "你好。"


def check_sizes(zf: zipfile.ZipFile, archive: Path) -> None:
    """Refuse an archive that would unpack too big, or far bigger than itself (a zip bomb)."""
    # the declared sizes bound extraction: zipfile never reads past a member's file_size
    unpacked = sum(i.file_size for i in zf.infolist())
    packed = sum(i.compress_size for i in zf.infolist())
    if unpacked > MAX_UNPACKED:
        raise PackageError(
            f"{archive} would unpack to {unpacked:,} bytes, over the {MAX_UNPACKED:,}-byte "
            "limit; refusing to install it. Use the official package."
        )
    if unpacked > RATIO_FROM and unpacked > MAX_RATIO * max(1, packed):
        raise PackageError(
            f"{archive} unpacks {unpacked // max(1, packed):,} times bigger than it is "
            "(a zip bomb?); refusing to install it. Use the official package."
        )


def check_model(folder: Path, shown: Path) -> None:
    """Load the package's model and translate one sentence; PackageError if that fails."""
    engine = ArgosEngine(read_package(folder, shown), Decoding(beam_size=1, threads=1))
    try:
        [english] = engine.translate_batch([PROBE])
    except Exception as exc:  # any failure of a model we did not make means: not usable
        raise PackageError(
            f"{shown}: its model cannot translate ({exc}); refusing to install it. "
            "Download the .argosmodel file again."
        ) from None
    if not isinstance(english, str):
        raise PackageError(f"{shown}: its model gave no translation; refusing to install it.")
