"""zhbrief: offline bilingual English briefs of Chinese news articles."""

# The package version, the only place it is written (pyproject.toml reads it from here).
__version__ = "0.2.0"

# The rules version. Bump it when a change alters briefs: extraction, segmentation, summaries,
# key terms, rendering. The next run re-briefs every article (its translations come from the
# cache, so it is cheap) and rewrites only the briefs whose content changed.
# 2: control characters and bidi overrides dropped where text enters
# 3: key terms and checks share one name detector (issues 22, 27)
RULES_VERSION = 4  # 4: every brief names its story (stories/)
