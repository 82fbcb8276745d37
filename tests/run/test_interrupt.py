"""SIGTERM and SIGINT mid-run of a real `python -m zhbrief run`: a clean stop, nothing lost."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from builders import write_articles
from processes import fixed_clock_env, run_command, start_run

from zhbrief.output.files import TEMP_MARK
from zhbrief.store.db import Store

COUNT = 192  # three chunks of 64: time to stop between the first brief and the last


def briefs(output: Path) -> list[Path]:
    return [p for p in output.glob("a*.md") if TEMP_MARK not in p.name]


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signal_stops_the_run_cleanly(
    tmp_path: Path, module_model: Path, sig: signal.Signals, code: int
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write_articles(src, COUNT, "a{i:03d}.txt")
    proc = start_run(src, out)
    deadline = time.monotonic() + 200
    while not briefs(out) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.splitlines()[-1] == (
        f"Stopped by {sig.name}: briefs already written are kept; the next run does the rest."
    )
    assert "Traceback" not in err
    state = out / ".zhbrief"
    assert (state / "lock").read_text() == ""  # no PID left behind
    assert not list(out.rglob(TEMP_MARK + "*"))
    assert not (state / "state.db-wal").exists()
    kept = {p.name: p.read_bytes() for p in briefs(out)}
    assert 0 < len(kept) < COUNT
    store = Store.of_output(out)
    recorded = sum(r.status == "done" for r in store.records().values())
    store.close()
    # the article in flight may be written yet unrecorded: it is re-made, byte for byte
    assert len(kept) - 1 <= recorded <= len(kept)
    again = subprocess.run(
        run_command(src, out, "--no-download"),
        env=fixed_clock_env(),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    written = int(again.stdout.split(" briefs written")[0])
    assert written == COUNT - recorded  # what was recorded before the stop is not redone
    assert all(p.read_bytes() == kept[p.name] for p in briefs(out) if p.name in kept)
