"""docs/ agrees with the code: generated blocks are fresh, examples name real commands."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhbrief.cli import docs, reference
from zhbrief.cli.exits import EXIT_CODES
from zhbrief.errors import ZhbriefError

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_generated_blocks_match_the_code(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    fresh = docs.regenerate(text)
    diff = "".join(
        difflib.unified_diff(text.splitlines(True), fresh.splitlines(True), "docs", "code", n=1)
    )
    assert fresh == text, (
        f"docs/{page.name} differs from the code. Run `{docs.REGENERATE}` and commit docs/.\n"
        + diff[:3000]
    )


def test_every_generated_block_is_somewhere_in_docs() -> None:
    assert docs.missing_blocks(DOCS) == []


@pytest.mark.parametrize("page", [ROOT / "README.md", *PAGES], ids=lambda p: p.name)
def test_examples_name_real_commands_options_and_settings(page: Path) -> None:
    assert docs.bad_examples(page.read_text(encoding="utf-8")) == []


def test_every_docs_page_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\| \[docs/([\w-]+\.md)\]\(docs/\1\) \|", readme))
    assert linked == {p.name for p in PAGES}


def test_the_reference_shows_help_as_an_80_column_terminal_does() -> None:
    pages = dict(reference.help_pages())
    assert list(pages)[:2] == ["zhbrief", "zhbrief run"] and len(pages) == 10
    assert all(len(line) <= 78 for text in pages.values() for line in text.splitlines())
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"### `zhbrief run`\n\n```text\n{pages['zhbrief run']}```\n" in cli
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    piped = subprocess.run(
        [sys.executable, "-m", "zhbrief", "run", "--help"],
        capture_output=True, text=True, env=env, timeout=60, check=True,
    )  # fmt: skip
    assert piped.stdout == pages["zhbrief run"]


def test_every_exit_code_of_an_error_is_documented() -> None:
    documented = {code for entry in EXIT_CODES for code in entry.codes}
    raised = {cls.exit_code for cls in _subclasses(ZhbriefError)} | {130, 143}
    assert raised <= documented
    table = reference.error_classes()
    in_errors_py = [c for c in _subclasses(ZhbriefError) if c.__module__ == "zhbrief.errors"]
    assert len(in_errors_py) == 16
    assert all(f"| `{cls.__name__}` | {cls.exit_code} |" in table for cls in in_errors_py)


def test_the_check_fails_on_a_stale_block_and_a_wrong_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(DOCS, tmp_path / "docs")
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    config = tmp_path / "docs" / "config.md"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("| `beam_size` | whole number, 1 to 16", "| `beam_size` | 1–8"))
    (tmp_path / "docs" / "cli.md").write_text(
        "# x\n\n    zhbrief run --beams 4\n\n```toml\nbeams = 4\n```\n", encoding="utf-8"
    )
    assert docs.main(["--check", str(tmp_path / "docs")]) == 1
    said = capsys.readouterr().err.splitlines()
    assert said == [
        "no docs file holds the generated block 'commands'",
        f"{tmp_path / 'docs' / 'cli.md'}: `zhbrief run --beams 4`: zhbrief run has no option --beams",
        f"{tmp_path / 'docs' / 'cli.md'}: zhbrief.toml example: unknown setting 'beams'",
        f"{config} is out of date: run `python -m zhbrief.cli.docs`",
    ]
    assert docs.main([str(tmp_path / "docs")]) == 1  # rewrites config.md; cli.md stays wrong
    assert config.read_text(encoding="utf-8") == text


def test_unknown_block_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown generated block 'nope'"):
        docs.regenerate("<!-- generated: nope -->\nx\n<!-- end generated: nope -->\n")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("zhbrief run input/ -o out -n 3 -vv --json", None),
        ("zhbrief run -qv -n3 --sentences=2 --format md", None),
        ("cat x.txt | zhbrief run - -o -", None),
        ("zhbrief COMMAND --help", None),
        ("zhbrief model remove zh_en", None),
        ("zhbrief run -qx", "zhbrief run has no option -qx"),
        ("zhbrief model purge", "zhbrief model has no command 'purge'"),
        ("zhbrief status --force", "zhbrief status has no option --force"),
    ],
)
def test_command_lines_are_checked_word_by_word(line: str, problem: str | None) -> None:
    found = docs.bad_examples(f"    {line}\n")
    assert found == ([] if problem is None else [f"`{line.split('| ')[-1]}`: {problem}"])


def _subclasses(cls: type) -> list[type]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _subclasses(sub))]
