"""Query latency on the benchmark warehouse built by bench.refresh (built first when missing).

Runs every ``marts.rpt_*`` reporting view and a few typical analyst queries, each repeated R times after one warm-up,
on (a) the published serving copy (what BI tools and ``vnwh query`` read; reporting views are materialised there)
and (b) the build file, where ``marts.rpt_*`` are live views over the marts. Both opened read-only, fresh
connection per query set. ``query.p95_ms`` is the p95 over all serving-copy runs.

    uv run python -m bench.query
"""
from __future__ import annotations

import time
from pathlib import Path

from bench import common

ANALYST_QUERIES = {
    "top_localities_by_events": """
        select locality_name, count(distinct activity_id) as events from marts.rpt_locality_activity
        where activity_kind = 'event' group by 1 order by 2 desc limit 10""",
    "trade_by_partner_year": """
        select partner_country_code, period_year, flow, sum(value_usd) as usd from marts.fct_trade_flows
        group by all order by usd desc nulls last limit 50""",
    "investment_by_investor": """
        select investor_country_code, count(*) as mentions, sum(capital_usd) as usd, max(as_of_date) as latest
        from marts.fct_investments group by 1 order by usd desc nulls last""",
    "events_of_one_province_by_month": """
        select date_trunc('month', e.event_date) as month, e.event_type, count(*) as events
        from marts.fct_cooperation_events e join marts.bridge_event_participants p using (event_id)
        where p.locality_name ilike '%Khánh Hòa%' group by all order by month""",
    "articles_per_source_year": """
        select source, year(published_at) as year, count(*) from marts.dim_articles group by all order by all""",
}
TARGET_P95_MS = 500.0     # no target in the issue; an interactive-dashboard budget, shown for reference


def _queries(con) -> dict[str, str]:
    views = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where schema_name = 'marts' and table_name like 'rpt_%' union "
        "select view_name from duckdb_views() where schema_name = 'marts' and view_name like 'rpt_%' order by 1"
    ).fetchall()]
    return {**{view: f"select * from marts.{view}" for view in views}, **ANALYST_QUERIES}


def time_queries(path: Path, repeats: int) -> dict[str, list[float]]:
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
    timings: dict[str, list[float]] = {}
    try:
        for name, sql in _queries(con).items():
            con.execute(sql).fetchall()                     # warm-up
            runs = []
            for _ in range(repeats):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                runs.append((time.perf_counter() - started) * 1000)
            timings[name] = runs
    finally:
        con.close()
    return timings


def _summary(timings: dict[str, list[float]]) -> dict:
    return {name: {"p50_ms": round(common.percentile(runs, 50), 2), "p95_ms": round(common.percentile(runs, 95), 2)}
            for name, runs in timings.items()}


def run() -> tuple[dict, dict, list[str]]:
    from bench import refresh

    folder = refresh.work_dir()
    serving, build = folder / "serving.duckdb", folder / "build.duckdb"
    notes = []
    if not (serving.exists() and build.exists()):
        notes.append("benchmark warehouse missing: built it with bench.refresh first")
        refresh.main()
    repeats = common.scale()["query_repeats"]
    served = time_queries(serving, repeats)
    live = time_queries(build, repeats)
    pooled = [t for runs in served.values() for t in runs]
    pooled_live = [t for runs in live.values() for t in runs]
    import duckdb

    with duckdb.connect(str(serving), read_only=True) as con:
        articles = con.execute("select count(*) from marts.dim_articles").fetchone()[0]
    figures = {"query.p50_ms": round(common.percentile(pooled, 50), 2),
               "query.p95_ms": round(common.percentile(pooled, 95), 2),
               "query.p95_ms_build_file_live_views": round(common.percentile(pooled_live, 95), 2),
               "query.articles": articles}
    notes.append(f"{len(served)} queries x {repeats} runs on {articles:,} articles")
    return figures, {"serving": _summary(served), "build_file": _summary(live), "target_p95_ms": TARGET_P95_MS}, notes


def main() -> None:
    common.run_benchmark("query", run, "query latency")


if __name__ == "__main__":
    main()
