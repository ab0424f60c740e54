"""The crawl's discovery phase: a site's feeds, date-range sitemaps (or section pages) -> raw.frontier."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scrapers import discovery, frontier
from scrapers.site import Site
from scrapers.timeparse import VN


def discover_site(con, fetcher, site: Site, override, since, until, refetch, section_pages, stats) -> None:
    """Feeds, then date-range sitemaps (or section pages): every article link found goes into the frontier."""
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


def _discover_one(fetcher, site: Site, override, kind: str, url: str, stats):
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
    rows = []
    for item in found:
        hint = item.published_hint
        if hint and ((lower and hint < lower) or (upper and hint >= upper)):
            continue
        if item.url in stats._seen:
            continue
        stats._seen.add(item.url)
        stats.discovered += 1
        rows.append((item.url, hint))
    with fetcher.db_lock:
        con.execute("begin transaction")
        try:
            stats.queued += frontier.add_many(con, rows, site.name, origin, requeue=refetch)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
