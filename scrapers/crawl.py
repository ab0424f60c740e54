"""crawl(): discovery (feeds, date-range sitemaps, section pages) -> raw.frontier -> polite fetch -> parse -> land.

Resumable (the frontier lives in DuckDB), incremental (known article URLs are not refetched unless ``refetch``),
and tolerant: every failure is recorded (raw.fetches / raw.ingest_errors), counted, and the crawl goes on.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from scrapers import discovery, frontier
from scrapers.fetch import Fetcher
from scrapers.parsing import ParseError, parse_html
from scrapers.registry import resolve_sources
from scrapers.site import Site
from scrapers.timeparse import VN
from warehouse.landing import land_articles, record_error

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
            _discover(con, fetcher, site, overrides.get(site.name), since, until, refetch, section_pages, stats)
        _fetch_frontier(con, fetcher, {s.name: s for s in sites}, overrides, since, until, refetch, max_pages,
                        progress, stats)
    finally:
        if own:
            fetcher.close()
    return stats


# ---------------------------------------------------------------------------------------------------- discovery
def _discover(con, fetcher, site: Site, override, since, until, refetch, section_pages, stats) -> None:
    targets = [("feed", url) for url in site.feed_urls()]
    months: list[tuple[int, int]] = []
    if since or until:
        first = since or date(2010, 1, 1)
        last = until or datetime.now(VN).date()
        targets += [("sitemap", url) for url in site.sitemap_urls(first, last)]
        months = _months(first, last)
    else:
        targets += [("section", url) for url in site.section_urls(section_pages)]
    sitemaps_ok = 0
    for kind, url in targets:
        found = _discover_one(fetcher, site, override, kind, url, stats)
        sitemaps_ok += kind == "sitemap" and found is not None
        _enqueue(con, fetcher, site, url, found or [], since, until, refetch, stats)
    if months and not sitemaps_ok and site.sitemap_index:
        # the shard naming may have changed: ask the sitemap index which shards cover these months
        children = _discover_one(fetcher, site, override, "sitemap_index", site.absolute(site.sitemap_index), stats)
        for child in children or []:
            if any(f"{y}-{m}." in child or f"{y}-{m:02d}." in child for y, m in months):
                found = _discover_one(fetcher, site, override, "sitemap", child, stats)
                _enqueue(con, fetcher, site, child, found or [], since, until, refetch, stats)


def _months(first: date, last: date) -> list[tuple[int, int]]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    return months


def _discover_one(fetcher, site: Site, override, kind: str, url: str, stats: CrawlStats):
    """Links found at one discovery URL (child sitemap URLs for kind 'sitemap_index'); None when it failed."""
    answer = fetcher.fetch(site.fetch_url(url, override), source=site.name, kind=kind.split("_")[0],
                           allowed_hosts=site.allowed_hosts(override), conditional=kind != "section")
    if answer.not_modified:
        stats.not_modified += 1
        return []
    if not answer.ok:
        stats.discovery_failed += 1
        return None
    if kind == "feed":
        return discovery.links_from_feed(answer.body, site)
    if kind == "sitemap":
        return discovery.links_from_sitemap(answer.body, site)[0]
    if kind == "sitemap_index":
        return discovery.links_from_sitemap(answer.body, site)[1]
    return discovery.links_from_section(answer.text(), answer.final_url or url, site, override)


def _enqueue(con, fetcher, site, origin, found, since, until, refetch, stats) -> None:
    lower = datetime.combine(since, time.min, VN) if since else None
    upper = datetime.combine(until + timedelta(days=1), time.min, VN) if until else None
    with fetcher.db_lock:
        con.execute("begin transaction")
        try:
            for item in found:
                hint = item.published_hint
                if hint and ((lower and hint < lower) or (upper and hint >= upper)):
                    continue
                if item.url in stats._seen:
                    continue
                stats._seen.add(item.url)
                stats.discovered += 1
                if frontier.add(con, item.url, site.name, origin, hint, requeue=refetch):
                    stats.queued += 1
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise


# ---------------------------------------------------------------------------------------------------- fetching
def _fetch_frontier(con, fetcher, sites, overrides, since, until, refetch, max_pages, progress, stats) -> None:
    lower = datetime.combine(since, time.min, VN) if since else None
    upper = datetime.combine(until + timedelta(days=1), time.min, VN) if until else None
    with fetcher.db_lock:
        rows = frontier.pending(con, list(sites), None, lower, upper)
    work = []
    for url, source in rows:
        if not refetch and frontier.known_article(con, url):
            frontier.mark(con, url, "done", attempted=False)
            stats.skipped += 1
            continue
        work.append((url, source))
        if max_pages is not None and len(work) >= max_pages:
            break
    bar = _progress(progress, len(work))
    with ThreadPoolExecutor(max_workers=fetcher.concurrency) as pool:
        futures = [pool.submit(_fetch_and_parse, fetcher, sites[s], overrides.get(s), u) for u, s in work]
        for future in as_completed(futures):
            _settle(con, fetcher, future.result(), stats)
            if bar:
                bar[0].advance(bar[1])
    if bar:
        bar[0].stop()


def _fetch_and_parse(fetcher, site: Site, override, url: str):
    answer = fetcher.fetch(site.fetch_url(url, override), source=site.name, kind="article",
                           allowed_hosts=site.allowed_hosts(override))
    if not answer.ok:
        return url, site, answer, None, None
    try:
        record = parse_html(answer.body, url, source=site.name, site=site, content_type=answer.content_type,
                            content_sha256=answer.content_sha256)
    except (ParseError, ValueError) as exc:
        return url, site, answer, None, exc
    _flag_relevance(record)
    return url, site, answer, record, None


def _settle(con, fetcher, outcome, stats: CrawlStats) -> None:
    url, site, answer, record, error = outcome
    with fetcher.db_lock:
        if not answer.ok:
            kind = (answer.error or "fetch_failed").split(":")[0]
            permanent = (answer.error or "") in NOT_RETRIED or (answer.error or "").startswith("redirect_refused")
            status = "skipped" if permanent else "failed"
            stats.skipped += status == "skipped"
            stats.failed += status == "failed"
            frontier.mark(con, url, status, error=f"{answer.error}: {answer.detail or ''}".strip(": "))
            record_error(con, url, "fetch", kind, answer.detail or answer.error or "fetch failed")
            return
        stats.fetched += 1
        if record is None:
            stats.parse_errors += 1
            frontier.mark(con, url, "failed", error=f"parse: {error}")
            record_error(con, url, "parse", type(error).__name__, str(error))
            return
        landed = land_articles(con, [record])
        stats.landed_new += landed.new
        stats.landed_updated += landed.updated
        stats.landed_unchanged += landed.unchanged + landed.reparsed
        stats.generic_parses += record.parse_path == "generic"
        stats.empty_bodies += not record.body_text
        frontier.mark(con, url, "done", article_id=record.article_id)


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
