"""Asset checks beyond the dbt tests: signs that a site changed its layout or the gazetteers fell behind.

Each check turns red (severity WARN: the data is kept, a person looks) when its share crosses its threshold.
"""
from datetime import date, datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import dagster as dg

from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse import quality

# Parser health is judged on what landed lately: a template that broke yesterday would be diluted by years of
# history, and the check's cost then grows with the new work, not with the warehouse.
RECENT_DAYS = 7


def recent_start(today: date | None = None) -> date:
    """First day of the recent window, in Vietnam's calendar."""
    today = today or datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    return today - timedelta(days=RECENT_DAYS - 1)

ARTICLES = dg.AssetKey(["raw", "articles"])
UNKNOWN_PLACES = dg.AssetKey(["raw", "unknown_places"])


def _result(result: quality.QualityResult) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=bool(result.passed),
        severity=dg.AssetCheckSeverity.WARN,
        description=result.description,
        metadata={"value": float(result.value), "threshold": float(result.threshold),
                  "details": dg.MetadataValue.json(result.details)},
    )


def _measure(warehouse: WarehouseResource, metric) -> dg.AssetCheckResult:
    with warehouse.connect() as con:
        return _result(metric(con))


@dg.asset_check(asset=ARTICLES, pool=WRITER_POOL,
                description=f"Share of the articles landed in the last {RECENT_DAYS} days whose body came out empty "
                            "(<= 5 %).")
def empty_body_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, partial(quality.empty_body_share, since=recent_start()))


@dg.asset_check(asset=ARTICLES, pool=WRITER_POOL,
                description=f"Share of the articles landed in the last {RECENT_DAYS} days that the generic fallback "
                            "parsed instead of a site parser (<= 20 %).")
def generic_parser_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, partial(quality.generic_parser_share, since=recent_start()))


@dg.asset_check(asset=ARTICLES, pool=WRITER_POOL,
                description="Articles per source yesterday far below the source's 28-day median: a layout change?")
def volume_anomaly(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.volume_anomaly)


@dg.asset_check(asset=UNKNOWN_PLACES, pool=WRITER_POOL,
                description="Share of relevant articles with a place name the gazetteers do not know.")
def unknown_place_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.unknown_place_share)
