"""--rebuild-state: a damaged store moved aside, and the briefs on disk adopted, not re-made."""

from __future__ import annotations

from pathlib import Path

from processes import run_here as zhbrief

ARTICLE = "城市图书馆推出夜间开放服务\n本市中心图书馆宣布，自下月起每周五和周六开放至晚上十点。\n"


def test_rebuild_state_moves_a_damaged_store_aside_and_adopts_briefs(
    tmp_path: Path, module_model: Path
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(ARTICLE + name, encoding="utf-8")
    assert zhbrief(src, out).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("?.md")}
    (src / "b.txt").write_text(ARTICLE + "改了。", encoding="utf-8")  # its brief is now stale
    db = out / ".zhbrief" / "state.db"
    db.write_bytes(db.read_bytes()[:100] + b"\xa5" * 8000)
    assert zhbrief(src, out).returncode == 4
    proc = zhbrief(src, out, "--rebuild-state", "-v")
    assert proc.returncode == 0, proc.stderr
    assert f"Moved the state database aside to {db}.old-1; starting afresh." in proc.stderr
    assert proc.stdout.startswith("1 brief written, 0 failed; 1 new, 1 unchanged")
    assert (out / "a.md").stat().st_mtime_ns == before["a.md"]  # adopted, not re-made
    assert (out / "b.md").stat().st_mtime_ns != before["b.md"]  # its source changed: re-made
    assert "(a.md)" in (out / "index.md").read_text(encoding="utf-8")
    again = zhbrief(src, out)
    assert again.returncode == 0 and again.stdout.startswith("0 briefs written, 0 failed; 0 new")
