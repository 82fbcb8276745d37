"""Story assignment against a store of 1,000 / 10,000 / 100,000 fingerprints: time and memory.

Usage: python benchmarks/stories_scale.py [--sizes 1000,10000,100000] [--probes 200]

For each size, in a fresh process (its own peak RSS, `ru_maxrss`), a state database in a
temporary folder (the real `Store` and `store/stories.py`) is filled with that many kept briefs:
story texts of 800 random common Han characters, dated over 30 days (a fourth of them within the new
articles' 7-day window). The first `--probes`/2 of
them carry their real fingerprint (MinHash → 40 LSH band keys); the rest carry 40 random band
keys (computing 100,000 real signatures takes ~15 minutes at ~9 ms each and measures the
signature, which is timed on its own below, not the store). Then `--probes` new articles arrive
a run's way (`run/stories.py` StoryBook, 16 at a time: assign, then record each): half are
copies of stored briefs (their text with an editor's note in front and the last fifth cut),
half new stories. Printed per size: fill time, assignment time per article (LSH lookup within
the 7-day window, confirmation on the candidates, recording), how many copies joined their
original, the database's size and the process's peak RSS. Sub-quadratic means the time per
article stays flat as the store grows 100-fold.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from builders import COMMON  # noqa: E402

from zhbrief.documents import StoryMember  # noqa: E402
from zhbrief.run.stories import StoryBook  # noqa: E402
from zhbrief.store.db import Store  # noqa: E402
from zhbrief.store.stories import Kept  # noqa: E402
from zhbrief.stories.arrival import Arrival  # noqa: E402
from zhbrief.stories.match import fingerprint_of  # noqa: E402

LENGTH = 800
CHUNK = 16
DAY = "2026-03-{:02d}"


def text(rng: random.Random) -> str:
    """A story text of its own."""
    return "".join(rng.choice(COMMON) for _ in range(LENGTH))


def fill(store: Store, size: int, real: int, rng: random.Random) -> list[str]:
    """`size` kept briefs (the first `real` with real fingerprints); the real ones' texts."""
    prints, texts = store.stories(), []
    store.conn.execute("BEGIN")
    for i in range(size):
        t = text(rng)
        if i < real:
            bands = fingerprint_of(t).bands  # dated the day before the probes: in their window
            texts.append(t)
        else:
            bands = tuple(rng.randrange(-(2**31), 2**31) for _ in range(40))
        day = DAY.format(29 if i < real else 1 + i % 30)
        prints.put(Kept(f"k{i}.txt", f"s{i}", day, t), bands)
    store.conn.execute("COMMIT")
    return texts


def probes(originals: list[str], count: int, rng: random.Random) -> list[Arrival]:
    """Copies of stored briefs (a note in front, the last fifth cut) and new stories, shuffled."""
    found = []
    for i in range(count):
        if i % 2 == 0:
            base = originals[i // 2]
            t = "编者按近日此事引发关注本刊特转发此文" + base[: int(len(base) * 0.8)]
        else:
            t = text(rng)
        rel = f"new{i}.txt"
        found.append(Arrival(rel, f"{i:064x}", "2026-03-30", fingerprint_of(t), StoryMember(rel)))
    rng.shuffle(found)
    return found


def one(size: int, count: int) -> dict[str, float]:
    """Measure one size in this process."""
    rng = random.Random(size)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "state.db")
        began = time.perf_counter()
        originals = fill(store, size, count // 2, rng)
        filled = time.perf_counter() - began
        arrivals = probes(originals, count, rng)
        book, joined = StoryBook(days=7), 0
        began = time.perf_counter()
        for start in range(0, len(arrivals), CHUNK):
            part = arrivals[start : start + CHUNK]
            stories = book.assign(store, part)
            for a in part:
                book.record(store, a.rel)
                joined += stories[a.rel].id.startswith("s")
        assigned = time.perf_counter() - began
        store.close()
        db = (Path(tmp) / "state.db").stat().st_size
    return {
        "size": size,
        "fill_s": filled,
        "ms_per_article": assigned / count * 1000,
        "joined": joined,
        "copies": (count + 1) // 2,
        "db_mib": db / 2**20,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def signature_ms(rng: random.Random, n: int = 200) -> float:
    """The fingerprint of one 800-character story text, in milliseconds."""
    texts = [text(rng) for _ in range(n)]
    began = time.perf_counter()
    for t in texts:
        fingerprint_of(t)
    return (time.perf_counter() - began) / n * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--probes", type=int, default=200)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.probes)))
        return
    print(f"fingerprint of an {LENGTH}-character text: {signature_ms(random.Random(0)):.1f} ms")
    print("| stored | fill s | ms per new article | copies joined | db MiB | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size), "--probes", str(args.probes)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        r = json.loads(out)
        rows.append(r)
        print(
            f"| {r['size']:,} | {r['fill_s']:.1f} | {r['ms_per_article']:.2f} "
            f"| {r['joined']}/{r['copies']} | {r['db_mib']:.1f} | {r['peak_mib']:.0f} |"
        )
    if len(rows) > 1:
        ratio = rows[-1]["ms_per_article"] / rows[0]["ms_per_article"]
        grew = rows[-1]["size"] / rows[0]["size"]
        print(f"time per new article, {grew:.0f}x the store: {ratio:.2f}x")


if __name__ == "__main__":
    main()
