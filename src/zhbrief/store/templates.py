"""The site_lines table of the state database: which pages of a host showed which body lines.

Only short hashes of lines are kept (ingest/templates.py): the store learns a site's template
lines across runs without keeping any article text.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

TEMPLATE_PAGES = 2  # the same rule as ingest/templates.py: a line on two pages of one host


class SiteLines:
    """Line sightings kept in the state database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def record(self, host: str, page: str, keys: Iterable[str]) -> None:
        """Remember that the page with SHA-256 `page` of `host` showed these line keys."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO site_lines (host, line, page) VALUES (?, ?, ?)",
            ((host, key, page) for key in keys),
        )

    def recurring(self, pages: int = TEMPLATE_PAGES) -> dict[str, frozenset[str]]:
        """Per host, the line keys seen on at least `pages` different pages."""
        rows = self.conn.execute(
            "SELECT host, line FROM site_lines GROUP BY host, line HAVING COUNT(*) >= ?", (pages,)
        )
        found: dict[str, set[str]] = defaultdict(set)
        for host, line in rows:
            found[host].add(line)
        return {host: frozenset(lines) for host, lines in found.items()}
