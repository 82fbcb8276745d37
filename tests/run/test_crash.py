"""Real processes: SIGKILL at random points, concurrent runs, and the lock."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from processes import fixed_clock_env, run_command

from zhbrief.output.files import TEMP_MARK

PARAGRAPHS = (
    "今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。",
    "业内人士表示，价格下降和充电设施改善是主要原因；预计全年销量将超过1200万辆。",
    "人工智能公司Anthropic周三发布了新模型，OpenAI随后推出GPT-5。",
    "北京市政府表示，今年将新建保障性住房8万套，比去年增加50%。",
    "专家认为，全球经济复苏仍面临诸多不确定因素，通胀压力依然较大。",
)


def make_articles(folder: Path, count: int) -> None:
    """count distinct articles, so nothing is served from the translation cache."""
    for i in range(count):
        body = "\n".join(f"第{i}号文章第{j}段：{p}" for j, p in enumerate(PARAGRAPHS))
        path = folder / f"batch{i % 3}" / f"article-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"测试文章第{i}号\n{body}\n", encoding="utf-8")


def zhbrief(input_dir: Path, output: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = run_command(input_dir, output, "--no-download", *extra)
    return subprocess.Popen(
        cmd, env=fixed_clock_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".zhbrief" not in p.parts
    }


@pytest.fixture(scope="module")
def corpus(
    tmp_path_factory: pytest.TempPathFactory, module_model: Path
) -> tuple[Path, dict[str, bytes], float]:
    """Forty articles and the output of one clean, uninterrupted run (with its duration).

    Built once per module: the tests only read it and write into folders of their own.
    """
    root = tmp_path_factory.mktemp("corpus")
    make_articles(root / "in", 40)
    start = time.monotonic()
    code, _, err = finish(zhbrief(root / "in", root / "clean"))
    assert code == 0, err
    return root / "in", files(root / "clean"), time.monotonic() - start


def test_sigkill_at_random_points_never_leaves_partial_briefs(
    tmp_path: Path, corpus: tuple[Path, dict[str, bytes], float]
) -> None:
    input_dir, clean, duration = corpus
    rng = random.Random(7)
    output = tmp_path / "killed"
    for attempt in range(10):
        proc = zhbrief(input_dir, output, "--force" if attempt % 2 else "--quiet")
        time.sleep(rng.uniform(0.05, max(0.1, duration)))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        for name, data in files(output).items():
            if name == "index.md":  # complete, though it may list fewer briefs so far
                assert data.startswith(b"# zhbrief index\n") and data.endswith(b"\n")
            elif TEMP_MARK not in name:
                assert data == clean[name], f"attempt {attempt}: {name} differs from a clean run"
    code, _, err = finish(zhbrief(input_dir, output))
    assert code == 0, err
    final = files(output)
    assert not [n for n in final if TEMP_MARK in n]
    assert final == clean


def test_second_concurrent_run_exits_75_naming_the_holder(
    tmp_path: Path, corpus: tuple[Path, dict[str, bytes], float]
) -> None:
    input_dir, _, _ = corpus
    output = tmp_path / "busy"
    first = zhbrief(input_dir, output, "--force")
    lock = output / ".zhbrief" / "lock"
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGSTOP)  # frozen while holding the lock: no race with its end
    try:
        code, _, err = finish(zhbrief(input_dir, output))
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
    code, _, err = finish(zhbrief(input_dir, output, "-v"))
    assert code == 0, err
    assert "Took over a stale lock left by PID 999999." in err
    assert files(output) == clean
