"""Same story, many sources: the text a story is known by, its MinHash, and the grouping.

Pure values only: `text.py` (an article's story text and its shingles), `minhash.py` (the
signature and its LSH bands), `match.py` (the direct similarity that confirms a candidate),
`groups.py` (a story shown once, over `Entry` values). The store keeps the fingerprints
(`store/stories.py`); `run/stories.py` assigns a new brief to its story.
"""
