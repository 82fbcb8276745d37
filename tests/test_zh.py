"""Script detection and conversion to Simplified."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhbrief.zh import detect_script, to_simplified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("這個國家的經濟發展很快，專家們說會繼續。", "traditional"),
        ("这个国家的经济发展很快，专家们说会继续。", "simplified"),
        (
            "这个国家的经济发展很快，专家们说台灣會繼續，这是一个重要的问题，大家都关心。",
            "simplified",
        ),
        ("GPT-5 2025", "simplified"),
        ("", "simplified"),
    ],
)
def test_detect_script(text: str, expected: str) -> None:
    assert detect_script(text) == expected


def test_a_few_traditional_characters_in_long_simplified_text() -> None:
    text = "经济发展的问题是大家关心的。" * 20 + "後來"
    assert detect_script(text) == "simplified"


def test_to_simplified() -> None:
    assert to_simplified("這個國家的經濟發展") == "这个国家的经济发展"
    assert to_simplified("已经是简体，GPT-5。") == "已经是简体，GPT-5。"


def test_import_builds_no_converter() -> None:
    code = (
        "import zhbrief.ingest.segment, zhbrief.zh as s; print(s._converter.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_han_ranges_are_written_in_zh_only() -> None:
    """One decision, one place: no other module spells out a Han code point range."""
    src = Path(__file__).resolve().parents[1] / "src" / "zhbrief"
    spelled = re.compile(r"\\u4e00|\\u3400|\\u9fff|[\u4e00]-[\u9fff]")
    offenders = [
        p.relative_to(src).as_posix()
        for p in src.rglob("*.py")
        if p.name != "zh.py" and spelled.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_words_and_tags_come_from_the_segmenter() -> None:
    from zhbrief.zh import tagged, words

    assert words("北京大学的研究人员") == ["北京大学", "的", "研究", "人员"]
    assert ("研究", "vn") in tagged("北京大学的研究人员")


def test_idf_table_reads_jieba_s_values_with_the_median_for_unknown_words() -> None:
    from zhbrief.zh import idf_table

    idf, median = idf_table()
    assert idf.get("模型", 0.0) == pytest.approx(6.808103936)
    assert idf.get("不存在的词语", median) == median > 10


def test_sumy_tokenizer_splits_chinese_with_the_segmenter_not_jieba() -> None:
    code = (
        "import sys; from zhbrief.zh import sumy_tokenizer; "
        "print(sumy_tokenizer()('chinese').to_words('北京大学的研究人员'), 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "('北京大学', '的', '研究', '人员') False"


def test_sumy_loads_without_scipy_even_where_it_is_installed() -> None:
    # nltk (under sumy) would load scipy.stats and scipy.sparse: about 60 MiB a run, never used
    assert importlib.util.find_spec("scipy") is not None  # the test extra brings it (datasketch)
    code = (
        "import sys; from zhbrief.summarizers.sumy import sumy_ratings; "
        "r = sumy_ratings('lexrank', [['今天天气很好。', '我们去公园散步。']]); "
        "print(len(r), 'scipy' in sys.modules, 'nltk' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["2", "False", "True"], done.stderr
