"""Server engines against fake servers on 127.0.0.1: LibreTranslate and an OpenAI-compatible chat
server answer each Chinese text with a code derived from it, so every pair of a brief is checked;
429 then success, a server that cannot be reached, a rerun that asks nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from builders import brief_pairs, output_files, write_articles
from httpsite import Site, chat_server, closed_url, english_code, libretranslate
from processes import run_here

from zhbrief.errors import EngineError, EngineUnreachable
from zhbrief.store.db import Store
from zhbrief.translation.chat import PROMPT, ChatEngine, read_alone, read_answers
from zhbrief.translation.libretranslate import LibreTranslateEngine
from zhbrief.translation.remote import Remote
from zhbrief.translation.servers import Server
from zhbrief.web.client import Client, Polite


def briefs_of(output: Path) -> dict[str, str]:
    return {
        n: d.decode()
        for n, d in output_files(output).items()
        if n.endswith(".md") and n != "index.md" and "/" not in n
    }


def check_briefs(output: Path, count: int) -> list[dict[str, object]]:
    """Every English sentence and title is the server's answer for the Chinese it stands with."""
    briefs = briefs_of(output)
    assert len(briefs) == count
    fields = []
    for text in briefs.values():
        pairs = brief_pairs(text)
        assert len(pairs) >= 3
        for line, zh in pairs:
            code = english_code(zh)
            assert line == code or line.startswith(code + " ["), (zh, line)
        front = yaml.safe_load(text.split("---")[1])
        assert front["title"] == english_code(front["title_zh"])
        fields.append(front)
    return fields


def test_libretranslate_briefs_every_sentence_and_a_rerun_asks_nothing(
    tmp_path: Path, site: Site, argos_home: Path
) -> None:
    fake = libretranslate(site)
    source, out = write_articles(tmp_path / "in", 3), tmp_path / "out"
    engine = ("--engine", "libretranslate", "--engine-url", site.root)
    ran = run_here(source, out, *engine)
    assert ran.returncode == 0, ran.stderr  # no Argos package anywhere: none needed
    for front in check_briefs(out, 3):
        assert front["model"] == f"libretranslate {site.root}" and front["decoding"] == {}
    assert site.requests.count("/languages") == 1  # checked once
    for payload in fake.payloads:
        assert (payload["source"], payload["target"], payload["format"]) == ("zh", "en", "text")
        assert isinstance(payload["q"], list) and "api_key" not in payload
    asked = len(site.requests)
    assert run_here(source, out, *engine).returncode == 0
    assert run_here(source, out, *engine, "--force").returncode == 0  # all from the cache
    assert len(site.requests) == asked  # the rerun asked the server nothing at all


