"""Dask runs on a real LocalCluster of 2 worker processes: same briefs, killed workers, mismatches."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import output_files, write_articles
from processes import EPOCH, finish, start_run
from typer.testing import CliRunner

from zhbrief.cli import app
from zhbrief.run.distributed import verify_workers
from zhbrief.run.worker_tasks import (
    Identity,
    WorkerPackageError,
    package_identity,
    worker_engine,
)
from zhbrief.translation.engine import Decoding

pytestmark = pytest.mark.timeout(900)


def start(input_dir: Path, output: Path, *extra: str) -> subprocess.Popen[str]:
    """A run in its own process group (killpg reaches its workers), quiet unless -v."""
    quiet = () if "-v" in extra else ("-q",)
    return start_run(input_dir, output, *quiet, *extra, group=True)


def briefs(found: dict[str, bytes]) -> dict[str, bytes]:
    """The briefs among the output files (not the index, site pages or feed)."""
    return {
        n: data
        for n, data in found.items()
        if Path(n).name.startswith("article-") and n.endswith(".md")
    }


def wait_for_first_brief(proc: subprocess.Popen[str], output: Path) -> None:
    """Until a brief is written while the run is still going (fails if it ends first)."""
    deadline = time.monotonic() + 300
    while not list(output.rglob("article-*.md")):
        assert proc.poll() is None, "the run ended before any brief appeared"
        assert time.monotonic() < deadline
        time.sleep(0.05)


def worker_pids(parent: int) -> list[int]:
    """The Dask worker processes a LocalCluster spawned under `parent` (not its tracker)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, module_model: Path) -> tuple[Path, dict]:
    """Sixteen articles and the briefs of a plain single-process run of them."""
    root = tmp_path_factory.mktemp("dask")
    input_dir = write_articles(root / "in", 16, "part{group}/article-{i:02d}.txt", groups=2)
    (input_dir / "english.txt").write_text("Not a Chinese article at all.\n", encoding="utf-8")
    code, _, err = finish(start(input_dir, root / "plain"))
    assert code == 0, err
    reference = output_files(root / "plain")
    assert len(briefs(reference)) == 16
    return input_dir, reference


def test_one_article_alone_in_a_folder_and_on_workers_gives_one_brief(
    tmp_path: Path, corpus: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    input_dir, reference = corpus
    code, _, err = finish(start(input_dir, tmp_path / "out", "--workers", "2"))
    assert code == 0, err
    assert output_files(tmp_path / "out") == reference
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setenv("ZHBRIEF_INPUT", str(input_dir))  # so it is named as in the folder
    one = str(input_dir / "part1" / "article-03.txt")
    alone = CliRunner().invoke(app, ["run", one, "-o", "-", "--no-download"])
    assert alone.exit_code == 0, alone.output
    assert alone.stdout.encode() == reference["part1/article-03.md"]
    into = CliRunner().invoke(app, ["run", one, "-o", str(tmp_path / "one"), "--no-download"])
    assert into.exit_code == 0, into.output
    assert output_files(tmp_path / "one") == {
        "part1/article-03.md": reference["part1/article-03.md"]
    }
    status = subprocess.run(
        [sys.executable, "-m", "zhbrief", "status", str(input_dir), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "english.txt" in status.stdout and "skipped" in status.stdout
    # --force: every article again, every sentence from the cache the first run filled
    proc = start(input_dir, tmp_path / "out", "--workers", "2", "--force", "-v")
    code, _, err = finish(proc)
    assert code == 0, err
    assert "Dask coordinator: 17 articles, " in err
    assert "of briefs and 0 new translations" in err
    assert output_files(tmp_path / "out") == reference


def test_a_worker_killed_mid_run_changes_nothing(tmp_path: Path, corpus: tuple) -> None:
    input_dir, reference = corpus
    proc = start(input_dir, tmp_path / "out", "--workers", "2")
    wait_for_first_brief(proc, tmp_path / "out")
    victims = worker_pids(proc.pid)
    assert len(victims) == 2
    os.kill(victims[0], signal.SIGKILL)
    assert proc.poll() is None  # killed mid-run, not after
    code, _, err = finish(proc)
    assert code == 0, err
    assert output_files(tmp_path / "out") == reference


def test_a_killed_coordinator_is_finished_by_a_rerun(tmp_path: Path, corpus: tuple) -> None:
    input_dir, reference = corpus
    output = tmp_path / "out"
    proc = start(input_dir, output, "--workers", "2")
    wait_for_first_brief(proc, output)
    os.killpg(proc.pid, signal.SIGKILL)  # the coordinator and its workers at once
    proc.communicate(timeout=60)
    partial = briefs(output_files(output))
    assert 0 < len(partial) < 16
    assert all(reference[n] == data for n, data in partial.items())
    code, _, err = finish(start(input_dir, output, "--workers", "2"))
    assert code == 0, err
    assert output_files(output) == reference


def test_a_worker_with_another_package_is_refused(module_model: Path) -> None:
    from dask.distributed import Client, LocalCluster

    mine = package_identity(module_model)
    assert worker_engine(str(module_model), Decoding(), mine) is worker_engine(
        str(module_model), Decoding(), mine
    )  # loaded once per process
    other = Identity(mine.name, mine.version, "0" * 64)
    with pytest.raises(WorkerPackageError, match="install the same package at the same path"):
        worker_engine(str(module_model), Decoding(), other)
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        verify_workers(client, str(module_model), mine)  # the same package: accepted
        with pytest.raises(WorkerPackageError) as info:
            verify_workers(client, str(module_model), other)
        missing = module_model.parent / "not-there"
        with pytest.raises(WorkerPackageError, match="must exist on every worker"):
            verify_workers(client, str(missing), mine)
    assert str(info.value).startswith("Worker tcp://127.0.0.1:")
    assert f"has {mine}" in str(info.value)
    assert f"the coordinator {other}: install the same package" in str(info.value)


def test_without_dask_workers_exit_2_with_the_install_command(
    tmp_path: Path, corpus: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    input_dir, _ = corpus
    monkeypatch.setitem(sys.modules, "dask", None)  # as if the extra were not installed
    args = ["run", str(input_dir), "-o", str(tmp_path / "out"), "--no-download", "--workers", "2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --workers and --scheduler need Dask: pip install 'zhbrief[distributed]'\n"
    )


def test_a_plain_run_never_imports_dask(tmp_path: Path, module_model: Path) -> None:
    write_articles(tmp_path / "in", 1)
    args = [str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--no-download"]
    probe = (  # one process, two runs: one briefs the article, one has nothing to do
        "import sys\n"
        "from zhbrief.cli import app\n"
        "for _ in range(2):\n"
        "    try:\n"
        f"        app(['run', *{args!r}], prog_name='zhbrief')\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, exc.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, check=False
    )
    assert out.stdout == "[]\n", out.stderr
    assert (tmp_path / "out" / "article-000.md").is_file()


def test_an_existing_cluster_by_its_scheduler_address(tmp_path: Path, corpus: tuple) -> None:
    from dask.distributed import LocalCluster

    input_dir, reference = corpus
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        proc = start(input_dir, tmp_path / "out", "--scheduler", cluster.scheduler_address)
        code, _, err = finish(proc)
    assert code == 0, err
    assert output_files(tmp_path / "out") == reference
