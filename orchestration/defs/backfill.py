"""Backfill: crawl history by publication date, one daily partition per day, many days in one run.

The daily path (schedule, CLI) is unpartitioned and incremental: extraction and dbt only touch articles that are new
or changed. History is filled by this partitioned asset: select a date range in the UI (or `vnwh crawl --since
--until`), and the whole range is crawled in ONE run (single-run backfill policy); the downstream extraction and
the dbt build then run once for everything that landed — one dbt invocation for the range, not one per day.
"""
from datetime import timedelta

import dagster as dg

from orchestration.resources import WRITER_POOL, WarehouseResource

PUBLICATION_DAYS = dg.DailyPartitionsDefinition(
    start_date="2015-01-01", timezone="Asia/Ho_Chi_Minh", end_offset=1,
)


class BackfillConfig(dg.Config):
    sources: list[str] = []
    """Sites to crawl (vietnamplus, vneconomy, nld); empty means all."""
    refetch: bool = False
    """Fetch article URLs again even when they already landed."""
    site_overrides: dict[str, str] = {}
    """Crawl a mirror instead of the live site: {site: base URL} (tests and local archives)."""


@dg.asset(
    key=["ingest", "crawl_by_publication_day"],
    group_name="ingest",
    kinds={"python", "duckdb"},
    owners=["team:vnwh"],
    partitions_def=PUBLICATION_DAYS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=WRITER_POOL,
    description="Articles published on each day, crawled from the sites' date-indexed sitemaps into the raw layer "
    "(the same crawler, politeness and landing as the daily crawl). A range of days runs as one crawl.",
)
def crawl_by_publication_day(context: dg.AssetExecutionContext, config: BackfillConfig,
                             warehouse: WarehouseResource) -> dg.MaterializeResult:
    from scrapers.crawl import crawl

    window = context.partition_time_window
    since, until = window.start.date(), (window.end - timedelta(days=1)).date()
    with warehouse.connect() as con:
        stats = crawl(con, sources=config.sources or None, since=since, until=until, refetch=config.refetch,
                      site_overrides=config.site_overrides or None)
    counts = stats.as_dict()
    context.log.info(f"backfill {since}..{until}: {counts}")
    return dg.MaterializeResult(metadata={"since": str(since), "until": str(until), **counts})
