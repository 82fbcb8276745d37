"""Real processes: SIGKILL at random points, concurrent runs, and the lock."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest
from builders import output_files, write_articles
from processes import finish, start_run

from zhbrief.output.files import TEMP_MARK


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, module_model: Path
) -> tuple[Path, dict[str, bytes], float]:
    """Forty articles and the output of one clean, uninterrupted run (with its duration).

    Built once per module: the tests only read it and write into folders of their own.
    """
    root = tmp_path_factory.mktemp("corpus")
    write_articles(root / "in", 40, "batch{group}/article-{i:03d}.txt", groups=3)
    start = time.monotonic()
    code, _, err = finish(start_run(root / "in", root / "clean"))
    assert code == 0, err
    return root / "in", output_files(root / "clean"), time.monotonic() - start


def test_sigkill_at_random_points_never_leaves_partial_briefs(
    tmp_path: Path, corpus: tuple[Path, dict[str, bytes], float]
) -> None:
    input_dir, clean, duration = corpus
    rng = random.Random(7)
    output = tmp_path / "killed"
    for attempt in range(10):
        proc = start_run(input_dir, output, "--force" if attempt % 2 else "--quiet")
        time.sleep(rng.uniform(0.05, max(0.1, duration)))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        for name, data in output_files(output).items():
            if name == "index.md":  # complete, though it may list fewer briefs so far
                assert data.startswith(b"# zhbrief index\n") and data.endswith(b"\n")
            elif TEMP_MARK not in name:
                assert data == clean[name], f"attempt {attempt}: {name} differs from a clean run"
    code, _, err = finish(start_run(input_dir, output))
    assert code == 0, err
    final = output_files(output)
    assert not [n for n in final if TEMP_MARK in n]
    assert final == clean


def test_second_concurrent_run_exits_75_naming_the_holder(
    tmp_path: Path, corpus: tuple[Path, dict[str, bytes], float]
) -> None:
    input_dir, _, _ = corpus
    output = tmp_path / "busy"
    first = start_run(input_dir, output, "--force")
    lock = output / ".zhbrief" / "lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGSTOP)  # frozen while holding the lock: no race with its end
    try:
        code, _, err = finish(start_run(input_dir, output))
    finally:
        first.send_signal(signal.SIGCONT)
    first_code, _, first_err = finish(first)
    assert code == 75
    assert f"Another zhbrief run (PID {first.pid}) is working on {output}" in err
    assert first_code == 0, first_err


def test_stale_lock_is_taken_over(
    tmp_path: Path, corpus: tuple[Path, dict[str, bytes], float]
) -> None:
    input_dir, clean, _ = corpus
    output = tmp_path / "stale"
    (output / ".zhbrief").mkdir(parents=True)
    (output / ".zhbrief" / "lock").write_text("999999\n")
    code, _, err = finish(start_run(input_dir, output, "-v"))
    assert code == 0, err
    assert "Took over a stale lock left by PID 999999." in err
    assert output_files(output) == clean
