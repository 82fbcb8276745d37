"""The input walk: special files never opened, links kept inside, output folders never read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhbrief.errors import SourceError
from zhbrief.ingest.find import read_bytes
from zhbrief.ingest.scan import OUTSIDE_DIR, OUTSIDE_LINK, scan_sources

TEXT = "国家统计局今天发布数据，经济运行总体平稳。\n"


def write(path: Path, text: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.timeout(20)
def test_fifo_and_device_link_are_skipped_and_never_block(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    os.mkfifo(tmp_path / "p.txt")
    (tmp_path / "rand.txt").symlink_to("/dev/urandom")
    scan = scan_sources(tmp_path, follow_symlinks=True)
    assert list(scan.sources) == ["a.txt"]
    assert dict(scan.skipped) == {
        "p.txt": "is not a regular file (a pipe, device or socket)",
        "rand.txt": "is not a regular file (a pipe, device or socket)",
    }
    # reading them directly (a file that became a FIFO after the walk) refuses at once
    for name in ("p.txt", "rand.txt"):
        with pytest.raises(SourceError, match="is not a regular file"):
            read_bytes(tmp_path / name, 1000)


def test_read_is_bounded_whatever_stat_says(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "字" * 1000)
    with pytest.raises(SourceError, match="larger than the 10-byte limit"):
        read_bytes(path, 10)


def test_links_stay_inside_the_input_folder(tmp_path: Path) -> None:
    src, outside = tmp_path / "in", tmp_path / "outside"
    write(src / "sub" / "one.txt")
    write(outside / "secret.txt")
    (src / "inner.txt").symlink_to(src / "sub" / "one.txt")
    (src / "out.txt").symlink_to(outside / "secret.txt")
    (src / "outdir").symlink_to(outside, target_is_directory=True)
    (src / "indir").symlink_to(src / "sub", target_is_directory=True)
    scan = scan_sources(src)
    # each real folder is walked once: through the first name it is met by
    assert list(scan.sources) == ["indir/one.txt", "inner.txt"]
    assert dict(scan.skipped) == {"out.txt": OUTSIDE_LINK, "outdir": OUTSIDE_DIR}
    followed = scan_sources(src, follow_symlinks=True)
    assert {"out.txt", "outdir/secret.txt"} <= set(followed.sources)
    assert followed.skipped == ()


def test_output_folders_are_never_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "output" / "a.md")
    (tmp_path / "output" / ".zhbrief").mkdir()
    write(tmp_path / "elsewhere" / "b.md")
    write(tmp_path / "other-run" / "c.md")
    (tmp_path / "other-run" / ".zhbrief").mkdir()
    scan = scan_sources(tmp_path, exclude=[tmp_path / "elsewhere"])
    assert list(scan.sources) == ["a.txt"]


def test_a_gbk_file_name_is_one_failure_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path / "good.txt")
    name = os.fsdecode("新闻".encode("gbk") + b".txt")
    write(tmp_path / name)
    scan = scan_sources(tmp_path)
    assert list(scan.sources) == ["good.txt"]
    [(shown, reason)] = scan.failed
    assert shown == "\\xd0\\xc2\\xce\\xc5.txt"
    assert reason.startswith("file name is not valid UTF-8")
