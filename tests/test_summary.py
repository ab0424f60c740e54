"""What the CLI counts per layer (warehouse.summary.table_counts)."""
from __future__ import annotations

import duckdb

from warehouse.summary import table_counts


def test_counts_tables_of_every_layer_and_views_of_marts_only():
    con = duckdb.connect()
    con.execute("create schema raw; create schema staging; create schema marts")
    con.execute("create table raw.articles as select range as article_id from range(3)")
    con.execute("create view staging.stg_raw__articles as select * from raw.articles")
    con.execute("create view marts.dim_articles as select * from staging.stg_raw__articles")
    con.execute("create table marts.fct_trade_flows as select 1 as trade_flow_id")
    assert table_counts(con) == [("marts", "dim_articles", 3), ("marts", "fct_trade_flows", 1),
                                 ("raw", "articles", 3)]
    assert table_counts(con, ("marts",)) == [("marts", "dim_articles", 3), ("marts", "fct_trade_flows", 1)]
