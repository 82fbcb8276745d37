"""A run's articles on a Dask cluster: workers brief, the coordinator reads, records and writes.

Only `zhbrief run --workers N` or `--scheduler ADDRESS` imports Dask (within this module). The
coordinator keeps the lock, the store, the translation cache and every write into the output
folder; a task carries source bytes and comes back with rendered files, records and new
translations (run/work.py). Results are written one by one as they arrive, so a killed run loses
only the tasks in flight, and a worker that dies has its tasks run again elsewhere by Dask.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhbrief.config import Settings
from zhbrief.documents import Story
from zhbrief.errors import NoModelError, UsageError
from zhbrief.run.articles import (
    Job,
    Tally,
    apply_outcome,
    article_chunks,
    read_sources,
    with_templates,
)
from zhbrief.run.engine_choice import Model
from zhbrief.run.plan import source_key
from zhbrief.run.work import Outcome, Recipe, prepare_batch
from zhbrief.run.worker_tasks import (
    Identity,
    WorkerModel,
    WorkerPackageError,
    brief_task,
    package_identity,
    texts_task,
)
from zhbrief.store.db import ENVIRONMENT, Store
from zhbrief.translation.device import worker_threads
from zhbrief.translation.servers import Server

log = logging.getLogger("zhbrief")

TASK_ARTICLES = 4  # articles per task: enough to batch sentences, small enough to lose little
TASKS_PER_WORKER = 2  # in flight per worker: one running, one queued, sources read just in time
CONNECT_SECONDS = 30
INSTALL_HINT = "pip install 'zhbrief[distributed]'"


def run_distributed(
    settings: Settings,
    job: Job,
    store: Store,
    pending: list[str],
    model: Model,
    tally: Tally,
) -> None:
    """Brief the `pending` articles on a local or remote Dask cluster, writing as results come."""
    client, cluster = _connect(settings)
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        nworkers = max(1, len(client.scheduler_info()["workers"]))
        threads = worker_threads(settings.threads, nworkers, local=cluster is not None)
        decoding = dataclasses.replace(job.recipe.decoding, threads=threads)
        if isinstance(model, Server):  # every worker asks the server: no model to check
            where = WorkerModel(decoding, server=model)
        else:
            expected = package_identity(model.path)
            verify_workers(client, str(model.path), expected)
            where = WorkerModel(decoding, str(model.path), expected)
        recipe = dataclasses.replace(job.recipe, progress=False)
        tasks = article_chunks(pending, TASK_ARTICLES)
        _drive(client, job, store, tally, tasks, recipe, where, nworkers * TASKS_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(settings: Settings) -> tuple[Any, Any]:
    """A Dask client, on a new LocalCluster (--workers) or an existing scheduler."""
    try:
        from dask import distributed
    except ImportError:
        raise UsageError(f"--workers and --scheduler need Dask: {INSTALL_HINT}") from None
    dask: Any = distributed  # untyped calls
    if settings.scheduler:
        try:
            return dask.Client(settings.scheduler, timeout=CONNECT_SECONDS), None
        except (OSError, TimeoutError, ValueError) as exc:  # ValueError: an address Dask refuses
            raise UsageError(
                f"Cannot reach the Dask scheduler at {settings.scheduler} ({exc}); "
                "start one with 'dask scheduler' or check the address."
            ) from None
    cluster = dask.LocalCluster(
        n_workers=settings.workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return dask.Client(cluster), cluster


def verify_workers(client: Any, path: str, expected: Identity) -> None:
    """Refuse to run unless every worker finds the coordinator's package at `path`."""
    client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    try:
        found = client.run(package_identity, Path(path))
    except Exception as exc:  # the remote error, e.g. no package at that path on a worker
        raise WorkerPackageError(
            f"A worker cannot read the translation package at {path} ({exc}); "
            "the package path must exist on every worker (shared folder or same install)."
        ) from None
    for address, identity in sorted(found.items()):
        if identity != expected:
            raise WorkerPackageError(
                f"Worker {address} has {identity} at {path}, the coordinator {expected}: "
                "install the same package at the same path on every worker."
            )


