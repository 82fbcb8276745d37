"""terms.lexicon: the dictionary index is built once, reused, and rebuilt when a source changes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from zhbrief.terms import lexicon

CEDICT = """# a tiny CC-CEDICT
龍湖 龙湖 [Long2 hu2] /Longhu District of Shantou city 汕頭市|汕头市[Shan4 tou2 Shi4], Guangdong/
銀行 银行 [yin2 hang2] /bank/CL:家[jia1],個|个[ge4]/
馮德萊恩 冯德莱恩 [Feng2 de2 lai2 en1] /Ursula von der Leyen (1958-), German politician/
"""
IDF = "银行 5.5\n模型 6.8\n龙湖 9.0\n"


def sources(folder: Path) -> tuple[Path, Path]:
    """A tiny CC-CEDICT and IDF table in `folder`."""
    folder.mkdir(exist_ok=True)
    (folder / "cedict.txt").write_text(CEDICT, encoding="utf-8")
    (folder / "idf.txt").write_text(IDF, encoding="utf-8")
    return folder / "cedict.txt", folder / "idf.txt"


def test_built_once_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = sources(tmp_path / "src")
    builds: list[Path] = []
    real_build = lexicon.build
    monkeypatch.setattr(
        lexicon, "build", lambda path, *s: builds.append(path) or real_build(path, *s)
    )
    first = lexicon.ensure(tmp_path / "cache", src)
    second = lexicon.ensure(tmp_path / "cache", src)
    assert first == second and builds == [first]
    with sqlite3.connect(first) as con:
        rows = con.execute("SELECT simplified, person FROM entry ORDER BY rowid").fetchall()
        (median,) = con.execute("SELECT value FROM meta WHERE key = 'median_idf'").fetchone()
    assert rows == [("龙湖", ""), ("银行", ""), ("冯德莱恩", "foreign")]
    assert float(median) == 6.8


def test_a_changed_source_is_rebuilt_and_the_old_index_removed(tmp_path: Path) -> None:
    src = sources(tmp_path / "src")
    old = lexicon.ensure(tmp_path / "cache", src)
    src[1].write_text(IDF + "大模型 11.0\n", encoding="utf-8")
    new = lexicon.ensure(tmp_path / "cache", src)
    assert new != old and new.exists() and not old.exists()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [new.name]  # no temp file left


def test_a_run_builds_the_index_in_the_cache_folder_and_the_next_reuses_it(tmp_path: Path) -> None:
    code = "from zhbrief.glossary import lookup; print(lookup('银行').senses[0])"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    stats = []
    for _ in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "bank" and out.stderr == ""
        (index,) = (tmp_path / "zhbrief").glob("lexicon-*.sqlite")
        stats.append((index, index.stat().st_ino, index.stat().st_mtime_ns))
    assert stats[0] == stats[1]


def test_a_damaged_index_is_built_again(tmp_path: Path) -> None:
    src = sources(tmp_path / "src")
    path = lexicon.ensure(tmp_path / "cache", src)
    path.write_bytes(b"not a database at all" * 100)
    con = lexicon.open_index(path, src)
    assert con.execute("SELECT value FROM idf WHERE word = '银行'").fetchone() == (5.5,)


def test_tests_with_their_own_cache_folder_share_the_session_index(
    argos_home: Path, lexicon_index: Path
) -> None:
    from zhbrief.places import cache_dir
    from zhbrief.terms import cedict

    real = (cedict.source(), lexicon.idf_source())
    shared = lexicon.index_path(cache_dir(), real)
    assert shared.name == lexicon_index.name  # the real sources' index, found where a run looks
    assert shared.exists()  # so a process run with this cache folder builds nothing
    assert shared.stat().st_size == lexicon_index.stat().st_size
