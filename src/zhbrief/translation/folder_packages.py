"""Find, install, list and remove CTranslate2 model folders (OPUS-MT, NLLB-200, M2M-100).

`zhbrief model install DIR` copies a checked folder into folders_dir() under a name; `--engine
ctranslate2 --model DIR|NAME` then uses a folder anywhere, or an installed one by its name.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from zhbrief.errors import NoModelError, PackageError
from zhbrief.places import folders_dir
from zhbrief.translation.engine import Decoding
from zhbrief.translation.folder_engine import PROBE, FolderEngine
from zhbrief.translation.folders import FolderInfo, read_folder
from zhbrief.translation.packages import installed

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
FOLDER_INSTALL_HINT = (
    "Give a converted model folder with --model DIR, or install one with "
    "'zhbrief model install DIR' (see docs/engines.md)."
)


def list_folders(root: Path | None = None) -> list[FolderInfo]:
    """Every usable model folder installed in `root` (default folders_dir()); others skipped."""
    return installed(folders_dir() if root is None else root, read_folder)


def find_folder(model: Path | None) -> FolderInfo:
    """The folder to use: `model` (a folder, or the name of an installed one) or the only one."""
    if model is not None and model.is_dir():
        return read_folder(model)
    installed = list_folders()
    if model is not None:
        named = [f for f in installed if f.name == str(model)]
        if named:
            return named[0]
        raise NoModelError(f"Model folder {model} does not exist. " + FOLDER_INSTALL_HINT)
    if len(installed) == 1:
        return installed[0]
    if not installed:
        raise NoModelError(
            f"No CTranslate2 model folder in {folders_dir()}. " + FOLDER_INSTALL_HINT
        )
    names = ", ".join(f.name for f in installed)
    raise NoModelError(
        f"Several model folders are installed ({names}); choose one with --model NAME."
    )


def check_folder(folder: Path, shown: Path) -> FolderInfo:
    """Describe the folder, load its model and translate one sentence; PackageError if it fails."""
    info = read_folder(folder, shown)
    try:
        [english] = FolderEngine(info, Decoding(beam_size=1, threads=1)).translate_batch([PROBE])
    except Exception as exc:  # any failure of a model we did not make means: not usable
        raise PackageError(
            f"{shown}: its model cannot translate ({exc}); refusing to install it."
        ) from None
    if not isinstance(english, str):
        raise PackageError(f"{shown}: its model gave no translation; refusing to install it.")
    return info


def install_folder(source: Path, name: str | None = None) -> FolderInfo:
    """Check and copy a model folder into folders_dir()/NAME (default: its own name); all or
    nothing, an installed folder of that name replaced only once the copy is complete."""
    name = name or source.resolve().name
    if not NAME.fullmatch(name):
        raise PackageError(
            f"{name!r} cannot name a model: use letters, digits, '.', '_' and '-' (--name NAME)."
        )
    check_folder(source, source)
    root = folders_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".installing-", dir=root) as tmp:
        try:
            shutil.copytree(source, Path(tmp) / "new", symlinks=False)
        except (OSError, shutil.Error) as exc:
            raise PackageError(f"Cannot copy {source} into {root} ({exc}).") from None
        target = root / name
        if target.exists():
            os.replace(target, Path(tmp) / "old")
        os.replace(Path(tmp) / "new", target)
    return read_folder(target)


def remove_folder(name: str) -> FolderInfo | None:
    """Remove the installed folder of that name; None when there is none."""
    matches = [f for f in list_folders() if f.name == name]
    if not matches:
        return None
    victim = matches[0]
    trash = Path(tempfile.mkdtemp(prefix=".removing-", dir=victim.path.parent))
    os.replace(victim.path, trash / victim.name)  # vanish from listings at once
    shutil.rmtree(trash, ignore_errors=True)
    return victim
