"""Which engine a run translates with: the package, model folder or server its settings name.

Asked by `run` (which may download the official package), `status` (which never does) and the
Dask coordinator; the engine itself is built lazily, on the first sentence to translate.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from zhbrief.config import Settings
from zhbrief.errors import NoModelError, UsageError
from zhbrief.layout import models_dir
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.chat import ChatEngine
from zhbrief.translation.download import download_and_install
from zhbrief.translation.engine import LOCAL_ENGINES, Decoding, Engine
from zhbrief.translation.folder_engine import FolderEngine
from zhbrief.translation.folder_packages import find_folder
from zhbrief.translation.folders import FolderInfo
from zhbrief.translation.libretranslate import LibreTranslateEngine
from zhbrief.translation.metadata import PackageInfo
from zhbrief.translation.packages import find_zh_en
from zhbrief.translation.servers import Server, ServerKind

log = logging.getLogger("zhbrief")

Model = PackageInfo | FolderInfo | Server


def resolve_model(settings: Settings, progress: bool, unpack: Path) -> Model:
    """The model or server of the chosen engine; the official package fetched if need be
    (a --model FILE is unpacked into `unpack`)."""
    engine = settings.translation.engine
    if engine == "ctranslate2":
        return find_folder(local_model(settings))
    if engine not in LOCAL_ENGINES:
        return server_of(settings)
    try:
        return find_zh_en(local_model(settings), cache_dir=unpack)
    except NoModelError:
        if local_model(settings) is not None or not settings.download:
            raise
    log.warning("No zh→en package installed: downloading the official one from the Argos index.")
    installed = download_and_install(progress)
    log.info("Installed %s %s", installed.name, installed.version)
    return installed


def known_model(settings: Settings) -> Model | None:
    """The model a run into the output folder would use, without downloading; None when there
    is none yet."""
    engine = settings.translation.engine
    try:
        if engine == "argos":
            return find_zh_en(local_model(settings), cache_dir=models_dir(settings.output))
        if engine == "ctranslate2":
            return find_folder(local_model(settings))
        return server_of(settings, need_key=False)  # the key changes no brief
    except NoModelError:  # the run would download a package: compare the sources alone
        return None


def local_model(settings: Settings) -> Path | None:
    """The local model named by --model (or `model`), else by [translation] model."""
    if settings.model is not None:
        return settings.model
    return Path(settings.translation.model) if settings.translation.model else None


def server_of(settings: Settings, need_key: bool = True) -> Server:
    """The server of a server engine, its API key read from the variable api_key_env names."""
    t = settings.translation
    key = os.environ.get(t.api_key_env, "") if t.api_key_env else ""
    if t.api_key_env and need_key and not key:
        raise UsageError(
            f"api_key_env names ${t.api_key_env}, which is not set: export it with the "
            "server's API key, or remove api_key_env."
        )
    kind: ServerKind = "openai" if t.engine == "openai" else "libretranslate"
    return Server(kind, t.url, t.model, key, t.concurrency, t.timeout)


def is_local(model: Model) -> bool:
    """Whether the model runs on this machine (CTranslate2: device, decoding, workers' copies)."""
    return not isinstance(model, Server)


def make_engine(model: Model, decoding: Decoding) -> Engine:
    """The engine of a model or server (built lazily by the runner)."""
    if isinstance(model, PackageInfo):
        return ArgosEngine(model, decoding)
    if isinstance(model, FolderInfo):
        return FolderEngine(model, decoding)
    if model.engine == "openai":
        return ChatEngine(model)
    return LibreTranslateEngine(model)
