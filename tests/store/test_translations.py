"""The translation cache: English and scores by engine key, kept across runs and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zhbrief.store.db import MIGRATIONS, SCHEMA_VERSION, Store


def test_scores_are_kept_beside_the_english(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "state.db")
    cache = store.translations("k")
    cache.put_many({"一。": "One.", "二。": "Two."}, {"一。": -0.75})
    store.close()
    again = Store.open(tmp_path / "state.db").translations("k")
    assert again.get_many(["一。", "二。", "三。"]) == {"一。": "One.", "二。": "Two."}
    assert again.get_scores(["一。", "二。", "三。"]) == {"一。": -0.75}  # 二: no score given
    assert Store.open(tmp_path / "state.db").translations("other").get_scores(["一。"]) == {}


def test_a_cache_of_the_schema_before_scores_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    before = next(i for i, m in enumerate(MIGRATIONS) if "score REAL" in m)
    conn = sqlite3.connect(path)  # the database as the schema before scores left it
    for migration in MIGRATIONS[:before]:
        conn.executescript(migration)
    conn.execute("INSERT INTO translation_cache VALUES ('k', '你好。', 'Hello.')")
    conn.execute(f"PRAGMA user_version = {before}")
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION
    cache = store.translations("k")
    assert cache.get_many(["你好。"]) == {"你好。": "Hello."}
    assert cache.get_scores(["你好。"]) == {}  # made without a score: none invented
    cache.put_many({"再见。": "Bye."}, {"再见。": -1.5})
    assert cache.get_scores(["你好。", "再见。"]) == {"再见。": -1.5}


def test_many_sentences_stay_under_the_variable_limit() -> None:
    cache = Store.open(":memory:").translations("k")
    lines = {f"句子{i}。": f"S{i}" for i in range(1200)}
    cache.put_many(lines, {s: -float(i) for i, s in enumerate(lines)})
    assert len(cache.get_scores(list(lines))) == 1200
