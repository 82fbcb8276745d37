"""`zhbrief serve`: the site over real HTTP on 127.0.0.1, and its errors."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhbrief.cli import app
from zhbrief.serve import site_server

pytestmark = pytest.mark.timeout(60)


def make_site(output: Path) -> Path:
    (output / "site").mkdir(parents=True)
    (output / "site" / "index.html").write_text("<!DOCTYPE html><title>i</title>", "utf-8")
    (output / "site" / "style.css").write_text("body{}", "utf-8")
    (output / "feed.xml").write_text("<feed/>", "utf-8")  # beside the site, not in it
    return output


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, "", b""


def test_the_server_serves_the_site_folder_only(tmp_path: Path) -> None:
    server = site_server(make_site(tmp_path / "out"), 0)
    assert server.server_address[0] == "127.0.0.1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert get(base + "/")[0] == 200 and get(base + "/")[2].startswith(b"<!DOCTYPE html>")
        assert get(base + "/style.css")[:2] == (200, "text/css")
        assert get(base + "/../feed.xml")[0] == 404
        assert get(base + "/%2e%2e/feed.xml")[0] == 404
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_serve_without_a_site_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    site = tmp_path / "out" / "site"
    assert result.stderr == (
        f"Error: No site in {site}: run `zhbrief run` first (with the html format).\n"
    )


def test_serve_runs_until_interrupted(tmp_path: Path) -> None:
    output = make_site(tmp_path / "out")
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhbrief", "serve", "-o", str(output), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("Serving http://127.0.0.1:") and line.endswith("(Ctrl-C stops)\n")
        url = line.split()[1]
        assert get(url + "index.html")[0] == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        proc.kill()
        proc.wait()
