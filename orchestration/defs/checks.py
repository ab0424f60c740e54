"""Asset checks beyond the dbt tests: signs that a site changed its layout or the gazetteers fell behind.

Each check turns red (severity WARN: the data is kept, a person looks) when its share crosses its threshold.
"""
from datetime import date, datetime, timedelta
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


def _result(result: quality.QualityResult, asset: dg.AssetKey, name: str) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=name,
        passed=bool(result.passed),
        severity=dg.AssetCheckSeverity.WARN,
        description=result.description,
        metadata={"value": float(result.value), "threshold": float(result.threshold),
                  "details": dg.MetadataValue.json(result.details)},
    )


# name -> (asset, description, the metric: a function of a connection)
CHECKS = {
    "empty_body_share": (
        ARTICLES,
        f"Share of the articles landed in the last {RECENT_DAYS} days whose body came out empty (<= 5 %).",
        lambda con: quality.empty_body_share(con, since=recent_start()),
    ),
    "generic_parser_share": (
        ARTICLES,
        f"Share of the articles landed in the last {RECENT_DAYS} days that the generic fallback parsed instead of "
        "a site parser (<= 20 %).",
        lambda con: quality.generic_parser_share(con, since=recent_start()),
    ),
    "volume_anomaly": (
        ARTICLES,
        "Articles per source yesterday far below the source's 28-day median: a layout change?",
        quality.volume_anomaly,
    ),
    "unknown_place_share": (
        UNKNOWN_PLACES,
        "Share of relevant articles with a place name the gazetteers do not know.",
        quality.unknown_place_share,
    ),
}


@dg.multi_asset_check(
    specs=[dg.AssetCheckSpec(name, asset=asset, description=text) for name, (asset, text, _) in CHECKS.items()],
    can_subset=True,
    pool=WRITER_POOL,
)
def raw_quality_checks(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource):
    """The selected checks in one step and on one connection (each step and connection costs a build ~0.1 s)."""
    selected = context.selected_asset_check_keys
    with warehouse.connect() as con:
        for name, (asset, _, metric) in CHECKS.items():
            if dg.AssetCheckKey(asset, name) in selected:
                yield _result(metric(con), asset, name)
