"""zhbrief: offline bilingual English briefs of Chinese news articles."""

__version__ = "0.1.0"
