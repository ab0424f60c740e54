"""Ingest: land articles (files, the bundled sample, or a crawl) and the gazetteers' reference data."""

import time

import dagster as dg

from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse.importer import ImportStats, import_files
from warehouse.reference import load_reference

MAX_ERRORS_IN_METADATA = 50


class IngestConfig(dg.Config):
    """What to land in this run. With nothing set, the run only re-counts what is there."""

    import_paths: list[str] = []
    """Files to import: JSONL (one article per line), saved .html pages, WARC archives."""
    source: str | None = None
    """Source name for imported records that do not say (e.g. 'vneconomy')."""


def _import_metadata(stats: ImportStats, seconds: float) -> dict:
    errors = [str(e) for e in stats.errors[:MAX_ERRORS_IN_METADATA]]
    return {
        **{key: dg.MetadataValue.int(value) for key, value in stats.as_dict().items()},
        "rejected_lines": dg.MetadataValue.json(errors),
        "duration_s": dg.MetadataValue.float(round(seconds, 3)),
    }


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
        totals = {name: con.execute(f"select count(*) from raw.{name}").fetchone()[0] for name in INGEST_TABLES}
    context.log.info(f"import: {stats.as_dict()}")
    yield dg.MaterializeResult(
        asset_key=["raw", "articles"],
        metadata={**_import_metadata(stats, time.monotonic() - started), "dagster/row_count": totals["articles"]},
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
