"""Asset checks beyond the dbt tests: signs that a site changed its layout or the gazetteers fell behind.

Each check turns red (severity WARN: the data is kept, a person looks) when its share crosses its threshold.
"""
import dagster as dg

from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse import quality

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
                description="Share of recently landed articles whose body came out empty (<= 5 %).")
def empty_body_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.empty_body_share)


@dg.asset_check(asset=ARTICLES, pool=WRITER_POOL,
                description="Share of articles parsed by the generic fallback instead of a site parser (<= 20 %).")
def generic_parser_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.generic_parser_share)


@dg.asset_check(asset=ARTICLES, pool=WRITER_POOL,
                description="Articles per source yesterday far below the source's 28-day median: a layout change?")
def volume_anomaly(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.volume_anomaly)


@dg.asset_check(asset=UNKNOWN_PLACES, pool=WRITER_POOL,
                description="Share of relevant articles with a place name the gazetteers do not know.")
def unknown_place_share(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    return _measure(warehouse, quality.unknown_place_share)
