"""Choosing the engine: Argos by default and settled as before, CTranslate2 folders briefed end
to end, a change of engine re-briefs, a missing model is one line and exit 3."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from builders import brief_pairs, output_files, write_articles
from processes import run_here
from typer.testing import CliRunner

from zhbrief.cli import app
from zhbrief.config import Settings
from zhbrief.config_translation import TranslationSettings
from zhbrief.output.markdown import escape_md
from zhbrief.run.plan import fingerprint
from zhbrief.translation.engine import Decoding
from zhbrief.translation.folder_engine import FolderEngine
from zhbrief.translation.folders import read_folder
from zhbrief.translation.metadata import PackageInfo
from zhbrief.translation.servers import Server

Folder = Callable[[str], Path]
ARGOS = PackageInfo("translate-zh_en-synthetic", "1.9", "zh", "en", Path("x"))


def test_an_argos_fingerprint_is_the_one_zhbrief_made_before_engines() -> None:
    # computed by zhbrief 0.2 before engines (main at 74b4ee9): its briefs stay settled
    assert fingerprint(Settings(), ARGOS) == "2a1e739a6b8ce1ff"
    assert fingerprint(Settings(beam_size=2, key_terms=3), ARGOS) == "a042dc51137dfbd8"


def test_each_engine_has_its_own_fingerprint(ct2_folder: Folder) -> None:
    folder = read_folder(ct2_folder("opus"))
    chat = Server("openai", "http://127.0.0.1:1", "qwen")
    libre = Server("libretranslate", "http://127.0.0.1:1")
    prints = [fingerprint(Settings(), m) for m in (ARGOS, folder, chat, libre)]
    assert len(set(prints)) == 4  # changing engine re-briefs
    beam = Settings(beam_size=2)
    assert fingerprint(beam, folder) != fingerprint(Settings(), folder)  # decoding shapes it
    assert fingerprint(beam, chat) == fingerprint(Settings(), chat)  # a server ignores it
    keyed = Server("openai", "http://127.0.0.1:1", "qwen", api_key="secret")
    assert fingerprint(Settings(), keyed) == prints[2] and "secret" not in keyed.label


def briefs_of(output: Path) -> dict[str, str]:
    """The briefs of an output folder by name (not the index)."""
    return {
        name: data.decode()
        for name, data in output_files(output).items()
        if name.endswith(".md") and name != "index.md" and "/" not in name
    }


def check_every_pair(markdown: str, engine: FolderEngine) -> None:
    """Each English sentence is the engine's own answer for the Chinese below it."""
    pairs = brief_pairs(markdown)
    assert len(pairs) >= 3
    english = engine.translate_batch([zh for _, zh in pairs])
    for (line, zh), en in zip(pairs, english, strict=True):
        assert line == escape_md(en) or line.startswith(escape_md(en) + " ["), (zh, line, en)


def test_an_opus_mt_folder_briefs_end_to_end(
    tmp_path: Path, ct2_folder: Folder, installed_model: Path
) -> None:
    source, out = write_articles(tmp_path / "in", 2), tmp_path / "out"
    folder = ct2_folder("opus")
    ran = run_here(source, out, "--engine", "ctranslate2", "--model", str(folder), "--json")
    assert ran.returncode == 0, ran.stderr
    assert len(json.loads(ran.stdout)["written"]) == 2
    engine = FolderEngine(read_folder(folder), Decoding())
    for text in briefs_of(out).values():
        fields = yaml.safe_load(text.split("---")[1])
        assert fields["model"] == f"ctranslate2 {folder.name}"
        assert fields["decoding"]["beam_size"] == 4
        check_every_pair(text, engine)
    before = output_files(out)
    again = run_here(source, out, "--engine", "ctranslate2", "--model", str(folder), "--json")
    assert json.loads(again.stdout)["written"] == [] and output_files(out) == before
    # back to the default engine (Argos): the settings changed, so every article is re-briefed
    argos = run_here(source, out, "--json")
    assert len(json.loads(argos.stdout)["written"]) == 2
    assert all("model: translate-zh_en-synthetic 1.9" in t for t in briefs_of(out).values())


def test_an_installed_nllb_folder_named_in_the_config_table(
    tmp_path: Path, ct2_folder: Folder, argos_home: Path
) -> None:
    folder = ct2_folder("nllb")
    runner = CliRunner()
    installed = runner.invoke(app, ["model", "install", str(folder), "--name", "nllb-200"])
    assert installed.exit_code == 0, installed.stderr
    assert installed.stdout.startswith("Installed ctranslate2 nllb-200 (NLLB-200) in ")
    listed = runner.invoke(app, ["model", "list"]).stdout
    assert "ctranslate2\tnllb-200\tNLLB-200\t" in listed
    config = tmp_path / "zhbrief.toml"
    config.write_text('[translation]\nengine = "ctranslate2"\nmodel = "nllb-200"\n', "utf-8")
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    ran = run_here(source, out, "--config", str(config))
    assert ran.returncode == 0, ran.stderr
    [text] = briefs_of(out).values()
    assert "model: ctranslate2 nllb-200" in text
    check_every_pair(text, FolderEngine(read_folder(folder), Decoding()))
    status = runner.invoke(
        app, ["status", str(source), "-o", str(out), "--config", str(config), "--json"]
    )
    assert json.loads(status.stdout)["model"] == "ctranslate2 nllb-200"
    assert json.loads(status.stdout)["pending"] == []
    removed = runner.invoke(app, ["model", "remove", "nllb-200"])
    assert removed.exit_code == 0 and removed.stdout.startswith("Removed ctranslate2 nllb-200")


def test_no_model_folder_is_one_line_and_exit_3(tmp_path: Path, argos_home: Path) -> None:
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    ran = run_here(source, out, "--engine", "ctranslate2")
    assert ran.returncode == 3
    [line] = ran.stderr.splitlines()
    assert line.startswith("Error: No CTranslate2 model folder in ")
    assert "zhbrief model install DIR" in line
    assert not briefs_of(out)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--engine", "deepl"], "unknown engine 'deepl'; choose one of argos, ctranslate2"),
        (["--engine", "openai"], "--engine openai needs the server's address: --engine-url URL"),
        (
            ["--engine", "openai", "--engine-url", "http://127.0.0.1:1"],
            "--engine openai needs the server's model name: --engine-model NAME",
        ),
        (["--engine", "libretranslate", "--engine-url", "ftp://x"], "must start with http://"),
    ],
)
def test_engine_options_that_cannot_work_are_usage_errors(
    tmp_path: Path, args: list[str], said: str
) -> None:
    ran = run_here(write_articles(tmp_path / "in", 1), tmp_path / "out", *args)
    assert ran.returncode == 2
    assert said in ran.stderr and len(ran.stderr.splitlines()) == 1


def test_the_default_engine_is_argos() -> None:
    assert (
        Settings().translation == TranslationSettings() and Settings().translation.engine == "argos"
    )
