"""crawl(): discovery (feeds, date-range sitemaps, section pages) -> raw.frontier -> polite fetch -> parse -> land.

Resumable (the frontier lives in DuckDB), incremental (known article URLs are not refetched unless ``refetch``),
and tolerant: every failure is recorded (raw.fetches / raw.ingest_errors), counted, and the crawl goes on.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import suppress
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from scrapers import frontier
from scrapers.crawl_discover import discover_site
from scrapers.crawl_writer import CrawlWriter
from scrapers.fetch import Fetcher
from scrapers.hostqueue import HostQueue
from scrapers.netguard import netloc_of
from scrapers.parsing import ParseError, parse_html
from scrapers.registry import resolve_sources
from scrapers.site import Site
from scrapers.timeparse import VN

NOT_RETRIED = {"robots_disallowed", "http_404", "http_410", "unsupported_content_type", "body_too_large",
               "decompression_bomb", "invalid_url", "scheme_refused", "private_address", "host_not_allowed",
               "too_many_redirects", "unsupported_encoding"}


@dataclass
class CrawlStats:
    discovered: int = 0
    queued: int = 0
    fetched: int = 0
    landed_new: int = 0
    landed_updated: int = 0
    landed_unchanged: int = 0
    failed: int = 0
    parse_errors: int = 0
    skipped: int = 0
    not_modified: int = 0
    discovery_failed: int = 0
    generic_parses: int = 0
    empty_bodies: int = 0

    def __post_init__(self) -> None:
        self._seen: set[str] = set()          # distinct URLs discovered in this run (not reported itself)

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "landed": self.landed_new + self.landed_updated + self.landed_unchanged}


def crawl(con, sources: list[str] | None = None, since: date | None = None, until: date | None = None,
          refetch: bool = False, max_pages: int | None = None, fetcher: Fetcher | None = None,
          site_overrides: dict | None = None, progress: bool = False, section_pages: int = 1) -> CrawlStats:
    sites = resolve_sources(sources)
    overrides = {name: base.rstrip("/") for name, base in (site_overrides or {}).items()}
    own = fetcher is None
    if fetcher is None:
        local = {urlsplit(base).hostname for base in overrides.values()}
        only_local = bool(local) and local <= {"127.0.0.1", "localhost", "::1"}
        # politeness is for real hosts: a local demo/test server is asked with a short delay
        fetcher = Fetcher(con, private_allowlist=local, min_delay=0.05 if only_local else 1.0)
    if fetcher.con is None:
        fetcher.con = con
    stats = CrawlStats()
    try:
        for site in sites:
            discover_site(con, fetcher, site, overrides.get(site.name), since, until, refetch, section_pages, stats)
        _fetch_frontier(con, fetcher, {s.name: s for s in sites}, overrides, since, until, refetch, max_pages,
                        progress, stats)
    finally:
        if own:
            fetcher.close()
    return stats


# ---------------------------------------------------------------------------------------------------- fetching
def _fetch_frontier(con, fetcher, sites, overrides, since, until, refetch, max_pages, progress, stats) -> None:
    work = _work(con, fetcher, sites, since, until, refetch, max_pages, stats)
    queue = HostQueue(((netloc_of(sites[s].fetch_url(u, overrides.get(s)))[1], (u, s)) for u, s in work),
                      lambda host: fetcher.politeness.slot(host).next_at)
    writer, previous = CrawlWriter(con, fetcher.db_lock), fetcher.sink
    fetcher.sink = writer
    if work:
        _warm_classifier()
    bar = _progress(progress, len(work))
    pool = ThreadPoolExecutor(max_workers=fetcher.concurrency)
    try:
        futures = [pool.submit(_fetch_and_parse, fetcher, queue, sites, overrides) for _ in work]
        for future in as_completed(futures):
            _settle(writer, future.result(), stats)
            if writer.due():
                writer.flush()
            if bar:
                bar[0].advance(bar[1])
        pool.shutdown()
        writer.flush()
    except BaseException:
        pool.shutdown(cancel_futures=True)      # stop fetching; keep what was settled so far
        with suppress(Exception):
            writer.flush()
        raise
    finally:
        fetcher.sink = previous
        _count_landed(stats, writer.landed)
        if bar:
            bar[0].stop()


def _work(con, fetcher, sites, since, until, refetch, max_pages, stats) -> list[tuple[str, str]]:
    lower = datetime.combine(since, time.min, VN) if since else None
    upper = datetime.combine(until + timedelta(days=1), time.min, VN) if until else None
    with fetcher.db_lock:
        rows = frontier.pending(con, list(sites), None, lower, upper)
        known = set() if refetch else frontier.known_articles(con, [url for url, _ in rows])
    work, already = [], []
    for url, source in rows:
        if url in known:                 # already landed (an import, an earlier run): not fetched again
            already.append((url, "done", None, None, False))
            continue
        work.append((url, source))
        if max_pages is not None and len(work) >= max_pages:
            break
    with fetcher.db_lock:
        frontier.mark_many(con, already)
    stats.skipped += len(already)
    return work


def _fetch_and_parse(fetcher, queue: HostQueue, sites: dict[str, Site], overrides: dict):
    """One frontier URL, taken from the queue when its host is free: fetched, parsed, flagged for relevance."""
    host, (url, source) = queue.take()
    site = sites[source]
    try:
        answer = fetcher.fetch(site.fetch_url(url, overrides.get(source)), source=source, kind="article",
                               allowed_hosts=site.allowed_hosts(overrides.get(source)))
    finally:
        queue.release(host)
    if not answer.ok:
        return url, site, answer, None, None
    try:
        record = parse_html(answer.body, url, source=site.name, site=site, content_type=answer.content_type,
                            content_sha256=answer.content_sha256)
    except (ParseError, ValueError) as exc:
        return url, site, answer, None, exc
    _flag_relevance(record)
    return url, site, answer, record, None


def _settle(writer: CrawlWriter, outcome, stats: CrawlStats) -> None:
    url, site, answer, record, error = outcome
    if not answer.ok:
        kind = (answer.error or "fetch_failed").split(":")[0]
        permanent = (answer.error or "") in NOT_RETRIED or (answer.error or "").startswith("redirect_refused")
        status = "skipped" if permanent else "failed"
        stats.skipped += status == "skipped"
        stats.failed += status == "failed"
        writer.mark(url, status, error=f"{answer.error}: {answer.detail or ''}".strip(": "))
        writer.error(url, "fetch", kind, answer.detail or answer.error or "fetch failed")
        return
    stats.fetched += 1
    if record is None:
        stats.parse_errors += 1
        writer.mark(url, "failed", error=f"parse: {error}")
        writer.error(url, "parse", type(error).__name__, str(error))
        return
    stats.generic_parses += record.parse_path == "generic"
    stats.empty_bodies += not record.body_text
    writer.article(url, record)


def _count_landed(stats: CrawlStats, landed) -> None:
    stats.landed_new += landed.new
    stats.landed_updated += landed.updated
    stats.landed_unchanged += landed.unchanged + landed.reparsed


def _warm_classifier() -> None:
    """Build the classifier's lazy tables (about a second of CPU holding the GIL) before the fetch threads start,
    not in the middle of the first requests, where it stalls every host."""
    with suppress(Exception):
        from extraction.relevance import classify

        classify("Thời tiết", None, "Hà Nội hôm nay có mưa.")


def _flag_relevance(record) -> None:
    try:
        from extraction.relevance import classify
    except ImportError:
        return
    try:
        record.is_relevant, record.relevance_reason = classify(record.title, record.sapo, record.body_text)
    except Exception as exc:  # a classifier bug must not stop the crawl
        record.parse_warnings.append(f"relevance_failed:{type(exc).__name__}")


def _progress(enabled: bool, total: int):
    if not enabled or not total:
        return None
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True))   # stderr: stdout may be a log or a pipe
    task = bar.add_task("crawling", total=total)
    bar.start()
    return bar, task
