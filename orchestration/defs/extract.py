"""Extract: trade, investment and cooperation-event mentions from the landed articles."""

import time

import dagster as dg

import extraction
from orchestration.resources import WRITER_POOL, WarehouseResource
from warehouse.facts import extract_pending

MENTION_ASSETS = {
    "trade_mentions": "Trade figures stated in articles (reporter, partner, flow, value, period, change), one row "
                      "per figure with its evidence sentence and character offsets.",
    "investment_mentions": "Investment figures (investor, host, projects, capital and its kind, as-of date, rank) "
                           "with their evidence sentence.",
    "event_mentions": "Cooperation events as each article reports them (date and precision, type, participants, "
                      "sectors, agreement status), before deduplication across articles.",
    "unknown_places": "Place-like names the gazetteers did not know, counted per article, so they can grow.",
}


def _preview(con, limit: int = 10) -> str:
    rows = con.execute(
        """
        select flow, reporter_country_code, coalesce(reporter_locality_name, ''), coalesce(partner_country_code, ''),
               value_usd, left(evidence, 90)
        from raw.trade_mentions order by article_id limit ?
        """,
        [limit],
    ).fetchall()
    lines = ["| flow | reporter | locality | partner | value_usd | evidence |", "|---|---|---|---|---|---|"]
    lines += ["| " + " | ".join("" if v is None else str(v).replace("|", "/") for v in row) + " |" for row in rows]
    return "\n".join(lines)


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["raw", "extractions"], group_name="extract", kinds={"python", "duckdb"},
                     deps=[["raw", "articles"], ["ingest", "crawl_by_publication_day"]],
                     description="One row per article and extractor version: when it was extracted, how many facts "
                     "came out, and the error if extraction failed."),
        *[
            dg.AssetSpec(["raw", name], group_name="extract", kinds={"python", "duckdb"},
                         deps=[["raw", "articles"]], description=text)
            for name, text in MENTION_ASSETS.items()
        ],
    ],
    pool=WRITER_POOL,
)
def extracted_mentions(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    """Runs the extractor over articles not yet extracted with the current version and text."""
    started = time.monotonic()
    with warehouse.connect() as con:
        stats = extract_pending(con)
        totals = {
            name: con.execute(f"select count(*) from raw.{name}").fetchone()[0]
            for name in ["extractions", *MENTION_ASSETS]
        }
        preview = _preview(con)
    for error in stats.errors[:20]:
        context.log.warning(f"extraction failed: {error}")
    seconds = time.monotonic() - started
    context.log.info(f"extraction ({extraction.EXTRACTOR_VERSION}): {stats.as_dict()}")
    yield dg.MaterializeResult(
        asset_key=["raw", "extractions"],
        metadata={
            "extractor_version": extraction.EXTRACTOR_VERSION,
            "articles_extracted": stats.articles,
            "articles_failed": stats.failed,
            "duration_s": round(seconds, 3),
            "articles_per_s": round(stats.articles / seconds, 1) if seconds > 0 and stats.articles else 0.0,
            "dagster/row_count": totals["extractions"],
        },
    )
    new_counts = {"trade_mentions": stats.trade, "investment_mentions": stats.investments,
                  "event_mentions": stats.events, "unknown_places": stats.unknown_places}
    for name in MENTION_ASSETS:
        metadata = {"new_rows": new_counts[name], "dagster/row_count": totals[name]}
        if name == "trade_mentions":
            metadata["preview"] = dg.MetadataValue.md(preview)
        yield dg.MaterializeResult(asset_key=["raw", name], metadata=metadata)
