"""One article on its own: `zhbrief run FILE` and `zhbrief run -`, on the tiny real package."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from processes import EPOCH, fixed_clock_env
from typer.testing import CliRunner

from zhbrief.cli import app

ARTICLE = (
    "# 新能源汽车销量创新高\n\n"
    "今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。\n"
    "业内人士表示，价格下降和充电设施改善是主要原因；预计全年销量将超过1200万辆。\n"
)
SUMMARY = re.compile(r"1 brief written, 0 failed; 1 new, 0 unchanged; \d+ sentences? flagged \(")


@pytest.fixture
def here(tmp_path: Path, installed_model: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding x.txt (the Argos home is beside it), with a fixed brief clock."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    (work / "x.txt").write_text(ARTICLE, encoding="utf-8")
    return work


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_file_to_stdout_then_into_a_folder(here: Path) -> None:
    runner = CliRunner()
    before = files_under(here)
    printed = runner.invoke(app, ["run", "x.txt", "-o", "-"])
    assert printed.exit_code == 0, printed.output
    assert (printed.stderr, files_under(here)) == ("", before)  # no store, no output folder
    assert printed.stdout.startswith("---\ntitle: ")
    assert "\nsource: x.txt\n" in printed.stdout
    assert "> 今年前三季度，全国新能源汽车销量达到900万辆，同比增长50%。" in printed.stdout
    written = runner.invoke(app, ["run", "x.txt", "-o", "briefs"])
    assert written.exit_code == 0, written.output
    assert SUMMARY.match(written.stdout)
    assert (here / "briefs" / "x.md").read_text(encoding="utf-8") == printed.stdout
    assert (here / "briefs" / ".zhbrief" / "state.db").is_file()  # the translation cache


def test_a_file_inside_the_input_folder_keeps_its_relative_name(here: Path) -> None:
    (here / "input" / "sub").mkdir(parents=True)
    (here / "x.txt").rename(here / "input" / "sub" / "x.txt")
    result = CliRunner().invoke(app, ["run", "input/sub/x.txt"])
    assert result.exit_code == 0, result.output
    brief = (here / "output" / "sub" / "x.md").read_text(encoding="utf-8")
    assert "\nsource: sub/x.txt\n" in brief


def test_stdin_to_stdout_as_a_real_process(here: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "zhbrief", "run", "-"],
        input=ARTICLE.encode(),
        capture_output=True,
        env=fixed_clock_env(),
        cwd=here,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    brief = proc.stdout.decode()
    assert brief.startswith("---\ntitle: ") and "\nsource: '-'\n" in brief
    assert "## Summary" in brief and "> 业内人士表示，价格下降和充电设施改善是主要原因" in brief
    assert files_under(here) == ["x.txt"]


@pytest.mark.parametrize(
    ("stdin", "code", "said"),
    [
        (b"\x00\xff" * 100, 1, "-: looks like a binary file, not text; "),
        (b"", 1, "-: is empty; nothing to translate\n"),
        (b"Only English\n", 0, "-: skipped: no Chinese text found"),
    ],
)
def test_stdin_that_is_not_an_article(here: Path, stdin: bytes, code: int, said: str) -> None:
    result = CliRunner().invoke(app, ["run", "-"], input=stdin)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(said) and len(result.stderr.splitlines()) == 1
    assert files_under(here) == ["x.txt"]


def test_stdout_takes_one_article_and_no_json(here: Path) -> None:
    (here / "in").mkdir()
    folder = CliRunner().invoke(app, ["run", "in", "-o", "-"])
    assert folder.exit_code == 2
    assert folder.stderr == (
        "Error: -o - (stdout) takes one article: give a file or - (stdin), not a folder.\n"
    )
    as_json = CliRunner().invoke(app, ["run", "x.txt", "-o", "-", "--json"])
    assert as_json.exit_code == 2
    assert as_json.stderr == (
        "Error: --json needs the brief written into a folder (-o DIR), not to stdout.\n"
    )
    assert files_under(here) == ["x.txt"]


def test_a_single_article_never_writes_over_a_file_zhbrief_did_not_write(here: Path) -> None:
    (here / "input").mkdir()
    (here / "x.txt").rename(here / "input" / "x.txt")
    mine = here / "notes" / "x.md"
    mine.parent.mkdir()
    mine.write_text("# My own notes\n", encoding="utf-8")
    alone = CliRunner().invoke(app, ["run", "input/x.txt", "-o", "notes"])
    folder = CliRunner().invoke(app, ["run", "input", "-o", "notes"])
    said = (
        f"x.txt: cannot write brief: {mine.resolve()} exists and was not written by zhbrief; "
        "it is left alone. Move it away or choose another output folder.\n"
    )
    assert (alone.exit_code, alone.stderr) == (1, said)  # exactly as a folder run says it
    assert (folder.exit_code, folder.stderr) == (1, said)
    assert alone.stdout.startswith("0 briefs written, 1 failed; 1 new, 0 unchanged (")
    assert mine.read_text(encoding="utf-8") == "# My own notes\n"


def test_a_single_article_is_named_as_its_folder_run_names_it(here: Path) -> None:
    (here / "input").mkdir()
    (here / "x.txt").rename(here / "input" / "x.txt")
    (here / "input" / "x.md").write_text(ARTICLE, encoding="utf-8")  # takes x.md first
    (here / "input" / "index.txt").write_text(ARTICLE, encoding="utf-8")
    for name in ("x.txt", "index.txt"):
        result = CliRunner().invoke(app, ["run", f"input/{name}"])
        assert result.exit_code == 0, result.output
    briefs = [name for name in files_under(here / "output") if name.endswith(".md")]
    assert briefs == ["index.txt.md", "x.txt.md"]  # never index.md, nor x.md (input/x.md's)


def test_a_single_article_gives_the_brief_a_folder_run_gives(here: Path) -> None:
    (here / "input").mkdir()
    (here / "x.txt").rename(here / "input" / "x.txt")
    (here / "input" / "y.html").write_text(  # another story: a folder run lists no copy
        "<html><body><article><h1>城市公交线路调整</h1>"
        "<p>本市将于下月起调整十二条公交线路，新开三条通往新区的快线。</p>"
        "<p>交通部门表示，调整后早高峰平均候车时间预计缩短五分钟。</p></article></body></html>",
        encoding="utf-8",
    )
    folder = CliRunner().invoke(app, ["run", "input", "-o", "whole"])
    assert folder.exit_code == 0, folder.output
    for name in ("x.txt", "y.html"):
        alone = CliRunner().invoke(app, ["run", f"input/{name}", "-o", "alone"])
        assert alone.exit_code == 0, alone.output
        printed = CliRunner().invoke(app, ["run", f"input/{name}", "-o", "-"])
        brief = (here / "whole" / f"{Path(name).stem}.md").read_bytes()
        assert (here / "alone" / f"{Path(name).stem}.md").read_bytes() == brief
        assert printed.stdout.encode("utf-8") == brief
