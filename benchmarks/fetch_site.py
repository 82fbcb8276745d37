"""`zhbrief fetch` + `zhbrief run` against a local server carrying the shared real Chinese pages.

Usage: python benchmarks/fetch_site.py [--data DIR] [--delay S] [--workdir DIR]

Serves every `html/*.html` page of the shared data (`../shared/data`) from 127.0.0.1 as
/news/<name>.html, with an RSS feed listing them (plus one 404 and one malformed feed), a
robots.txt forbidding one page, then runs, as separate processes: `zhbrief fetch`, `zhbrief run`
with the tiny synthetic package, and a second `zhbrief fetch`. Prints what the server saw: the
requests of each fetch, the shortest gap between two requests, and each brief's `url`.
Never part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def serve(pages: dict[str, bytes], log: list[tuple[float, str]]) -> ThreadingHTTPServer:
    """A server for `pages` (path → body); every request is logged with its time."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            log.append((time.monotonic(), self.path))
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html"
            self.send_header("Content-Type", "text/plain" if "robots" in self.path else kind)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_pages(data: Path, root: str) -> tuple[dict[str, bytes], str]:
    """The pages, the feed, a malformed feed and robots.txt; returns them and the forbidden path."""
    files = [p for p in sorted((data / "html").glob("*.html")) if ".expected" not in p.name]
    pages = {f"/news/{p.stem}.html": p.read_bytes() for p in files}
    forbidden = sorted(pages)[0].replace("/news/", "/private/")
    pages[forbidden] = pages.pop(sorted(pages)[0])
    links = [*pages, "/news/missing.html"]
    items = "".join(f"<item><link>{root}{p}</link></item>" for p in links)
    pages["/rss.xml"] = f"<?xml version='1.0'?><rss><channel>{items}</channel></rss>".encode()
    pages["/broken.xml"] = b"<?xml version='1.0'?><rss><channel><item><link>/x"
    pages["/robots.txt"] = b"User-agent: *\nDisallow: /private/\n"
    return pages, forbidden


def zhbrief(cwd: Path, env: dict[str, str], *args: str) -> tuple[int, str, str, float]:
    began = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "zhbrief", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    return done.returncode, done.stdout, done.stderr, time.monotonic() - began


def main() -> None:
    """Fetch, run, fetch again; print what happened."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--delay", type=float, default=0.5)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="zhbrief-fetch-"))
    log: list[tuple[float, str]] = []
    pages: dict[str, bytes] = {}
    server = serve(pages, log)  # filled below, once the port (and so the feed's links) is known
    root = f"http://127.0.0.1:{server.server_address[1]}"
    content, forbidden = site_pages(args.data, root)
    pages.update(content)
    (work / "zhbrief.toml").write_text(
        f'input = "in"\noutput = "out"\ndownload = false\n[fetch]\n'
        f'sources = ["{root}/rss.xml", "{root}/broken.xml"]\ndelay = {args.delay}\n',
        encoding="utf-8",
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), ARGOS_PACKAGES_DIR=str(work / "packages"))
    sys.path.insert(0, str(ROOT / "tests"))
    from synthetic_package import build_package

    package = build_package(work / "tiny.argosmodel")
    subprocess.run(
        [sys.executable, "-m", "zhbrief", "model", "install", str(package)],
        env=env,
        check=True,
        capture_output=True,
    )
    report(work, env, log, forbidden, root)


def report(
    work: Path, env: dict[str, str], log: list[tuple[float, str]], forbidden: str, root: str
) -> None:
    """The three commands and what the server saw."""
    log.clear()
    code, out, err, secs = zhbrief(work, env, "fetch")
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(log)]
    print(f"fetch 1: exit {code}, {secs:.1f} s, {len(log)} requests; stdout: {out.strip()}")
    print(f"  stderr: {err.strip()}")
    print(f"  forbidden {forbidden} requested: {any(p == forbidden for _, p in log)}")
    print(f"  shortest gap between two requests: {min(gaps):.3f} s")
    print(
        f"  pages requested more than once: {sorted({p for _, p in log if [q for _, q in log].count(p) > 1})}"
    )
    code, out, err, secs = zhbrief(work, env, "run")
    print(f"run: exit {code}, {secs:.1f} s; {out.strip()} {err.strip()}")
    for brief in sorted((work / "out").rglob("*.md")):
        if brief.name != "index.md":
            url = next(
                (line for line in brief.read_text().splitlines() if line.startswith("url:")),
                "url: MISSING",
            )
            print(f"  {brief.relative_to(work / 'out')}: {url.replace(root, '')}")
    log.clear()
    code, out, err, secs = zhbrief(work, env, "fetch")
    print(
        f"fetch 2: exit {code}, {secs:.1f} s, requests {[p for _, p in log]}; {out.strip()} {err.strip()}"
    )


if __name__ == "__main__":
    main()