def test_the_api_key_comes_from_the_variable_the_config_names(
    tmp_path: Path, site: Site, argos_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = libretranslate(site)
    config = tmp_path / "zhbrief.toml"
    config.write_text(
        f'[translation]\nengine = "libretranslate"\nurl = "{site.root}"\n'
        'api_key_env = "ZHBRIEF_TEST_LT_KEY"\nconcurrency = 2\n',
        "utf-8",
    )
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    unset = run_here(source, out, "--config", str(config))
    assert unset.returncode == 2
    assert unset.stderr.splitlines() == [
        "Error: api_key_env names $ZHBRIEF_TEST_LT_KEY, which is not set: export it with the "
        "server's API key, or remove api_key_env."
    ]
    monkeypatch.setenv("ZHBRIEF_TEST_LT_KEY", "s3cret-key")
    assert run_here(source, out, "--config", str(config)).returncode == 0
    assert {p["api_key"] for p in fake.payloads} == {"s3cret-key"}
    check_briefs(out, 1)
    assert not any(b"s3cret-key" in data for data in output_files(out).values())


def test_a_key_written_in_the_file_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "zhbrief.toml"
    config.write_text('[translation]\nengine = "libretranslate"\napi_key = "abc"\n', "utf-8")
    ran = run_here(write_articles(tmp_path / "in", 1), tmp_path / "out", "--config", str(config))
    assert ran.returncode == 2 and "never write an API key in a file" in ran.stderr


def test_429_then_success(tmp_path: Path, site: Site, argos_home: Path) -> None:
    fake = libretranslate(site)
    fake.busy = 2
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    ran = run_here(source, out, "--engine", "libretranslate", "--engine-url", site.root)
    assert ran.returncode == 0, ran.stderr
    assert fake.refused == 2 and fake.batches  # asked again by the client, then answered
    check_briefs(out, 1)


def test_an_unreachable_server_is_one_line_exit_3_and_nothing_written(
    tmp_path: Path, argos_home: Path
) -> None:
    source, out = write_articles(tmp_path / "in", 2), tmp_path / "out"
    url = closed_url().rstrip("/")
    ran = run_here(source, out, "--engine", "libretranslate", "--engine-url", url)
    assert ran.returncode == 3
    assert ran.stderr.splitlines() == [
        f"Error: LibreTranslate at {url} cannot be reached (connection refused): start it, "
        "or check --engine-url."
    ]
    assert output_files(out) == {}  # no brief, no index, no temp file
    with closing(Store.of_output(out)) as store:
        assert store.records() == {}  # nothing recorded: the next run does it all


def test_a_server_without_chinese_is_one_line_exit_3(
    tmp_path: Path, site: Site, argos_home: Path
) -> None:
    libretranslate(site, languages=[{"code": "en", "name": "English", "targets": ["fr"]}])
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    ran = run_here(source, out, "--engine", "libretranslate", "--engine-url", site.root)
    assert ran.returncode == 3
    [line] = ran.stderr.splitlines()
    assert "does not translate Chinese into English (its languages: en)" in line


def quick(server: Server) -> Remote:
    """The engine's HTTP side without waiting between retries."""
    polite = Polite(delay=0, timeout=server.timeout, retries=2)
    return Remote(server, Client(polite, sleep=lambda s: None))


def test_at_most_concurrency_requests_in_flight(site: Site) -> None:
    fake = libretranslate(site)
    fake.pause = 0.2
    server = Server("libretranslate", site.root, concurrency=3)
    texts = [f"第{i}句话。" for i in range(16 * 6)]
    assert LibreTranslateEngine(server).translate_batch(texts) == [english_code(t) for t in texts]
    assert len(fake.batches) == 6 and fake.most_in_flight == 3


def test_a_refused_key_stops_and_a_failing_batch_fails(site: Site) -> None:
    from httpsite import Reply

    server = Server("libretranslate", site.root)
    site.routes["/languages"] = Reply(b"{}", 403, {"Content-Type": "application/json"})
    with pytest.raises(EngineUnreachable, match=r"refuses zhbrief .*check the API key"):
        LibreTranslateEngine(server, quick(server)).translate_batch(["你好。"])
    site.routes["/languages"] = Reply(b"<html>a proxy's page</html>", 200)
    with pytest.raises(EngineUnreachable, match=r"cannot be used: .*did not answer JSON"):
        LibreTranslateEngine(server, quick(server)).translate_batch(["你好。"])
    libretranslate(site)
    site.apis.pop("/translate")
    site.routes["/translate"] = Reply(b"oops", 500)
    with pytest.raises(EngineError, match="HTTP 500"):
        LibreTranslateEngine(server, quick(server)).translate_batch(["你好。"])
    site.routes["/translate"] = Reply(b'{"translatedText": ["a"]}', 200)
    with pytest.raises(EngineError, match="answered 1 translations for 2 sentences"):
        LibreTranslateEngine(server, quick(server)).translate_batch(["你好。", "再见。"])


def test_the_chat_server_briefs_every_sentence_with_the_fixed_prompt(
    tmp_path: Path, site: Site, argos_home: Path
) -> None:
    fake = chat_server(site)
    source, out = write_articles(tmp_path / "in", 2), tmp_path / "out"
    engine = ("--engine", "openai", "--engine-url", site.root, "--engine-model", "qwen2.5-7b")
    ran = run_here(source, out, *engine)
    assert ran.returncode == 0, ran.stderr
    for front in check_briefs(out, 2):
        assert front["model"] == "openai qwen2.5-7b (prompt 1)"
        assert front["decoding"] == {"temperature": 0}
    # the same quality flags as any engine: the fake's codes carry none of the numbers
    assert all("50 is not in the English" in text for text in briefs_of(out).values())
    for payload in fake.payloads:
        assert (payload["model"], payload["temperature"]) == ("qwen2.5-7b", 0)
        assert payload["messages"][0] == {"role": "system", "content": PROMPT}
    asked = len(site.requests)
    assert run_here(source, out, *engine, "--force").returncode == 0
    assert len(site.requests) == asked


def drop_second(lines: list[str]) -> list[str]:
    return [lines[0], *lines[2:]]


def merge_first_two(lines: list[str]) -> list[str]:
    return [f"{lines[0]} {lines[1].split('. ', 1)[1]}", *lines[2:]]


def swap_first_two(lines: list[str]) -> list[str]:
    return [lines[1], lines[0], *lines[2:]]


def extra_line(lines: list[str]) -> list[str]:
    return [lines[0], "(a note the model added)", *lines[1:]]


@pytest.mark.parametrize("mangle", [drop_second, merge_first_two, swap_first_two, extra_line])
def test_answers_missing_merged_or_out_of_order_are_asked_again_alone(
    site: Site, mangle: Callable[[list[str]], list[str]]
) -> None:
    fake = chat_server(site, mangle)
    server = Server("openai", site.root, "m")
    texts = [f"第{i}句话，有{i}个字。" for i in range(12)]
    assert ChatEngine(server).translate_batch(texts) == [english_code(t) for t in texts]
    alone = [b[0] for b in fake.batches if len(b) == 1]
    assert alone and len(fake.batches) == 2 + len(alone)  # two batches of 8 and 4, then re-asks
    assert set(alone) <= {texts[0], texts[1], texts[2], texts[8], texts[9], texts[10]}


def test_a_v1_address_and_a_thinking_preamble(site: Site) -> None:
    chat_server(site, lambda lines: ["<think>numbering…</think>", *lines], path="/api/v1")
    server = Server("openai", site.root + "/api/v1", "m")
    assert ChatEngine(server).translate_batch(["你好。", "再见。"]) == [
        english_code("你好。"),
        english_code("再见。"),
    ]


@pytest.mark.parametrize(
    ("reply", "count", "trusted"),
    [
        ("1. A\n2. B\n3. C", 3, {1: "A", 2: "B", 3: "C"}),
        ("Here they are:\n1. A\n2) B\n3、C", 3, {1: "A", 2: "B", 3: "C"}),
        ("1. A B\n3. C", 3, {}),  # 2 missing: 1 and 3 may hold it
        ("1. A\n2. B\n3. C\n4. D", 3, {}),  # one sentence too many: the numbering slipped
        ("1. A\n2. B\nand more\n3. C\n4. D", 4, {4: "D"}),
        ("1. A\n2. B\n2. B again\n3. C", 3, {}),
        ("1. A\n2.\n3. C", 3, {}),
    ],
)
def test_a_reply_is_read_strictly(reply: str, count: int, trusted: dict[int, str]) -> None:
    assert read_answers(reply, count) == trusted


def test_a_single_answer_is_its_whole_reply() -> None:
    assert read_alone("1. Hello") == "Hello"
    assert read_alone("Translation:\n1. Hello\nworld.") == "Hello world."
    assert read_alone("Hello.") == "Hello."


def test_the_chat_server_unreachable_is_one_line(tmp_path: Path, argos_home: Path) -> None:
    url = closed_url().rstrip("/")
    engine = ("--engine", "openai", "--engine-url", url, "--engine-model", "m")
    ran = run_here(write_articles(tmp_path / "in", 1), tmp_path / "out", *engine)
    assert ran.returncode == 3
    assert ran.stderr.splitlines() == [
        f"Error: The chat server at {url} cannot be reached (connection refused): start it, "
        "or check --engine-url."
    ]


def test_a_status_of_a_server_run_asks_no_server(tmp_path: Path, site: Site) -> None:
    from typer.testing import CliRunner

    from zhbrief.cli import app

    libretranslate(site)
    source, out = write_articles(tmp_path / "in", 1), tmp_path / "out"
    engine = ["--engine", "libretranslate", "--engine-url", site.root]
    assert run_here(source, out, *engine).returncode == 0
    config = tmp_path / "zhbrief.toml"
    config.write_text(f'[translation]\nengine = "libretranslate"\nurl = "{site.root}"\n', "utf-8")
    asked = len(site.requests)
    status = CliRunner().invoke(
        app, ["status", str(source), "-o", str(out), "--config", str(config), "--json"]
    )
    report = json.loads(status.stdout)
    assert report["pending"] == [] and report["model"] == f"libretranslate {site.root}"
    assert len(site.requests) == asked


@pytest.mark.timeout(600)
def test_dask_workers_ask_the_server_and_need_no_model(
    tmp_path: Path, site: Site, argos_home: Path
) -> None:
    from processes import finish, start_run

    fake = libretranslate(site)
    source, out = write_articles(tmp_path / "in", 6), tmp_path / "out"
    engine = ("--engine", "libretranslate", "--engine-url", site.root)
    code, _, err = finish(start_run(source, out, "-q", "--workers", "2", *engine))
    assert code == 0, err  # no package on this machine: the workers load no model
    check_briefs(out, 6)
    assert fake.batches and len(site.requests) == len(fake.batches) + site.requests.count(
        "/languages"
    )
