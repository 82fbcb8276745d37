"""What a Dask worker runs: its engine, loaded once per process and checked, and its two tasks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhbrief.documents import Story
from zhbrief.errors import NoModelError
from zhbrief.places import file_sha256
from zhbrief.run.work import Batch, Outcome, Recipe, finish_batch
from zhbrief.stories.arrival import Arrival
from zhbrief.translation.argos import ArgosEngine
from zhbrief.translation.engine import Decoding, MemoryCache
from zhbrief.translation.metadata import read_package


class WorkerPackageError(NoModelError):
    """A worker's translation package differs from the coordinator's."""


@dataclass(frozen=True, slots=True)
class Identity:
    """What must be equal on every machine for briefs to be the same: name, version, weights."""

    name: str
    version: str
    model_sha256: str

    def __str__(self) -> str:
        return f"{self.name} {self.version} (model sha256 {self.model_sha256[:12]})"


def package_identity(path: Path) -> Identity:
    """The identity of the unpacked package at `path`."""
    info = read_package(path)
    return Identity(info.name, info.version, file_sha256(path / "model" / "model.bin"))


# One engine per worker process: the model is loaded by the first task, not by every task.
_ENGINES: dict[tuple[str, Decoding], tuple[Identity, ArgosEngine]] = {}


def worker_engine(path: str, decoding: Decoding, expected: Identity) -> ArgosEngine:
    """This process's engine for the package at `path`, checked against the coordinator's."""
    key = (path, decoding)
    if key not in _ENGINES:
        folder = Path(path)
        _ENGINES[key] = (package_identity(folder), ArgosEngine(read_package(folder), decoding))
    identity, engine = _ENGINES[key]
    if identity != expected:
        raise WorkerPackageError(
            f"A worker has {identity} at {path}, the coordinator {expected}: "
            "install the same package at the same path on every worker."
        )
    return engine


def texts_task(batch: Batch) -> tuple[list[str], tuple[Arrival, ...]]:
    """A worker's task: the texts a prepared batch needs, for the coordinator's cache lookup,
    and its articles' fingerprints, for the coordinator's story decisions."""
    return batch.texts(), batch.arrivals


def brief_task(
    recipe: Recipe,
    batch: Batch,
    told: tuple[dict[str, str], dict[str, Story]],
    package: str,
    decoding: Decoding,
    expected: Identity,
) -> tuple[list[Outcome], dict[str, str]]:
    """A worker's task: translate what the known translations lack, brief each article in its
    story (`told`: the coordinator's cache lines and stories); outcomes, new translations."""
    known, stories = told
    cache = MemoryCache(known)
    engine = worker_engine(package, decoding, expected)
    outcomes = list(finish_batch(recipe, batch, engine, cache, stories))
    return outcomes, cache.fresh
