"""Latest trade and investment figures and the data-quality counts, read from the serving copy."""
from __future__ import annotations

import duckdb

from warehouse import quality
from warehouse.db import has_table
from warehouse.report.data import LATEST_FIGURES, rows_as_dicts


def latest_trade(con: duckdb.DuckDBPyConnection, limit: int = LATEST_FIGURES) -> list[dict]:
    return rows_as_dicts(con.execute(
        """
        select a.published_at, a.url, a.title, a.source,
               coalesce(rl.name, t.reporter_locality_name, rc.name_en, t.reporter_country_code) as reporter,
               case when t.partner_country_code is null then 'World'
                    else coalesce(pl.name, t.partner_locality_name, pc.name_en, t.partner_country_code) end as partner,
               t.flow, t.value, t.currency, t.value_usd, t.value_qualifier, t.period_year, t.period_month_from,
               t.period_month_to, t.change_pct, t.evidence
        from marts.fct_trade_flows t
        left join marts.dim_articles a using (article_id)
        left join marts.dim_countries rc on rc.country_code = t.reporter_country_code
        left join marts.dim_countries pc on pc.country_code = t.partner_country_code
        left join marts.dim_localities rl on rl.locality_code = t.reporter_locality_code
        left join marts.dim_localities pl on pl.locality_code = t.partner_locality_code
        order by a.published_at desc nulls last, t.trade_flow_id
        limit ?
        """,
        [limit],
    ))


def latest_investments(con: duckdb.DuckDBPyConnection, limit: int = LATEST_FIGURES) -> list[dict]:
    return rows_as_dicts(con.execute(
        """
        select a.published_at, a.url, a.title, a.source,
               case when i.investor_country_code is null then 'Foreign investors'
                    else coalesce(il.name, i.investor_locality_name, ic.name_en, i.investor_country_code)
               end as investor,
               coalesce(hl.name, i.host_locality_name, hc.name_en, i.host_country_code) as host,
               i.project_count, i.project_count_qualifier, i.capital, i.currency, i.capital_usd, i.capital_qualifier,
               i.capital_kind, i.as_of_date, i.evidence
        from marts.fct_investments i
        left join marts.dim_articles a using (article_id)
        left join marts.dim_countries ic on ic.country_code = i.investor_country_code
        left join marts.dim_countries hc on hc.country_code = i.host_country_code
        left join marts.dim_localities il on il.locality_code = i.investor_locality_code
        left join marts.dim_localities hl on hl.locality_code = i.host_locality_code
        order by a.published_at desc nulls last, i.investment_id
        limit ?
        """,
        [limit],
    ))


def data_quality(con: duckdb.DuckDBPyConnection) -> dict | None:
    """Counts from the ``ops`` schema of the serving copy; None when the build had no raw layer to publish."""
    if not has_table(con, "ops", "articles"):
        return None
    articles, relevant, empty = con.execute(
        "select count(*), count(*) filter (where is_relevant), count(*) filter (where body_chars = 0) from ops.articles"
    ).fetchone()
    parse_paths = con.execute(
        "select coalesce(parse_path, 'unknown'), count(*) from ops.articles group by all order by 2 desc, 1"
    ).fetchall()
    result = {
        "articles": articles, "relevant": relevant, "empty_bodies": empty, "parse_paths": parse_paths,
        "unknown_place_names": 0, "unknown_place_occurrences": 0, "top_unknown_places": [],
        "ingest_errors": 0, "errors_by_stage": [], "checks": quality.run_all(con),
    }
    if has_table(con, "ops", "unknown_places"):
        result["unknown_place_names"], result["unknown_place_occurrences"] = con.execute(
            "select count(distinct name), coalesce(sum(occurrences), 0)::bigint from ops.unknown_places"
        ).fetchone()
        result["top_unknown_places"] = con.execute(
            "select name, sum(occurrences)::bigint from ops.unknown_places group by 1 order by 2 desc, 1 limit 8"
        ).fetchall()
    if has_table(con, "ops", "ingest_errors"):
        result["errors_by_stage"] = con.execute(
            "select stage, kind, count(*) from ops.ingest_errors group by all order by 3 desc, 1, 2 limit 10"
        ).fetchall()
        result["ingest_errors"] = con.execute("select count(*) from ops.ingest_errors").fetchone()[0]
    return result
