"""The command line: exit codes, exact error text, end to end on the tiny real package."""

from __future__ import annotations

import io
import json
import re
import subprocess
import urllib.error
from pathlib import Path

import pytest
from processes import fixed_clock_env, run_command
from typer.testing import CliRunner

from zhbrief.cli import app

ARTICLE = (
    "# 新能源汽车销量创新高\n\n"
    "今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。\n"
    "业内人士表示，价格下降和充电设施改善是主要原因；预计全年销量将超过1200万辆。\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_shows_flags_as_flags(runner: CliRunner) -> None:
    result = runner.invoke(app, ["run", "--help"], terminal_width=120)
    assert result.exit_code == 0
    assert "<bool>" not in result.output
    assert re.search(r"^\s+--force\s+Re-process every article\.$", result.output, re.M)
    assert re.search(r"^\s+-v, --verbose\s+More log detail", result.output, re.M)


def test_help_documents_exit_codes(runner: CliRunner) -> None:
    result = runner.invoke(app, ["run", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "3 no zh→en translation model" in text and "75 another run" in text


def test_missing_input_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: Input folder not found: {tmp_path / 'nope'}. "
        "Create it and put .txt, .md or .html articles in it.\n"
    )


def test_empty_input_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: No articles found in {tmp_path / 'in'}: put .txt, .md, .html or .htm files there.\n"
    )


def test_missing_model(runner: CliRunner, tmp_path: Path, argos_home: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-download"]
    )
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: No zh→en translation package found in {argos_home}. "
        "Install one offline from a file with 'zhbrief model install PATH.argosmodel', "
        "or download the official package with 'zhbrief model install zh_en'.\n"
    )


def test_bad_summarizer_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path), "--summarizer", "bart"])
    assert result.exit_code == 2
    assert "Unknown summarizer 'bart'" in result.stderr


def test_unknown_format_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path), "--format", "md,pdf"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: Unknown formats 'md,pdf': give md or md,html (Markdown is the record, always on).\n"
    )


def test_run_end_to_end_through_cli_runner(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-download"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 briefs written, 0 failed; 1 new, 0 unchanged")
    brief = (tmp_path / "out" / "cars.md").read_text(encoding="utf-8")
    assert brief.startswith("---\ntitle: ") and "## Summary" in brief and "## Translation" in brief
    assert "> 今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。" in brief
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "0 new, 1 unchanged" in again.stdout
    status = runner.invoke(app, ["status", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert status.stdout.startswith("0 pending, 1 done, 0 failed, 0 skipped, 0 deleted")


def test_failed_article_gives_exit_1_and_path_reason_line(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\xff" * 100)
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("bad.txt: ")
    assert len(result.stderr.splitlines()) == 1
    assert (tmp_path / "out" / "good.md").is_file()
    status = runner.invoke(app, ["status", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert "failed   bad.txt: " in status.stdout


def test_run_as_subprocess_is_silent_on_stderr(tmp_path: Path, installed_model: Path) -> None:
    (tmp_path / "in").mkdir()
    scraped = "当前位置：首页 > 科技 > 正文\n" + ARTICLE + "责任编辑：王五\n"
    (tmp_path / "in" / "cars.txt").write_text(scraped, encoding="utf-8")
    cmd = run_command(tmp_path / "in", tmp_path / "out")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=fixed_clock_env(), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no jieba noise, no progress bars off a terminal
    assert proc.stdout.startswith("1 briefs written, 0 failed")
    assert "created: '2026-03-12T08:00:00Z'" in (tmp_path / "out" / "cars.md").read_text(
        encoding="utf-8"
    )


def test_model_install_list_remove(
    runner: CliRunner, argos_home: Path, tiny_argosmodel: Path
) -> None:
    result = runner.invoke(app, ["model", "install", str(tiny_argosmodel)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Installed translate-zh_en-synthetic 1.9 (zh→en)")
    listed = runner.invoke(app, ["model", "list"])
    assert listed.stdout.startswith("zh→en\ttranslate-zh_en-synthetic\t1.9\t")
    removed = runner.invoke(app, ["model", "remove", "zh_en"])
    assert removed.exit_code == 0
    assert (
        runner.invoke(app, ["model", "list"]).stdout == f"No packages installed in {argos_home}.\n"
    )


class FakeNetwork:
    """Serves an Argos index and one package from memory; anything else is unreachable."""

    def __init__(self, package: Path) -> None:
        link = "https://example.invalid/translate-zh_en-1_9.argosmodel"
        index = [{"from_code": "zh", "to_code": "en", "package_version": "1.9", "links": [link]}]
        self.files = {
            "https://example.invalid/index/index.json": json.dumps(index).encode(),
            link: package.read_bytes(),
        }
        self.requested: list[str] = []

    def __call__(self, url: str, timeout: float) -> io.BytesIO:
        self.requested.append(url)
        if url not in self.files:
            raise urllib.error.URLError("Network is unreachable")
        return io.BytesIO(self.files[url])


def test_first_run_without_a_model_downloads_the_official_one(
    runner: CliRunner,
    tmp_path: Path,
    argos_home: Path,
    tiny_argosmodel: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    network = FakeNetwork(tiny_argosmodel)
    monkeypatch.setattr("zhbrief.translation.download.urlopen", network)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "https://example.invalid/index/")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "downloading the official one from the Argos index" in result.stderr
    assert (argos_home / "translate-zh_en-synthetic" / "metadata.json").is_file()
    assert (tmp_path / "out" / "cars.md").is_file()
    assert len(network.requested) == 2


def test_first_run_offline_exits_3_at_once(
    runner: CliRunner, tmp_path: Path, argos_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(url: str, timeout: float) -> io.BytesIO:
        raise urllib.error.URLError("Network is unreachable")

    monkeypatch.setattr("zhbrief.translation.download.urlopen", unreachable)
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1].startswith("Error: Cannot download https://")
    assert "zhbrief model install PATH.argosmodel" in result.stderr
    assert not (tmp_path / "out" / "cars.md").exists()


def test_log_file_gets_the_summary_and_removed_lines(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    scraped = "当前位置：首页 > 科技 > 正文\n" + ARTICLE + "责任编辑：王五\n"
    (tmp_path / "in" / "cars.txt").write_text(scraped, encoding="utf-8")
    log_file = tmp_path / "zhbrief.log"
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "-vv"]
    result = runner.invoke(app, [*args, "--log-file", str(log_file)])
    assert result.exit_code == 0, result.output
    logged = log_file.read_text(encoding="utf-8")
    assert "1 briefs written, 0 failed" in logged
    assert "当前位置：首页 > 科技 > 正文" in logged and "责任编辑：王五" in logged
    assert "当前位置" not in (tmp_path / "out" / "cars.md").read_text(encoding="utf-8")


def test_device_cuda_without_a_gpu_exits_2_with_one_line(
    tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.md").write_text(ARTICLE, encoding="utf-8")
    cmd = run_command(tmp_path / "in", tmp_path / "out", "--no-download", "--device", "cuda")
    done = subprocess.run(cmd, env=fixed_clock_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr  # one line, no traceback
    assert done.stderr.startswith("Error: --device cuda: CTranslate2 finds no usable GPU (")
    assert done.stderr.endswith("); use --device cpu or auto.\n")
    assert not list((tmp_path / "out").glob("*.md"))
