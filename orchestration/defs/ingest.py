"""Ingest: land articles (files, the bundled sample, or a crawl) and the gazetteers' reference data."""

import random
import time
from contextlib import nullcontext
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import duckdb

from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse.importer import ImportStats, import_files
from warehouse.inbox import settle
from warehouse.reference import load_reference

MAX_ERRORS_IN_METADATA = 50


class IngestConfig(dg.Config):
    """What to land in this run: files, a crawl of the news sites, or the bundled demo site."""

    import_paths: list[str] = []
    """Files to import: JSONL (one article per line), saved .html pages, WARC archives."""
    source: str | None = None
    """Source name for imported records that do not say (e.g. 'vneconomy')."""
    settle_inbox: bool = False
    """Move each imported file to done/ (something was read) or failed/ (nothing was) beside it."""
    crawl: bool = False
    """Crawl the news sites: feeds, sitemaps for the date window, section pages."""
    sources: list[str] = []
    """Sites to crawl (vietnamplus, vneconomy, nld); empty means all."""
    since: str | None = None
    """First publication date to crawl (YYYY-MM-DD); default: today minus lookback_days."""
    until: str | None = None
    """Last publication date to crawl (YYYY-MM-DD); default: today."""
    lookback_days: int = 3
    """Articles get corrected: a daily crawl re-checks this many days back."""
    refetch: bool = False
    """Fetch article URLs again even when they already landed."""
    max_pages: int | None = None
    """Stop after this many article fetches (None: no limit)."""
    demo_site: bool = False
    """Serve the bundled sample as the three sites on 127.0.0.1 and crawl it (no network)."""
    progress: bool = False
    """Show a progress bar on the terminal (the CLI sets it)."""


def _import_metadata(stats: ImportStats, seconds: float) -> dict:
    errors = [str(e) for e in stats.errors[:MAX_ERRORS_IN_METADATA]]
    return {
        **{key: dg.MetadataValue.int(value) for key, value in stats.as_dict().items()},
        "rejected_lines": dg.MetadataValue.json(errors),
        "duration_s": dg.MetadataValue.float(round(seconds, 3)),
    }


def _window(config: IngestConfig) -> tuple[date, date]:
    until = date.fromisoformat(config.until) if config.until else date.today()
    since = date.fromisoformat(config.since) if config.since else until - timedelta(days=config.lookback_days)
    return since, until


def _crawl(context: dg.AssetExecutionContext, con, config: IngestConfig) -> dict:
    from scrapers.crawl import crawl
    from scrapers.demo_site import serve_sample

    # the demo site serves every sample article, whatever its date: no window there
    since, until = (None, None) if config.demo_site else _window(config)
    with serve_sample() if config.demo_site else nullcontext() as overrides:
        stats = crawl(con, sources=config.sources or None, since=since, until=until, refetch=config.refetch,
                      max_pages=config.max_pages, site_overrides=overrides, progress=config.progress)
    counts = stats.as_dict()
    context.log.info(f"crawl {since or 'any date'}..{until or 'any date'}: {counts}")
    return {f"crawl_{key}": value for key, value in counts.items()}


CRAWL_RETRIES = 3


def _crawl_with_retry(context: dg.AssetExecutionContext, con, config: IngestConfig) -> dict:
    """A crawl that failed as a whole (network down, file locked) is retried with exponential backoff and jitter.

    Failures of single pages are not errors here: the crawler records them and goes on.
    """
    import httpx

    try:
        return _crawl(context, con, config)
    except (httpx.TransportError, OSError, duckdb.IOException) as exc:
        wait = 30 * 2 ** (context.retry_number) * random.uniform(0.8, 1.2)
        context.log.warning(f"crawl failed ({type(exc).__name__}: {exc}); retry in {wait:.0f}s")
        raise dg.RetryRequested(max_retries=CRAWL_RETRIES, seconds_to_wait=wait) from exc


def _settle(stats: ImportStats, context: dg.AssetExecutionContext) -> None:
    for name, read in stats.read_per_file.items():
        moved = settle(Path(name), succeeded=read > 0)
        context.log.info(f"inbox: {name} -> {moved}")


INGEST_TABLES = {
    "articles": "Parsed articles (title, lead, body, dates, author, section, tags) with their foreign-cooperation "
                "flag, keyed by a hash of the canonical URL.",
    "article_revisions": "Earlier texts of articles whose content changed after they first landed.",
    "pages": "Raw page bodies by content hash (zstd), so any page can be re-parsed without refetching.",
    "fetches": "One row per HTTP attempt: status, timing, headers kept, error.",
    "frontier": "Every article URL discovered, with its crawl status, so an interrupted crawl resumes.",
    "feed_state": "ETag / Last-Modified of feeds and sitemaps for conditional GET.",
    "ingest_errors": "Every input that could not become an article (bad JSONL line, broken page, failed fetch), "
                     "with where it was and why.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", name], group_name="ingest", kinds={"python", "duckdb"}, owners=["team:vnwh"],
                     description=text)
        for name, text in INGEST_TABLES.items()
    ],
    pool=WRITER_POOL,
)
def ingest_articles(context: dg.AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource):
    """Land articles from files (JSONL, .html, WARC) into the raw layer; bad input is recorded and counted."""
    started = time.monotonic()
    with warehouse.connect() as con:
        stats = import_files(con, config.import_paths, default_source=config.source)
        for error in stats.errors:
            context.log.warning(f"rejected {error}")
        crawl_metadata = _crawl_with_retry(context, con, config) if config.crawl or config.demo_site else {}
        totals = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in INGEST_TABLES}
    if config.settle_inbox:
        _settle(stats, context)
    context.log.info(f"import: {stats.as_dict()}")
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={**_import_metadata(stats, time.monotonic() - started), **crawl_metadata,
                  "dagster/row_count": totals["articles"]},
    )
    for name in INGEST_TABLES:
        if name != "articles":
            yield dg.MaterializeResult(asset_key=["raw", name], metadata={"dagster/row_count": totals[name]})


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "ref_countries"], group_name="reference", kinds={"python", "duckdb"},
                     description="Countries with their Vietnamese press names and ISO 3166-1 codes."),
        dg.AssetSpec(["raw", "ref_localities"], group_name="reference", kinds={"python", "duckdb"},
                     description="Vietnamese provinces before and after the 1 July 2025 merger (with the old -> new "
                     "mapping) and the foreign regions and cities the press names."),
    ],
    pool=WRITER_POOL,
)
def reference_data(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    with warehouse.connect() as con:
        counts = load_reference(con)
    context.log.info(f"reference data: {counts}")
    yield dg.MaterializeResult(asset_key=["raw", "ref_countries"],
                               metadata={"dagster/row_count": counts["countries"]})
    yield dg.MaterializeResult(asset_key=["raw", "ref_localities"],
                               metadata={"dagster/row_count": counts["localities"]})
