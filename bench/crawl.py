"""Crawl engine throughput and politeness, with the real Fetcher and crawl() against 127.0.0.1 only.

The demo site (``scrapers.demo_site.serve_demo_site``) serves generated articles (bench.corpus) rendered in each
site's page structure, one local host per site, in a separate process (so the server does not share the crawler's
GIL). ``crawl(site_overrides=...)`` then discovers (robots, feeds, sections), fetches, parses and lands them into a
temp DuckDB.

- politeness off: ``min_delay=0``; pages/min over the whole crawl (discovery + fetch + parse + land);
- politeness on: ``min_delay=1/5`` s (5 requests/s per host), a bounded run; the measured rate per host is taken
  from the requests the fetcher issued (raw.fetches.requested_at of the article fetches).

    uv run python -m bench.crawl
"""
from __future__ import annotations

import multiprocessing
import tempfile
import time
from pathlib import Path

from bench import common, corpus

SITES = ["vietnamplus", "vneconomy", "nld"]
TARGET_PAGES_PER_MIN = 3000
POLITE_RATE = 5.0                   # requests per second per host
TARGET_RATE_ERROR_PCT = 5.0


def _serve(n: int, bases_queue, stop) -> None:
    from scrapers.demo_site import serve_demo_site

    with serve_demo_site(list(corpus.articles(n))) as bases:
        bases_queue.put(bases)
        stop.wait(timeout=3600)


class DemoServer:
    """The demo site for ``n`` generated articles, served from a child process."""

    def __init__(self, n: int) -> None:
        context = multiprocessing.get_context("fork")
        self.queue, self.stop = context.Queue(), context.Event()
        self.process = context.Process(target=_serve, args=(n, self.queue, self.stop), daemon=True)

    def __enter__(self) -> dict:
        self.process.start()
        return self.queue.get(timeout=600)

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.process.join(timeout=10)


def _crawl(bases: dict, db: Path, min_delay: float, max_pages: int | None, concurrency: int) -> tuple[dict, float]:
    from scrapers.crawl import crawl
    from scrapers.fetch import Fetcher
    from warehouse.db import connect

    con = connect(db)
    fetcher = Fetcher(con, private_allowlist={"127.0.0.1"}, min_delay=min_delay, concurrency=concurrency,
                      max_attempts=1)
    try:
        started = time.perf_counter()
        stats = crawl(con, SITES, site_overrides=bases, fetcher=fetcher, max_pages=max_pages)
        seconds = time.perf_counter() - started
        rates = _host_rates(con) if min_delay else {}
    finally:
        fetcher.close()
        con.close()
    return {**stats.as_dict(), "rates": rates}, seconds


def _host_rates(con) -> dict:
    rows = con.execute(
        """
        select regexp_extract(url, '^https?://([^/]+)', 1) as host, count(*) as n,
               epoch(max(requested_at)) - epoch(min(requested_at)) as span_s
        from raw.fetches where kind = 'article' group by host order by host
        """
    ).fetchall()
    return {host: {"requests": n, "span_s": round(span, 3), "per_s": round((n - 1) / span, 3) if span else None}
            for host, n, span in rows}


def run() -> tuple[dict, dict, list[str]]:
    sizes = common.scale()
    n = sizes["crawl_pages"]
    polite = sizes["polite_requests"]
    with DemoServer(n) as bases, tempfile.TemporaryDirectory(prefix="vnwh-bench-crawl-") as tmp:
        fast, fast_s = _crawl(bases, Path(tmp) / "fast.duckdb", 0.0, None, concurrency=4)
        slow, slow_s = _crawl(bases, Path(tmp) / "polite.duckdb", 1 / POLITE_RATE, polite * len(SITES),
                              concurrency=2 * len(SITES))    # a waiting worker for every host at all times
    measured = [r["per_s"] for r in slow["rates"].values() if r["per_s"]]
    errors = [abs(rate - POLITE_RATE) / POLITE_RATE * 100 for rate in measured]
    figures = {
        "crawl.pages_per_min": round(fast["fetched"] / fast_s * 60, 1),
        "crawl.polite_rate_error_pct": round(max(errors), 2) if errors else None,
        "crawl.polite_rate_per_host": round(sum(measured) / len(measured), 3) if measured else None,
    }
    details = {"politeness_off": {**fast, "seconds": round(fast_s, 2), "articles_served": n},
               "politeness_on": {**slow, "seconds": round(slow_s, 2), "configured_per_s": POLITE_RATE},
               "targets": {"pages_per_min": TARGET_PAGES_PER_MIN, "rate_error_pct": TARGET_RATE_ERROR_PCT}}
    notes = [f"politeness off: {fast['fetched']} article pages in {fast_s:.1f}s incl. discovery, parse and landing",
             f"politeness on: {POLITE_RATE:g} req/s per host configured; worst host error reported"]
    return figures, details, notes


def main() -> None:
    common.run_benchmark("crawl", run, "crawl engine (127.0.0.1)")


if __name__ == "__main__":
    main()
