"""The output layout: every place named once, and the names a brief may not take."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhbrief.layout import Layout, digest_name, models_dir, page_name, reserved
from zhbrief.output.files import output_names


def test_the_state_folder_and_its_files() -> None:
    layout = Layout(Path("out"))
    assert (layout.db, layout.lock, layout.last_run, layout.models) == (
        Path("out/.zhbrief/state.db"),
        Path("out/.zhbrief/lock"),
        Path("out/.zhbrief/last-run.json"),
        Path("out/.zhbrief/models"),
    )
    assert (layout.index, layout.site) == (Path("out/index.md"), Path("out/site"))


def test_models_go_to_the_cache_when_there_is_no_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert models_dir(None) == tmp_path / "cache" / "zhbrief" / "models"
    assert models_dir(tmp_path / "out") == tmp_path / "out" / ".zhbrief" / "models"


def test_pages_and_digests() -> None:
    assert page_name("a.md") == "a.html"
    assert page_name("news/2026/b.txt.md") == "news/2026/b.txt.html"
    assert digest_name("2026-03-12", ".html") == "digest/2026-03-12.html"


def test_a_brief_never_takes_the_index_or_a_digest() -> None:
    assert reserved("index.md") and reserved("digest/2026-03-12.md")
    assert not reserved("news/index.md") and not reserved("digest/a/b.md")
    names = output_names(["index.txt", "digest/2026-03-12.txt", "news/index.txt", "a.txt"])
    assert names == {
        "a.txt": "a.md",
        "digest/2026-03-12.txt": "digest/2026-03-12.txt.md",
        "index.txt": "index.txt.md",
        "news/index.txt": "news/index.md",
    }
