"""MinHash signatures of shingle sets and their LSH bands (the same values as datasketch's).

datasketch's MinHash(num_perm, seed=1) with its default SHA-1 hash gives these very values
(tests/stories check it); it is not imported at run time because its package imports scipy
(+50 MiB, half a second) for LSH tuning that zhbrief does not need.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where a signature is made, not with zhbrief
    import numpy as np
    import numpy.typing as npt

    Signature = npt.NDArray[np.uint64]

PERMUTATIONS = 120  # signature length: BANDS × ROWS
BANDS = 40
ROWS = 3  # hashes per band: two articles become candidates when one band agrees
SEED = 1
CHUNK = 4096  # shingles hashed at once: 4096 × PERMUTATIONS × 8 bytes, about 4 MiB
MERSENNE = (1 << 61) - 1
MAX_HASH = (1 << 32) - 1


@cache
def _permutations(num_perm: int, seed: int) -> tuple[Signature, Signature]:
    """The (a, b) of each universal hash a·x + b mod (2^61 − 1), drawn as datasketch draws them."""
    import numpy as np

    gen = np.random.RandomState(seed)
    top = np.uint64(MERSENNE)
    pairs = [
        (gen.randint(1, top, dtype=np.uint64), gen.randint(0, top, dtype=np.uint64))
        for _ in range(num_perm)
    ]
    a, b = np.array(pairs, dtype=np.uint64).T
    return a, b


def signature(hashes: Iterable[int], num_perm: int = PERMUTATIONS, seed: int = SEED) -> Signature:
    """The MinHash of a set of 32-bit hashes: for each permutation, the smallest image."""
    import numpy as np

    values = np.fromiter(hashes, dtype=np.uint64)
    a, b = _permutations(num_perm, seed)
    prime, top = np.uint64(MERSENNE), np.uint64(MAX_HASH)
    least = np.full(num_perm, top, dtype=np.uint64)
    for start in range(0, len(values), CHUNK):  # bounded memory on a huge article
        part = values[start : start + CHUNK, None]
        # numpy's uint64 products wrap around exactly as datasketch's do
        images = np.bitwise_and((part * a + b) % prime, top)
        least = np.minimum(least, images.min(axis=0))
    return least


def band_keys(sig: Signature, bands: int = BANDS, rows: int = ROWS) -> tuple[int, ...]:
    """One signed 32-bit key per band (its index and values hashed): equal keys, a candidate.

    32 bits keep the band table small (SQLite stores them in 4 bytes); a chance collision only
    adds a candidate, which the direct similarity then turns down."""
    keys = []
    for band in range(bands):
        part = sig[band * rows : (band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(bytes([band]) + part, digest_size=4).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))  # SQLite INTEGER is signed
    return tuple(keys)


def jaccard(a: Signature, b: Signature) -> float:
    """The share of equal positions: an estimate of the shingle sets' Jaccard similarity."""
    return float((a == b).sum()) / len(a)
