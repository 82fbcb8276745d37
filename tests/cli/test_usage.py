"""Usage errors in one line, and `--help` in sections that fit 80 columns."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from zhbrief.cli import app
from zhbrief.cli.command import Command, Group

SEE_RUN = "See 'zhbrief run --help'."
MISTAKES = [
    (["run", "-v", "2"], "-v takes no number: write -v for more detail, -vv for debug; "
     "'2' is no file or folder here."),
    (["run", "--verbose", "2"], "--verbose takes no number: write -v for more detail, -vv for "
     "debug; '2' is no file or folder here."),
    (["run", "-v2"], "-v takes no number: write -v for more detail, -vv for debug."),
    (["run", "--verbose=2"], "--verbose takes no value: write -v for more detail, -vv for debug."),
    (["fetch", "-v", "3"], "-v takes no number: write -v for more detail, -vv for debug; "
     "'3' is no file or folder here."),
    (["run", "-n", "abc"], "-n (--sentences) takes a whole number from 1 to 100, not 'abc'."),
    (["run", "-nabc"], "-n (--sentences) takes a whole number from 1 to 100, not 'abc'."),
    (["run", "--sentences=x"], "--sentences (-n) takes a whole number from 1 to 100, not 'x'."),
    (["run", "--ratio", "x"], "--ratio takes a number, not 'x'."),
    (["run", "--ratio", "2"], "ratio (--ratio) must be above 0 and at most 1; got 2.0."),
    (["run", "--beam-size", "0"], "beam_size (--beam-size) must be from 1 to 16; got 0."),
    (["run", "--threads", "many"], "--threads takes a whole number from 0 to 64, not 'many'."),
    (["serve", "--port", "x"], "--port takes a whole number, not 'x'."),
    (["run", "-n", "3", "--ratio", "0.2"], "the command line: --sentences (-n) and --ratio both "
     "set the summary length; give only one."),
    (["run", "--format", "md,pdf"], "Unknown formats 'md,pdf': give md or md,html (Markdown is "
     "the record, always on)."),
    (["run", "--summarizer", "bart"], "Unknown summarizer 'bart'; choose one of news, lexrank, "
     "lsa, textrank, luhn, kl, sumbasic."),
    (["run", "--frobnicate"], f"zhbrief run has no option --frobnicate. {SEE_RUN}"),
    (["run", "--forse"], f"zhbrief run has no option --forse. Did you mean --force? {SEE_RUN}"),
    (["run", "--thread", "2"], f"zhbrief run has no option --thread. Did you mean --threads? "
     f"{SEE_RUN}"),
    (["--bogus"], "zhbrief has no option --bogus. See 'zhbrief --help'."),
    (["-v", "run"], "-v is an option of a command: put it after the command, as in zhbrief run -v."),
    (["rn"], "zhbrief has no command 'rn'. Did you mean 'run'? Commands: run, status, serve, "
     "fetch, model."),
    (["model", "instal"], "zhbrief model has no command 'instal'. Did you mean 'install' or "
     "'list'? Commands: install, download, list, remove."),
    (["run", "-o"], "-o needs a value, as in -o DIR."),
    (["run", "x", "--sentences"], "--sentences needs a value, as in --sentences N."),
    (["run", "--json=yes"], "--json takes no value: write --json alone."),
    (["run", "a", "b"], f"Unexpected argument 'b': zhbrief run takes one INPUT (quote a name "
     f"with spaces). {SEE_RUN}"),
    (["serve", "x"], "Unexpected argument 'x': zhbrief serve takes no arguments. See 'zhbrief "
     "serve --help'."),
    (["model", "remove"], "zhbrief model remove needs NAME. See 'zhbrief model remove --help'."),
]  # fmt: skip


@pytest.mark.parametrize(("args", "said"), MISTAKES, ids=[" ".join(a) for a, _ in MISTAKES])
def test_a_mistake_is_one_line_saying_what_to_write(
    args: list[str], said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no file named 2 or 3 here; settings from no config file
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = CliRunner().invoke(app, args, prog_name="zhbrief")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {said}\n")


def test_v_before_a_folder_named_with_digits_is_no_mistake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "2").mkdir()
    result = CliRunner().invoke(app, ["run", "-v", "2", "-o", "out"], prog_name="zhbrief")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "No articles in 2: nothing to do."


def test_every_command_is_built_on_the_zhbrief_classes() -> None:
    root: Any = typer.main.get_command(app)
    assert isinstance(root, Group) and isinstance(root.commands["model"], Group)
    leaves = [c for c in root.commands.values() if not isinstance(c, Group)]
    leaves += root.commands["model"].commands.values()
    assert [c.name for c in leaves if not isinstance(c, Command)] == []
    assert len(leaves) == 8


def _sections(text: str) -> list[str]:
    return re.findall(r"^(\w[\w -]*):$", text, re.M)


def test_run_help_groups_its_options_under_panels(runner_80: CliRunner) -> None:
    result = runner_80.invoke(app, ["run", "--help"], prog_name="zhbrief")
    assert result.exit_code == 0
    assert _sections(result.stdout) == [
        "Arguments",
        "Input and output",
        "Summary",
        "Translation model",
        "Performance and scaling",
        "Re-processing",
        "Reports and logging",
        "Options",
    ]
    options = re.findall(r"^  (?:-\w, )?(--[\w-]+)", result.stdout, re.M)
    run: Any = typer.main.get_command(app).commands["run"]  # type: ignore[attr-defined]
    declared = [max(p.opts, key=len) for p in run.params if p.param_type_name == "option"]
    assert sorted(options) == sorted([*declared, "--help"])  # each option once
    summary = result.stdout[result.stdout.index("Summary:") : result.stdout.index("Translation")]
    assert re.findall(r"^  (?:-\w, )?(--[\w-]+)", summary, re.M) == [
        "--summarizer",
        "--sentences",
        "--ratio",
    ]
    assert "<bool>" not in result.stdout and "<int>" not in result.stdout


def test_option_help_starts_in_one_column_across_sections(runner_80: CliRunner) -> None:
    text = runner_80.invoke(app, ["run", "--help"], prog_name="zhbrief").stdout
    rows = [re.match(r"  [-A-Z]\S*(?: \S+)*  +(\S)", line) for line in text.splitlines()]
    columns = [row.start(1) for row in rows if row]
    assert len(columns) == 30 and set(columns) == {23}  # INPUT, 28 options and --help


def test_every_help_fits_80_columns() -> None:
    root: Any = typer.main.get_command(app)
    paths = [[], *([name] for name in root.commands)]
    paths += [["model", name] for name in root.commands["model"].commands]
    for path in paths:  # CliRunner formats for 80 columns, a terminal or a pipe for 78
        text = CliRunner().invoke(app, [*path, "--help"], prog_name="zhbrief").stdout
        assert max(len(line) for line in text.splitlines()) <= 80, path
    assert len(paths) == 10


@pytest.fixture
def runner_80() -> CliRunner:
    """A runner whose help is as a terminal of 80 columns shows it (CliRunner forces 80)."""
    return CliRunner()
