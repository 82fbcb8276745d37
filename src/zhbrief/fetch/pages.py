"""One page of a fetch: asked (robots.txt permitting), saved whole or not at all, recorded."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from zhbrief.errors import FetchError
from zhbrief.fetch.discover import Entry, body_text
from zhbrief.fetch.job import FetchJob
from zhbrief.fetch.report import Tally
from zhbrief.fetch.robots import Robots
from zhbrief.fetch.save import page_date, page_name, save_page
from zhbrief.run.report import iso
from zhbrief.store.fetches import FetchLog, FetchRecord, FetchStatus
from zhbrief.web.client import Client

log = logging.getLogger("zhbrief")
FORBIDDEN = "forbidden by robots.txt"


@dataclass
class Pages:
    """What one fetch asks pages with: the job, the client, robots.txt, the records, the clock."""

    job: FetchJob
    fetches: FetchLog
    client: Client
    robots: Robots
    clock: Callable[[], datetime]
    tally: Tally

    def plan(self, entry: Entry) -> None:
        """--dry-run: a page robots.txt allows is listed, none is requested."""
        try:
            allowed = self.robots.allowed(entry.url)
        except FetchError as exc:
            self._failed(entry.url, exc)
            return
        if allowed:
            self.tally.planned.append(entry.url)
        else:
            self.tally.skipped.append((entry.url, FORBIDDEN))

    def fetch(self, source: str, entry: Entry) -> FetchStatus:
        """Fetch, save and record one page; its status."""
        now = iso(self.clock())
        record = FetchRecord(
            url=entry.url, source=source, status="failed", first_seen=now, last_seen=now
        )
        try:
            if not self.robots.allowed(entry.url):
                self.fetches.put(replace(record, status="skipped", error=FORBIDDEN))
                self.tally.skipped.append((entry.url, FORBIDDEN))
                return "skipped"
            record = self._save(entry, record)
        except FetchError as exc:
            status: FetchStatus = "rejected" if exc.permanent else "failed"
            self.fetches.put(replace(record, status=status, http_status=exc.status, error=str(exc)))
            self._failed(entry.url, exc)
            return status
        self.fetches.put(record)
        self.tally.new.append((entry.url, record.path or ""))
        log.debug("%s → %s", entry.url, record.path)
        return "fetched"

    def _failed(self, url: str, exc: FetchError) -> None:
        """One line for the URL, or one count under its host when the host is left."""
        if getattr(exc, "host_wide", False):
            self.tally.hold(url, str(exc))
        else:
            self.tally.failed.append((url, str(exc)))

    def _save(self, entry: Entry, record: FetchRecord) -> FetchRecord:
        response = self.client.get(entry.url)
        if not response.is_html():
            kind = response.content_type or "no content type"
            raise FetchError(f"not an HTML page ({kind})", permanent=True, status=response.status)
        name = self._name_for(entry, response.body)
        save_page(self.job.input, name, response.body)
        return replace(
            record,
            status="fetched",
            http_status=response.status,
            bytes=len(response.body),
            sha256=hashlib.sha256(response.body).hexdigest(),
            path=name,
        )

    def _name_for(self, entry: Entry, body: bytes) -> str:
        """The page's path in the input folder: its old one on --refetch, else a new, free one."""
        old = self.fetches.get(entry.url)
        if old is not None and old.path:
            return old.path
        day = entry.date or page_date(body_text(body, entry.url), entry.url)
        day = day or self.clock().date().isoformat()
        name = page_name(entry.url, day, self.fetches.paths())
        if (self.job.input / name).exists():  # a file saved by hand: never overwrite it
            name = page_name(entry.url, day, {name})
        return name
