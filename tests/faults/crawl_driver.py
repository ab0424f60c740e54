"""Crawl the demo site (served in this process on 127.0.0.1) the way `vnwh crawl` does, announcing each batch on
stdout (for the kill -9 test): "flushing <k>" before batch k's transaction, "flushed <k> <urls>" after it.

Usage: python crawl_driver.py DB N_ARTICLES BATCH_SIZE
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles  # noqa: E402

from scrapers import crawl_writer  # noqa: E402
from scrapers.crawl import crawl  # noqa: E402
from scrapers.demo_site import serve_demo_site  # noqa: E402
from scrapers.fetch import Fetcher  # noqa: E402
from warehouse.db import connect  # noqa: E402

real_flush = crawl_writer.CrawlWriter.flush
batches = {"n": 0}


def announcing_flush(self):
    settled = len(self._marks)
    if not settled:
        return real_flush(self)
    batches["n"] += 1
    print(f"flushing {batches['n']}", flush=True)
    landed = real_flush(self)
    print(f"flushed {batches['n']} {settled}", flush=True)
    return landed


def main(db: str, count: int, batch_size: int) -> None:
    crawl_writer.CrawlWriter.flush = announcing_flush
    crawl_writer.BATCH_SIZE, crawl_writer.BATCH_SECONDS = batch_size, 3600.0
    con = connect(db)
    try:
        with serve_demo_site(articles(count, seed=31)) as bases:
            with Fetcher(con, private_allowlist={"127.0.0.1"}, min_delay=0.0, max_attempts=1) as fetcher:
                stats = crawl(con, sources=list(bases), site_overrides=bases, fetcher=fetcher)
    finally:
        con.close()
    print(f"done {stats.landed_new} new", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
