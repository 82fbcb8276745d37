"""Engine scores: a sentence the engine was far less sure of than of the rest of its article.

CTranslate2 scores each translation with its log-probability per target token. What a score
means depends on the model and the sentence, so a sentence is compared with its own article:
it is flagged `unsure` when its score lies far below the article's median, in units of the
article's own spread (the median absolute deviation). The bounds are not yet measured on real
weights (no real zh→en weights can be downloaded where zhbrief is built): the flag is a soft
one (△) until they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from statistics import median

from zhbrief.documents import Translation

UNSURE = "unsure"  # the flag's kind (quality.KINDS gives its severity and note)
MIN_SCORED = 6  # fewer scored sentences than this: no article norm to compare with
SPREAD = 4.0  # how many robust deviations below the median a sentence must lie
FLOOR = 0.5  # and at least this far (log-probability per token): an even article flags nothing
MAD_TO_SD = 1.4826  # the median absolute deviation of a normal sample, as its standard deviation


def unsure(scores: Sequence[float | None]) -> tuple[bool, ...]:
    """For each score, whether it lies far below the others (None: no score, never flagged)."""
    known = [s for s in scores if s is not None]
    if len(known) < MIN_SCORED:
        return tuple(False for _ in scores)
    middle = median(known)
    spread = MAD_TO_SD * median(abs(s - middle) for s in known)
    cut = middle - max(SPREAD * spread, FLOOR)
    return tuple(s is not None and s < cut for s in scores)


def mark_unsure(
    title: Translation | None, body: tuple[tuple[Translation, ...], ...]
) -> tuple[Translation | None, tuple[tuple[Translation, ...], ...]]:
    """The title and body with `unsure` added to each sentence far below the article's others."""
    every = [*([title] if title is not None else []), *(t for para in body for t in para)]
    marks = iter(unsure([t.score for t in every]))
    flagged = [_with_flag(t) if next(marks) else t for t in every]
    rest = iter(flagged[1:] if title is not None else flagged)
    new_title = flagged[0] if title is not None else None
    return new_title, tuple(tuple(next(rest) for _ in para) for para in body)


def _with_flag(t: Translation) -> Translation:
    """`t` flagged `unsure` (once)."""
    return t if UNSURE in t.flags else replace(t, flags=(*t.flags, UNSURE))
