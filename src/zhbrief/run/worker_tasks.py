"""What a Dask worker runs: its engine, loaded once per process and checked, and its two tasks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhbrief.documents import Story
from zhbrief.errors import NoModelError
from zhbrief.places import file_sha256
from zhbrief.run.engine_choice import Model, make_engine
from zhbrief.run.work import Batch, Outcome, Recipe, finish_batch
from zhbrief.stories.arrival import Arrival
from zhbrief.translation.engine import Decoding, Engine, MemoryCache
from zhbrief.translation.folders import read_folder
from zhbrief.translation.metadata import read_package
from zhbrief.translation.servers import Server


class WorkerPackageError(NoModelError):
    """A worker's translation package differs from the coordinator's."""


@dataclass(frozen=True, slots=True)
class Identity:
    """What must be equal on every machine for briefs to be the same: name, version, weights."""

    name: str
    version: str  # an Argos package's version, a model folder's family
    model_sha256: str

    def __str__(self) -> str:
        return f"{self.name} {self.version} (model sha256 {self.model_sha256[:12]})"


def local_model(path: Path) -> Model:
    """The Argos package or CTranslate2 model folder at `path`."""
    return read_package(path) if (path / "metadata.json").is_file() else read_folder(path)


def package_identity(path: Path) -> Identity:
    """The identity of the unpacked package or model folder at `path`."""
    model = local_model(path)
    if isinstance(model, Server):  # pragma: no cover - local_model never gives one
        raise TypeError(path)
    weights = path / "model" / "model.bin" if model.engine == "argos" else path / "model.bin"
    return Identity(model.name, model.identity()[-1], file_sha256(weights))


@dataclass(frozen=True, slots=True)
class WorkerModel:
    """How a worker gets its engine: a local model at a path, checked, or a server to ask."""

    decoding: Decoding
    path: str = ""
    expected: Identity | None = None
    server: Server | None = None

    def engine(self) -> Engine:
        """This process's engine (a server engine needs no model on the worker)."""
        if self.server is not None:
            return _server_engine(self.server)
        assert self.expected is not None
        return worker_engine(self.path, self.decoding, self.expected)


# One engine per worker process: the model is loaded by the first task, not by every task.
_ENGINES: dict[tuple[str, Decoding], tuple[Identity, Engine]] = {}
_SERVERS: dict[Server, Engine] = {}


def worker_engine(path: str, decoding: Decoding, expected: Identity) -> Engine:
    """This process's engine for the model at `path`, checked against the coordinator's."""
    key = (path, decoding)
    if key not in _ENGINES:
        folder = Path(path)
        _ENGINES[key] = (package_identity(folder), make_engine(local_model(folder), decoding))
    identity, engine = _ENGINES[key]
    if identity != expected:
        raise WorkerPackageError(
            f"A worker has {identity} at {path}, the coordinator {expected}: "
            "install the same package at the same path on every worker."
        )
    return engine


def _server_engine(server: Server) -> Engine:
    """This process's engine for a server (its languages checked once per process)."""
    if server not in _SERVERS:
        _SERVERS[server] = make_engine(server, Decoding())
    return _SERVERS[server]


def texts_task(batch: Batch) -> tuple[list[str], tuple[Arrival, ...]]:
    """A worker's task: the texts a prepared batch needs, for the coordinator's cache lookup,
    and its articles' fingerprints, for the coordinator's story decisions."""
    return batch.texts(), batch.arrivals


def brief_task(
    recipe: Recipe,
    batch: Batch,
    told: tuple[dict[str, str], dict[str, float], dict[str, Story]],
    model: WorkerModel,
) -> tuple[list[Outcome], dict[str, str], dict[str, float]]:
    """A worker's task: translate what the known translations lack, brief each article in its
    story (`told`: the coordinator's cache lines, their scores, the stories); return outcomes,
    new translations and their scores."""
    known, scores, stories = told
    cache = MemoryCache(known, scores)
    outcomes = list(finish_batch(recipe, batch, model.engine(), cache, stories))
    return outcomes, cache.fresh, cache.fresh_scores
