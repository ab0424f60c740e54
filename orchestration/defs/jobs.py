"""Jobs: what the CLI, the schedule and the UI launch. All of them run the one asset graph."""

import dagster as dg

from orchestration.defs.ingest import INGEST_TABLES
from orchestration.resources import WarehouseResource

INGEST_KEYS = [dg.AssetKey(["raw", name]) for name in INGEST_TABLES]
INGEST = dg.AssetSelection.assets(*INGEST_KEYS)
BACKFILL = dg.AssetSelection.assets(dg.AssetKey(["ingest", "crawl_by_publication_day"]))

ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=INGEST,
    description="Land articles: import files, or crawl the sources (see the run config).",
)

build_job = dg.define_asset_job(
    "build_job",
    # the checks of the raw tables stay in: `dbt build` runs the source tests whatever Dagster selects
    selection=(dg.AssetSelection.all() - INGEST - BACKFILL) | dg.AssetSelection.checks_for_assets(*INGEST_KEYS),
    description="Everything downstream of the landed articles: reference data, extraction, dbt build, publish.",
)

refresh_job = dg.define_asset_job(
    "refresh_job",
    selection=dg.AssetSelection.all() - BACKFILL,
    description="Land, extract, transform and publish in one run.",
)

defs = dg.Definitions(
    jobs=[ingest_job, build_job, refresh_job],
    resources={"warehouse": WarehouseResource()},
)
