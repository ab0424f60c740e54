"""What the CLI prints about a warehouse: rows per layer, freshness, top partners."""
from __future__ import annotations

import duckdb

from warehouse.db import has_table

LAYERS = ("raw", "staging", "intermediate", "marts")


def table_counts(con: duckdb.DuckDBPyConnection, schemas: tuple[str, ...] = LAYERS) -> list[tuple[str, str, int]]:
    """(schema, relation, rows) for every base table of the given schemas and every view of marts (which readers
    use like tables: dim_articles and the reporting views), in name order. Staging views are plumbing: left out."""
    tables = con.execute(
        "select table_schema, table_name from information_schema.tables "
        "where (table_type = 'BASE TABLE' or table_schema = 'marts') and table_schema in (select unnest(?)) "
        "order by table_schema, table_name",
        [list(schemas)],
    ).fetchall()
    return [(s, t, con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]) for s, t in tables]


def freshness(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    row = con.execute(
        "select max(landed_at), max(published_at), count(*) filter (where is_relevant) from raw.articles"
    ).fetchone()
    extracted = con.execute("select max(extracted_at) from raw.extractions").fetchone()[0]
    return {"last_landed_at": row[0], "newest_published_at": row[1], "relevant_articles": row[2],
            "last_extracted_at": extracted}


def top_partners(con: duckdb.DuckDBPyConnection, limit: int = 5) -> list[tuple[str, str, int]]:
    """Foreign countries by number of cooperation events, from the marts."""
    if not has_table(con, "marts", "bridge_event_participants"):
        return []
    return con.execute(
        """
        select p.country_code, coalesce(c.name_vi, p.country_code), count(distinct p.event_id) as events
        from marts.bridge_event_participants p
        left join marts.dim_countries c using (country_code)
        where p.side = 'foreign'
        group by all order by events desc, p.country_code limit ?
        """,
        [limit],
    ).fetchall()
