"""Unattended runs: sources never overwritten, no hang, no traceback.

In-process through the CLI (an exception would fail the test, as a traceback would show), and as
a real process only where only a process can tell: file modes for a user without root's
capabilities, the locale a file name is decoded with, and the status command on its own.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from processes import Ran, fixed_clock_env, run_command, run_here

ARTICLE = "城市图书馆推出夜间开放服务\n本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。\n"
# The suite runs as root, who writes anywhere. Without the two DAC capabilities root obeys file
# modes like any user (a 0555 folder refuses it), yet can still reach this repository's venv
# wherever it lies: a second user could not where the clone sits under a 0700 folder.
MODES_ENFORCED = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
)


def write(path: Path, text: str = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def zhbrief(*args: str | Path, user: list[str] | None = None) -> Ran:
    """`zhbrief run ARGS --no-download` in this process; a real one when `user` restricts it."""
    extra = [str(a) for a in args[2:]]
    if user is None:
        return run_here(Path(args[0]), Path(args[1]), *extra)
    cmd = [*user, *run_command(Path(args[0]), Path(args[1]), "--no-download", *extra)]
    done = subprocess.run(
        cmd, env=fixed_clock_env(), capture_output=True, text=True, timeout=120, check=False
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def assert_no_traceback(proc: Ran | subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder of its own for the read-only checks, removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="zhbrief-safety-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["rm", "-rf", str(folder)], check=False)


def test_output_equal_to_input_is_refused_and_sources_untouched(
    tmp_path: Path, module_model: Path
) -> None:
    src = tmp_path / "s" / "n"
    write(src / "report.md")
    write(src / "index.md")
    before = {p.name: p.read_bytes() for p in src.iterdir()}
    proc = zhbrief(src, src)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"Error: Output folder {src} is the input folder: briefs would be written over the "
        "articles. Give -o another folder (a subfolder of the input is fine: it is not read).\n"
    )
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before


def test_a_file_not_written_by_zhbrief_is_never_overwritten(
    tmp_path: Path, module_model: Path
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "report.txt")
    notes = write(out / "report.md", "# my notes\n")
    proc = zhbrief(src, out)
    assert proc.returncode == 1, proc.stderr
    assert f"report.txt: cannot write brief: {out / 'report.md'} exists and was not written" in (
        proc.stderr
    )
    assert notes.read_text() == "# my notes\n"
    notes.rename(tmp_path / "notes.md")  # the user moves it: the next run heals on its own
    proc = zhbrief(src, out)
    assert proc.returncode == 0 and (out / "report.md").read_text().startswith("---\n")
    write(out / "index2" / "index.md", "# mine\n")
    proc = zhbrief(src, out / "index2")
    assert proc.returncode == 2
    assert "index.md exists and was not written by zhbrief; it is left alone" in proc.stderr


def test_output_inside_input_is_never_read_back(tmp_path: Path, module_model: Path) -> None:
    write(tmp_path / "one.txt")
    for _ in range(3):
        proc = zhbrief(tmp_path, tmp_path / "output")
        assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "output" / "output").exists()
    assert sorted(p.name for p in (tmp_path / "output").glob("*.md")) == ["index.md", "one.md"]


@pytest.mark.timeout(60)
def test_fifo_and_device_link_do_not_hang_the_run(tmp_path: Path, module_model: Path) -> None:
    src = tmp_path / "in"
    write(src / "a.txt")
    os.mkfifo(src / "p.txt")
    (src / "rand.txt").symlink_to("/dev/urandom")
    proc = zhbrief(src, tmp_path / "out", "--follow-symlinks")
    assert proc.returncode == 0, proc.stderr
    assert "p.txt: skipped: is not a regular file (a pipe, device or socket)" in proc.stderr
    assert "rand.txt: skipped: is not a regular file (a pipe, device or socket)" in proc.stderr
    assert (tmp_path / "out" / "a.md").is_file()
    assert (tmp_path / "out" / ".zhbrief" / "lock").read_text() == ""  # lock released


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_a_gbk_file_name_fails_alone(tmp_path: Path, module_model: Path, locale: str) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "good.txt")
    with open(os.fsencode(src) + b"/" + "新闻".encode("gbk") + b".txt", "wb") as fh:
        fh.write(ARTICLE.encode())
    cmd = run_command(src, out, "--no-download")
    env = dict(fixed_clock_env(), LC_ALL=locale)
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 1
    assert_no_traceback(proc)
    assert "\\xd0\\xc2\\xce\\xc5.txt: file name is not valid UTF-8" in proc.stderr
    assert (out / "good.md").is_file() and (out / "index.md").is_file()
    assert (out / ".zhbrief" / "last-run.json").is_file()


def test_links_outside_the_input_are_skipped_unless_followed(
    tmp_path: Path, module_model: Path
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "a.txt")
    secret = write(tmp_path / "private" / "secret.txt", "机密文件：银行账户密码不得外传。\n")
    (src / "secret.txt").symlink_to(secret)
    (src / "alias.txt").symlink_to(src / "a.txt")
    proc = zhbrief(src, out)
    assert proc.returncode == 0, proc.stderr
    assert (
        "secret.txt: skipped: is a link to a file outside the input folder; "
        "pass --follow-symlinks to read it"
    ) in proc.stderr
    assert not (out / "secret.md").exists() and (out / "alias.md").is_file()
    assert proc.stdout.startswith("2 briefs written, 0 failed; 2 new, 0 unchanged; 1 skipped")
    again = zhbrief(src, out)
    assert again.stdout.startswith("0 briefs written, 0 failed; 0 new, 2 unchanged; 1 skipped")
    proc = zhbrief(src, out, "--follow-symlinks")
    assert proc.returncode == 0 and (out / "secret.md").is_file()


def test_files_follow_the_umask(tmp_path: Path, module_model: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "a.txt")
    old = os.umask(0o022)  # inherited by the child process
    try:
        assert zhbrief(src, out).returncode == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((out / "a.md").stat().st_mode) == 0o644
    (out / "a.md").chmod(0o600)
    assert zhbrief(src, out, "--force").returncode == 0
    assert stat.S_IMODE((out / "a.md").stat().st_mode) == 0o600


def test_read_only_output_folder_is_a_permissions_error(shared: Path) -> None:
    write(shared / "in" / "a.txt")
    (shared / "out").mkdir(mode=0o555)
    proc = zhbrief(shared / "in", shared / "out", user=MODES_ENFORCED)
    assert proc.returncode == 5
    assert proc.stderr == (
        f"Error: Cannot write to {shared / 'out' / '.zhbrief'} (Permission denied): this is a "
        "permissions problem. Make it writable for this user (chmod, chown, or a read-write "
        "mount), or choose another folder with -o.\n"
    )


def test_read_only_state_folder_is_not_called_damaged(shared: Path, module_model: Path) -> None:
    write(shared / "in" / "a.txt")
    out = shared / "out"
    assert zhbrief(shared / "in", out).returncode == 0  # as root: a real store
    for path in [out, *out.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    write(shared / "in" / "b.txt")
    proc = zhbrief(shared / "in", out, user=MODES_ENFORCED)
    assert proc.returncode == 5, proc.stderr
    assert proc.stderr.startswith("Error: Cannot write to ")
    assert "this is a permissions problem" in proc.stderr
    assert "rebuild-state" not in proc.stderr and "aside" not in proc.stderr


def test_damaged_store_exits_4_for_run_and_status(tmp_path: Path, module_model: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "a.txt")
    assert zhbrief(src, out).returncode == 0
    db = out / ".zhbrief" / "state.db"
    db.write_bytes(db.read_bytes()[:100] + b"\xa5" * 8000)
    proc = zhbrief(src, out)
    assert proc.returncode == 4
    assert proc.stderr.startswith(f"Error: {db}: the state database is damaged (")
    assert proc.stderr.endswith(
        "Run 'zhbrief run --rebuild-state' to move it aside and start afresh "
        "(briefs already written are kept and adopted).\n"
    )
    status = subprocess.run(
        [*run_command(src, out)[:3], "status", str(src), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert status.returncode == 4 and status.stderr == proc.stderr


def test_bad_places_are_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt")
    as_file = write(tmp_path / "out.md", "x")
    proc = zhbrief(tmp_path / "in", as_file)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"Error: Output {as_file} is a file, not a folder; "
        "give -o a folder (it is created if missing).\n"
    )
    log = tmp_path / "missing" / "run.log"
    proc = zhbrief(tmp_path / "in", tmp_path / "out", "--log-file", log)
    assert proc.returncode == 2
    assert proc.stderr == (
        f"Error: Cannot open the log file {log} (No such file or directory); "
        "create its folder or give --log-file another path.\n"
    )
    proc = zhbrief(tmp_path / "in", tmp_path / "out", "--threads", "100000")
    assert proc.returncode == 2
    assert proc.stderr == "Error: threads (--threads) must be from 0 to 64; got 100,000.\n"
