"""The command line: exit codes, exact error text, end to end on the tiny real package."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from httpsite import Site, argos_index, closed_url
from processes import fixed_clock_env, run_command
from typer.testing import CliRunner

from zhbrief import __version__
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
    assert re.search(
        r"^\s+--force\s+Re-process every article\. Default: off\.$", result.output, re.M
    )
    assert re.search(r"^\s+-v, --verbose\s+More detail; -vv: debug", result.output, re.M)


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


def test_empty_input_folder_is_a_normal_state(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    verbose = runner.invoke(app, [*args, "-v"])
    assert verbose.exit_code == 0
    assert verbose.stderr.splitlines()[-1] == f"No articles in {tmp_path / 'in'}: nothing to do."
    assert [line for line in verbose.stderr.splitlines() if "article" in line] == [
        f"No articles in {tmp_path / 'in'}: nothing to do."
    ]


def test_missing_model(runner: CliRunner, tmp_path: Path, argos_home: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(
        app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-download"]
    )
    assert result.exit_code == 3
    assert result.stderr == (
        f"Error: No zh→en translation package found in {argos_home}. "
        "Download the official package with 'zhbrief model install zh_en', or install one from "
        "a file with 'zhbrief model install FILE.argosmodel'. The official package, "
        "translate-zh_en (about 74 MB), is published in the Argos package index "
        "(https://github.com/argosopentech/argospm-index). On a connected machine run "
        "'zhbrief model download --to DIR', carry the .argosmodel file from DIR to this "
        "machine, then run 'zhbrief model install FILE'.\n"
    )


def test_run_end_to_end_through_cli_runner(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-download"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 brief written, 0 failed; 1 new, 0 unchanged")
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
    assert proc.stdout.startswith("1 brief written, 0 failed")
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


def test_first_run_without_a_model_downloads_the_official_one(
    runner: CliRunner,
    tmp_path: Path,
    argos_home: Path,
    tiny_argosmodel: Path,
    monkeypatch: pytest.MonkeyPatch,
    site: Site,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", argos_index(site, tiny_argosmodel.read_bytes()))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "downloading the official one from the Argos index" in result.stderr
    assert (argos_home / "translate-zh_en-synthetic" / "metadata.json").is_file()
    assert (tmp_path / "out" / "cars.md").is_file()
    assert site.requests == ["/index/index.json", "/translate-zh_en-1_9.argosmodel"]


def test_first_run_offline_exits_3_at_once(
    runner: CliRunner, tmp_path: Path, argos_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_url("/index/"))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.splitlines()[-1].startswith("Error: Cannot download http://127.0.0.1:")
    assert "published in the Argos package index" in result.stderr
    assert "'zhbrief model download --to DIR'" in result.stderr
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
    assert "1 brief written, 0 failed" in logged
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


def test_version_long_and_short(runner: CliRunner) -> None:
    # one source of truth: the installed distribution reads zhbrief.__version__
    assert importlib.metadata.version("zhbrief") == __version__ == "0.2.0"
    for flag in ("--version", "-V"):
        result = runner.invoke(app, [flag])
        assert (result.exit_code, result.stdout) == (0, "zhbrief 0.2.0\n")


def test_version_as_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "zhbrief", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "zhbrief 0.2.0\n", "")


def test_shell_completion_script_and_answers() -> None:
    # bash named, not detected: the suite may run with no shell among its parent processes
    script = subprocess.run(
        [sys.executable, "-m", "zhbrief", "--show-completion", "bash"],
        capture_output=True,
        text=True,
        env=dict(os.environ, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1"),
        timeout=60,
    )
    assert script.returncode == 0
    assert "complete -o default -F _zhbrief_completion zhbrief" in script.stdout
    env = dict(
        os.environ, _ZHBRIEF_COMPLETE="complete_bash", COMP_WORDS="zhbrief st", COMP_CWORD="1"
    )
    answer = subprocess.run(
        [sys.executable, "-m", "zhbrief"], capture_output=True, text=True, env=env, timeout=60
    )
    assert answer.stdout.split() == ["status"]


def test_top_help_opens_with_what_it_does_and_three_first_commands(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--help"], prog_name="zhbrief", terminal_width=100)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Usage: zhbrief [OPTIONS] COMMAND [ARGS]..."
    assert lines[2].startswith("  zhbrief turns Chinese news articles into English briefs, offline")
    steps = result.stdout[result.stdout.index("First steps:") :].splitlines()[1:4]
    assert [line.split()[:3] for line in steps] == [
        ["zhbrief", "model", "install"],
        ["zhbrief", "run", "input/"],
        ["zhbrief", "status", "input/"],
    ]
    assert "--install-completion" in result.stdout and "-V, --version" in result.stdout


def test_every_option_says_its_default() -> None:
    import typer.main

    generic = {"help", "version", "install_completion", "show_completion"}
    root: Any = typer.main.get_command(app)
    model = root.commands["model"]
    commands = [root.commands[name] for name in ("run", "status", "serve", "fetch")]
    commands += model.commands.values()
    missing = [
        f"{command.name} {param.name}"
        for command in commands
        for param in command.params
        if param.name not in generic
        and not param.required  # a required argument has no default to state
        and "Default:" not in (getattr(param, "help", None) or "")
        and not getattr(param, "show_default", False)  # Click prints "[default: N]" itself
    ]
    assert missing == []
    assert len(commands) == 8


def test_verbose_names_the_config_file_read(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "xdg"
    (home / "zhbrief").mkdir(parents=True)
    (home / "zhbrief" / "config.toml").write_text('input = "news"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("ZHBRIEF_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (home / "zhbrief" / "news").mkdir()
    result = runner.invoke(app, ["run", "-v"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Settings read from {home / 'zhbrief' / 'config.toml'}",
        f"No articles in {home / 'zhbrief' / 'news'}: nothing to do.",
    ]
    (home / "zhbrief" / "config.toml").unlink()
    result = runner.invoke(app, ["run", str(tmp_path), "-v", "-o", str(tmp_path / "out")])
    assert result.stderr.splitlines()[0] == (
        f"No config file: looked for ./zhbrief.toml and {home / 'zhbrief' / 'config.toml'}"
    )


def test_summary_line_once_at_vv_and_json_report_equals_last_run(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "cars.txt").write_text(ARTICLE, encoding="utf-8")
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    first = runner.invoke(app, [*args, "-vv"])
    assert first.exit_code == 0, first.output
    assert first.stdout.count("brief written") == 1 and "brief written" not in first.stderr
    forced = runner.invoke(app, [*args, "--force", "--json"])
    assert forced.exit_code == 0
    report = json.loads(forced.stdout)
    assert forced.stdout == (tmp_path / "out" / ".zhbrief" / "last-run.json").read_text("utf-8")
    assert report["schema"] == 1
    assert (report["new"], report["reprocessed"], report["written"]) == (0, 1, ["cars.txt"])
    assert report["summary"].startswith("1 brief written, 0 failed; 0 new, 1 re-processed, 0 ")


def test_status_json_and_exit_1_while_an_article_fails(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    where = [str(tmp_path / "in"), "-o", str(tmp_path / "out")]
    assert runner.invoke(app, ["run", *where, "-q"]).exit_code == 0
    clean = runner.invoke(app, ["status", *where, "--json"])
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["done"] == ["good.txt"]
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\xff" * 100)
    assert runner.invoke(app, ["run", *where, "-q"]).exit_code == 1
    failing = runner.invoke(app, ["status", *where, "--json"])
    assert failing.exit_code == 1
    data = json.loads(failing.stdout)
    assert data["schema"] == 1 and data["done"] == ["good.txt"] and data["pending"] == []
    assert [f["source"] for f in data["failed"]] == ["bad.txt"]
    text = runner.invoke(app, ["status", *where])
    assert text.exit_code == 1 and text.stdout.startswith("0 pending, 1 done, 1 failed")


def test_log_file_holds_failure_lines_with_timestamps(
    runner: CliRunner, tmp_path: Path, installed_model: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "in" / "english.txt").write_text("Only English here.\n", encoding="utf-8")
    log_file = tmp_path / "zhbrief.log"
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]
    result = runner.invoke(app, [*args, "--log-file", str(log_file)])
    assert result.exit_code == 1
    failure = result.stderr.splitlines()
    assert len(failure) == 1 and failure[0].startswith("bad.txt: ")
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}"
    logged = log_file.read_text(encoding="utf-8").splitlines()
    assert any(re.fullmatch(f"{stamp} ERROR {re.escape(failure[0])}", line) for line in logged)
    skip = "english.txt: skipped: no Chinese text found"
    assert any(re.fullmatch(f"{stamp} WARNING {re.escape(skip)}.*", line) for line in logged)
    assert re.fullmatch(f"{stamp} INFO 1 brief written, 1 failed; .*", logged[-1])


def test_log_file_holds_the_fatal_error_of_a_run_without_model(
    runner: CliRunner, tmp_path: Path, argos_home: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    log_file = tmp_path / "zhbrief.log"
    args = ["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-download"]
    result = runner.invoke(app, [*args, "--log-file", str(log_file)])
    assert result.exit_code == 3
    said = result.stderr.splitlines()[-1]
    assert said.startswith("Error: No zh→en translation package found in ")
    logged = log_file.read_text(encoding="utf-8").splitlines()
    assert logged[-1].endswith(" ERROR " + said)
    assert [line for line in logged if " ERROR " in line] == logged[-1:]


def test_model_download_saves_the_file_without_installing(
    runner: CliRunner,
    tmp_path: Path,
    argos_home: Path,
    tiny_argosmodel: Path,
    monkeypatch: pytest.MonkeyPatch,
    site: Site,
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", argos_index(site, tiny_argosmodel.read_bytes()))
    result = runner.invoke(app, ["model", "download", "--to", str(tmp_path / "usb")])
    assert result.exit_code == 0, result.output
    saved = tmp_path / "usb" / "translate-zh_en-1_9.argosmodel"
    size = saved.stat().st_size / 1e6
    assert result.stdout == (
        f"Downloaded {saved} ({size:.1f} MB).\n"
        "Carry it to the offline machine and run: "
        "zhbrief model install translate-zh_en-1_9.argosmodel\n"
    )
    assert saved.read_bytes() == tiny_argosmodel.read_bytes()
    assert not argos_home.exists() or not any(argos_home.iterdir())
    installed = runner.invoke(app, ["model", "install", str(saved)])
    assert installed.exit_code == 0 and installed.stdout.startswith("Installed ")


def test_model_install_of_a_missing_file_says_where_it_comes_from(
    runner: CliRunner, tmp_path: Path, argos_home: Path
) -> None:
    result = runner.invoke(app, ["model", "install", "translate-zh_en-1_9.argosmodel"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: translate-zh_en-1_9.argosmodel does not exist or is not a file. "
    )
    assert "translate-zh_en (about 74 MB), is published in the Argos package index" in result.stderr
    assert "'zhbrief model download --to DIR'" in result.stderr
