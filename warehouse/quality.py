"""Data-quality metrics beyond dbt tests, for Dagster asset checks and the report.

Each function runs plain SQL on an open connection and returns a ``QualityResult``. They work on the build file
(``raw.*`` tables) and on the serving copy (its ``ops.*`` tables, published from raw without the article text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from warehouse.db import TIMEZONE, has_table
from warehouse.schema import articles_without_body


@dataclass(frozen=True)
class QualityResult:
    name: str
    value: float
    threshold: float
    passed: bool
    details: dict[str, Any] = field(default_factory=dict)
    description: str = ""


def articles_relation(con: duckdb.DuckDBPyConnection) -> str:
    """SQL for the article metadata with ``body_chars``: ``ops.articles`` when published, else raw without bodies."""
    if has_table(con, "ops", "articles"):
        return "ops.articles"
    return articles_without_body("raw.articles")


def table_relation(con: duckdb.DuckDBPyConnection, table: str) -> str:
    return f"ops.{table}" if has_table(con, "ops", table) else f"raw.{table}"


def _share(con: duckdb.DuckDBPyConnection, condition: str, since: date | None) -> tuple[int, int, dict[str, Any]]:
    """(matching, total, per-source breakdown) of articles landed since ``since`` (all when None)."""
    rows = con.execute(
        f"select source, count(*) filter (where {condition}) as hits, count(*) as total"
        f" from {articles_relation(con)} where ? is null or first_landed_at >= ?::date"
        " group by source order by source",
        [since, since],
    ).fetchall()
    hits, total = sum(row[1] for row in rows), sum(row[2] for row in rows)
    return hits, total, {"by_source": {row[0]: {"hits": row[1], "total": row[2]} for row in rows}}


def empty_body_share(
    con: duckdb.DuckDBPyConnection, threshold: float = 0.05, since: date | None = None
) -> QualityResult:
    """Share of articles whose body came out empty: a parser that silently broke."""
    hits, total, details = _share(con, "body_chars = 0", since)
    value = hits / total if total else 0.0
    return QualityResult(
        "empty_body_share", value, threshold, value <= threshold, {"empty": hits, "articles": total, **details},
        "Share of landed articles with an empty body.",
    )


def generic_parser_share(
    con: duckdb.DuckDBPyConnection, threshold: float = 0.2, since: date | None = None
) -> QualityResult:
    """Share of articles parsed by the generic fallback: a site template the dedicated parser no longer knows."""
    hits, total, details = _share(con, "parse_path = 'generic'", since)
    value = hits / total if total else 0.0
    return QualityResult(
        "generic_parser_share", value, threshold, value <= threshold, {"generic": hits, "articles": total, **details},
        "Share of landed articles parsed by the generic fallback parser.",
    )


def unknown_place_share(con: duckdb.DuckDBPyConnection, threshold: float = 0.25, top: int = 10) -> QualityResult:
    """Share of extracted relevant articles with at least one place name the gazetteer did not know."""
    articles, unknown = articles_relation(con), table_relation(con, "unknown_places")
    extracted, with_unknown = con.execute(
        f"select count(*), count(*) filter (where exists (select 1 from {unknown} u where u.article_id = a.article_id))"
        f" from {articles} a where a.is_relevant"
    ).fetchone()
    names = con.execute(
        f"select name, sum(occurrences)::bigint as n, count(distinct article_id) as articles from {unknown}"
        " group by name order by n desc, name limit ?",
        [top],
    ).fetchall()
    value = with_unknown / extracted if extracted else 0.0
    details = {
        "relevant_articles": extracted,
        "with_unknown_places": with_unknown,
        "top_unknown_names": [{"name": n, "occurrences": o, "articles": a} for n, o, a in names],
    }
    return QualityResult(
        "unknown_place_share", value, threshold, value <= threshold, details,
        "Share of relevant articles that mention at least one unresolved place name.",
    )


def volume_anomaly(
    con: duckdb.DuckDBPyConnection,
    day: date | None = None,
    window_days: int = 28,
    ratio: float = 0.3,
    min_median: float = 3.0,
) -> QualityResult:
    """Sources whose article count on ``day`` (by publication date, local time) is far below their trailing median.

    A source is anomalous when its median over the ``window_days`` days before ``day`` (days without articles count
    as zero) is at least ``min_median`` and the day's count is below ``ratio`` x median: the site layout probably
    changed. ``day`` defaults to yesterday in Asia/Ho_Chi_Minh (today is still filling up).
    """
    day = day or (datetime.now(ZoneInfo(TIMEZONE)).date() - timedelta(days=1))
    start = day - timedelta(days=window_days)
    rows = con.execute(
        f"""
        with per_day as (
            select source, (published_at at time zone '{TIMEZONE}')::date as d, count(*) as n
            from {articles_relation(con)}
            where published_at is not null
              and (published_at at time zone '{TIMEZONE}')::date between ?::date and ?::date
            group by all
        ),
        sources as (select distinct source from per_day),
        days as (select unnest(generate_series(?::date, ?::date - 1, interval 1 day))::date as d),
        history as (
            select s.source, days.d, coalesce(p.n, 0) as n
            from sources s cross join days left join per_day p on p.source = s.source and p.d = days.d
        ),
        medians as (select source, median(n) as median from history group by source)
        select m.source, coalesce(t.n, 0) as today, m.median
        from medians m left join per_day t on t.source = m.source and t.d = ?::date
        order by m.source
        """,
        [start, day, start, day, day],
    ).fetchall()
    per_source = {s: {"count": int(n), "median": float(med)} for s, n, med in rows}
    anomalies = [s for s, n, med in rows if med >= min_median and n < ratio * med]
    lowest = min((n / med for _, n, med in rows if med >= min_median), default=1.0)
    return QualityResult(
        "volume_anomaly", float(lowest), ratio, not anomalies,
        {"day": day.isoformat(), "window_days": window_days, "anomalous_sources": anomalies, "by_source": per_source},
        "Lowest ratio of a source's daily article count to its trailing median.",
    )


def run_all(con: duckdb.DuckDBPyConnection, day: date | None = None) -> list[QualityResult]:
    """Every metric with its default threshold."""
    return [
        volume_anomaly(con, day=day),
        empty_body_share(con),
        generic_parser_share(con),
        unknown_place_share(con),
    ]
