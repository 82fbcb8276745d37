"""Script detection and conversion to Simplified."""

from __future__ import annotations

import subprocess
import sys

import pytest

from zhbrief.script import detect_script, to_simplified


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
    code = "import zhbrief.segment, zhbrief.script as s; print(s._converter.cache_info().currsize)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"
