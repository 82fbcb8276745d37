"""The official package from the Argos index, through the one HTTP client, on a local server."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from httpsite import Reply, Site, argos_index, closed_url

from zhbrief import __version__
from zhbrief.errors import NoModelError, PackageError
from zhbrief.translation import download


def test_download_picks_the_newest_zh_en_and_streams_it(
    site: Site, tiny_argosmodel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", argos_index(site, tiny_argosmodel.read_bytes()))
    path = download.download_official(tmp_path / "dl", progress=False)
    assert path == tmp_path / "dl" / "translate-zh_en-1_9.argosmodel"
    assert path.read_bytes() == tiny_argosmodel.read_bytes()
    assert list(path.parent.iterdir()) == [path]  # no .part left
    assert site.requests == ["/index/index.json", "/translate-zh_en-1_9.argosmodel"]
    assert set(site.agents) == {
        f"zhbrief/{__version__} (offline Chinese news briefs; honours robots.txt)"
    }


def test_a_link_may_redirect_to_a_mirror_on_another_host(
    site: Site, tiny_argosmodel: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = argos_index(site, b"", name="moved.argosmodel")
    mirror = site.url("/mirror.argosmodel").replace("127.0.0.1", "localhost")
    site.routes["/moved.argosmodel"] = Reply(status=302, headers={"Location": mirror})
    site.routes["/mirror.argosmodel"] = Reply(tiny_argosmodel.read_bytes())
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index)
    path = download.download_official(tmp_path / "dl", progress=False)
    assert path.read_bytes() == tiny_argosmodel.read_bytes()


def test_offline_fails_fast_with_the_way_to_carry_the_file_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", closed_url("/index/"))
    started = time.monotonic()
    with pytest.raises(
        NoModelError,
        match=r"^Cannot download http://127\.0\.0\.1:\d+/index/index\.json \(connection refused\)\. ",
    ) as caught:
        download.download_official(tmp_path / "dl", progress=False)
    assert time.monotonic() - started < 1.0  # one attempt, no retry loop
    assert "'zhbrief model download --to DIR'" in str(caught.value)
    assert not (tmp_path / "dl").exists()  # nothing created before the index is fetched


def test_a_server_error_is_not_retried(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.routes["/index/index.json"] = Reply(b"busy", 503)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", site.url("/index/"))
    with pytest.raises(NoModelError, match=r"\(HTTP 503\)"):
        download.download_official(tmp_path / "dl", progress=False)
    assert site.requests == ["/index/index.json"]


def test_a_download_that_is_no_zip_is_refused(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", argos_index(site, b"<html>captive portal</html>"))
    with pytest.raises(PackageError, match="not a zip archive"):
        download.download_official(tmp_path / "dl", progress=False)
    assert list((tmp_path / "dl").iterdir()) == []


@pytest.mark.parametrize("length", [True, False])
def test_a_download_over_the_size_cap_stops_there(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, length: bool
) -> None:
    index = argos_index(site, b"")
    site.routes["/translate-zh_en-1_9.argosmodel"] = Reply(b"x" * 300_000, length=length)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index)
    monkeypatch.setattr(download, "MAX_ARCHIVE", 100_000)
    with pytest.raises(
        NoModelError, match=r"larger than the 100,000-byte limit; that is not the official package"
    ):
        download.download_official(tmp_path / "dl", progress=False)
    assert list((tmp_path / "dl").iterdir()) == []  # the part file is gone