def _drive(
    client: Any,
    job: Job,
    store: Store,
    tally: Tally,
    chunks: Iterator[list[str]],
    recipe: Recipe,
    where: WorkerModel,
    in_flight: int,
) -> None:
    """Keep `in_flight` groups of articles on the cluster; apply each result as it arrives.

    A group is three tasks: prepare (clean, segment), texts (what it needs translated: the
    coordinator answers from its cache) and brief. The prepared batch stays on its worker; if
    the worker dies, Dask prepares it again from the sources elsewhere.
    """
    from dask import distributed

    running: dict[Any, tuple[list[str], Any]] = {}  # texts or brief future → (rels, batch)
    as_completed: Any = distributed.as_completed  # untyped
    done = as_completed()
    cost = Cost()

    def submit_next() -> None:
        for chunk in chunks:
            sources = read_sources(job, store, chunk, tally)
            if sources:
                known = with_templates(recipe, store)
                batch = client.submit(prepare_batch, known, sources, pure=False)
                texts = client.submit(texts_task, batch, pure=False)
                running[texts] = ([s.rel for s in sources], batch)
                cost.sent += sum(len(s.data) for s in sources)
                done.add(texts)
                return

    with cost.timing():
        for _ in range(in_flight):
            submit_next()
    for future in done:
        with cost.timing():
            rels, batch = running.pop(future)
            if batch is not None:  # the texts of a batch: answer from the cache, then brief
                known, scores, stories = _answer(job, store, future)
                cost.sent += sum(len(k.encode()) + len(v.encode()) for k, v in known.items())
                told = (known, scores, stories)
                brief = client.submit(brief_task, recipe, batch, told, where, pure=False)
                running[brief] = (rels, None)
                done.add(brief)
                continue
            outcomes, fresh, fresh_scores = _result(job, future, rels)
            cost.add(outcomes, fresh)
            job.cache.put_many(fresh, fresh_scores)
            for outcome in outcomes:
                apply_outcome(job, store, outcome, tally)
            submit_next()
    log.info("Dask coordinator: %s", cost)


def _answer(
    job: Job, store: Store, future: Any
) -> tuple[dict[str, str], dict[str, float], dict[str, Story]]:
    """What the coordinator tells a batch: the translations its cache has, their scores, and
    its articles' stories."""
    try:
        texts, arrivals = future.result()
    except NoModelError:
        raise
    except Exception:  # reported with the brief task, which fails alike
        return {}, {}, {}
    cache = job.cache
    return cache.get_many(texts), cache.get_scores(texts), job.book.assign(store, arrivals)


def _result(
    job: Job, future: Any, rels: list[str]
) -> tuple[list[Outcome], dict[str, str], dict[str, float]]:
    """A task's outcomes; a task that failed (or killed its workers) fails its articles.

    No model on a worker, another package, a server that cannot be reached: the run stops."""
    try:
        outcomes, fresh, scores = future.result()
    except NoModelError:
        raise
    except Exception as exc:
        log.warning("A task failed on the cluster (%r): its articles are marked failed.", exc)
        return [_failed(job, rel, exc) for rel in rels], {}, {}
    return outcomes, fresh, scores


@dataclass(slots=True)
class Cost:
    """The coordinator's own work: its busy time and the bytes of sources and results."""

    busy: float = 0.0
    articles: int = 0
    sent: int = 0
    received: int = 0
    translated: int = 0

    @contextmanager
    def timing(self) -> Iterator[None]:
        """Count the time of the block as the coordinator's."""
        start = time.perf_counter()
        yield
        self.busy += time.perf_counter() - start

    def add(self, outcomes: list[Outcome], fresh: dict[str, str]) -> None:
        """Count a task's results."""
        self.articles += len(outcomes)
        self.translated += len(fresh)
        texts = [t for o in outcomes for _, t in o.files] + [*fresh, *fresh.values()]
        self.received += sum(len(t.encode()) for t in texts)

    def __str__(self) -> str:
        each = self.busy / max(1, self.articles)
        return (
            f"{self.articles} articles, busy {self.busy:.3f} s ({each * 1000:.2f} ms/article), "
            f"sent {self.sent} B of sources and cached translations, received {self.received} B "
            f"of briefs and {self.translated} new translations"
        )


def _failed(job: Job, rel: str, exc: Exception) -> Outcome:
    # the cluster's fault (a task that killed its workers), not the source's: the next run retries
    key = source_key(job.plan.sources[rel], job.max_bytes)
    return Outcome(rel, "failed", key, f"worker error: {exc!r}", ENVIRONMENT)
