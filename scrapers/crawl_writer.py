"""The crawl's writes, buffered and landed in batches: one transaction per batch.

Fetch threads only hand over ``raw.pages`` rows (hashed and compressed in their own thread) and ``raw.fetches``
attempts; the crawl's main thread adds parsed articles, frontier updates and ingest errors. ``flush`` writes all of
it in one transaction, in dependency order (pages, fetches, articles, then the frontier rows that point to them), so
a crash leaves whole batches only: at most the un-flushed buffer is lost, and since its frontier rows are still
pending the next crawl fetches those URLs again (landing is idempotent).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from scrapers import frontier
from warehouse.landing import LandingStats, land_in_transaction, page_row, record_error, record_fetches, store_pages
from warehouse.records import ArticleRecord, FetchRecord

BATCH_SIZE = 50          # frontier rows settled per batch
BATCH_SECONDS = 2.0      # or this long since the last flush, whichever comes first


class CrawlWriter:
    def __init__(self, con, db_lock, batch_size: int | None = None, batch_seconds: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.con, self.db_lock, self._clock = con, db_lock, clock
        self.batch_size = batch_size or BATCH_SIZE
        self.batch_seconds = batch_seconds if batch_seconds is not None else BATCH_SECONDS
        self.landed = LandingStats()
        self._buffer_lock = threading.Lock()
        self._pages: list[tuple] = []
        self._fetches: list[FetchRecord] = []
        self._articles: dict[str, ArticleRecord] = {}
        self._marks: list[tuple] = []
        self._errors: list[tuple] = []
        self._flushed_at = clock()

    # ------------------------------------------------------------------ fetch threads
    def page(self, body: bytes, url: str, content_type: str | None) -> str:
        row = page_row(body, url, content_type)
        with self._buffer_lock:
            self._pages.append(row)
        return row[0]

    def fetch(self, record: FetchRecord) -> None:
        with self._buffer_lock:
            self._fetches.append(record)

    # ------------------------------------------------------------------ the crawl's main thread
    def article(self, url: str, record: ArticleRecord) -> None:
        if record.article_id in self._articles:      # two URLs, one article: land them in order, like one by one
            self.flush()
        self._articles[record.article_id] = record
        self.mark(url, "done", article_id=record.article_id)

    def mark(self, url: str, status: str, error: str | None = None, article_id: str | None = None) -> None:
        self._marks.append((url, status, error, article_id, True))

    def error(self, origin: str, stage: str, kind: str, message: str) -> None:
        self._errors.append((origin, stage, kind, message))

    def due(self) -> bool:
        return len(self._marks) >= self.batch_size or self._clock() - self._flushed_at >= self.batch_seconds

    def flush(self) -> LandingStats:
        """Write everything buffered in one transaction; returns the articles' landing stats."""
        with self._buffer_lock:
            pages, fetches = self._pages, self._fetches
            self._pages, self._fetches = [], []
        articles, marks, errors = list(self._articles.values()), self._marks, self._errors
        self._articles, self._marks, self._errors = {}, [], []
        self._flushed_at = self._clock()
        if not (pages or fetches or articles or marks or errors):
            return LandingStats()
        with self.db_lock:
            self.con.execute("begin transaction")
            try:
                store_pages(self.con, pages)
                record_fetches(self.con, fetches)
                landed = land_in_transaction(self.con, articles)
                frontier.mark_many(self.con, marks)
                for origin, stage, kind, message in errors:
                    record_error(self.con, origin, stage, kind, message)
                self.con.execute("commit")
            except BaseException:
                self.con.execute("rollback")
                raise
        self.landed.add(landed)
        return landed
