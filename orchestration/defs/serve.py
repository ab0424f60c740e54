"""Serve: publish the read-only copy readers use (serving.duckdb + Parquet + manifest)."""
import dagster as dg

from orchestration.defs.transform import vnwh_dbt_models
from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse.db import serving_path
from warehouse.publish import publish

MART_KEYS = sorted((key for key in vnwh_dbt_models.keys if key.path[0] == "marts"), key=lambda k: k.path)


@dg.asset(
    key=["serve", "serving_copy"],
    group_name="serve",
    kinds={"duckdb", "parquet"},
    owners=["team:vnwh"],
    deps=MART_KEYS,
    pool=WRITER_POOL,
    description="A consistent read-only copy of the marts for BI tools and SQL users (serving.duckdb beside the "
    "build file, or $VNWH_SERVING_DB), swapped in atomically, with Parquet exports and a manifest. Readers never "
    "open the build file, so a refresh never blocks them and they never block it.",
)
def serving_copy(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    manifest = publish(build_db=warehouse.db_file(), serving_db=serving_path(warehouse.db_file()))
    context.log.info(f"published {manifest.serving_file} ({sum(manifest.row_counts.values())} rows)")
    return dg.MaterializeResult(
        metadata={
            "serving_file": dg.MetadataValue.path(manifest.serving_file),
            "exports_dir": dg.MetadataValue.path(manifest.exports_dir),
            "built_at": manifest.built_at,
            "git_revision": manifest.git_revision or "",
            "row_counts": dg.MetadataValue.json(manifest.row_counts),
            "duration_s": manifest.duration_s,
        }
    )


@dg.asset(
    key=["serve", "report"],
    group_name="report",
    kinds={"html", "svg"},
    owners=["team:vnwh"],
    deps=[serving_copy],
    description="A static HTML report (no server needed, works offline) rendered from the serving copy after each "
    "publish: events per month by partner country, the most active Vietnamese localities and their partners, the "
    "latest trade and investment figures with links to the articles and their evidence, data-quality counts.",
)
def report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    from warehouse.report import render_report

    path = render_report(serving_db=serving_path(warehouse.db_file()))
    context.log.info(f"report written to {path}")
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "size_bytes": path.stat().st_size})
