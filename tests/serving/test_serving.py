from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.publish import publish
from warehouse.serving import QueryRejected, ServingNotFound, check_read_only, connect_serving, run_query


@pytest.fixture
def published(serving_env: Path) -> Path:
    publish()
    return serving_env.with_name("serving.duckdb")


def test_connect_serving_without_a_copy_says_run_build(serving_env: Path) -> None:
    with pytest.raises(ServingNotFound, match="run `vnwh build` first"):
        connect_serving()


def test_connect_serving_is_read_only(published: Path) -> None:
    con = connect_serving()
    try:
        assert con.execute("select count(*) from fct_trade_flows").fetchone()[0] == 2  # marts on the search path
        for write in ("create table marts.x (a int)", "delete from marts.dim_articles", "insert into ops.articles "
                      "select * from ops.articles"):
            with pytest.raises(duckdb.InvalidInputException, match="read-only"):
                con.execute(write)
    finally:
        con.close()


def test_run_query_is_parameterised(published: Path) -> None:
    columns, rows = run_query("select title from dim_articles where source = ? order by title", ["nld"])
    assert columns == ["title"]
    assert rows == [("Tin <b>thời tiết</b> & giao thông",), ("Đà Nẵng đón đoàn doanh nghiệp Hàn Quốc",)]
    columns, rows = run_query("select count(*) as n from fct_trade_flows where value_usd > $v", {"v": 1e8})
    assert (columns, rows) == (["n"], [(1,)])
    assert run_query("from dim_countries order by 1", max_rows=2)[1] == [("KR", "Hàn Quốc", "South Korea"),
                                                                      ("RU", "Nga", "Russia")]


@pytest.mark.parametrize("sql", [
    "select 1; select 2",
    "select 1; drop table marts.dim_articles",
    "drop table marts.dim_articles",
    "insert into marts.dim_countries values ('XX', 'x', 'x')",
    "copy (select 1) to '/tmp/vnwh-leak.csv'",
    "attach '/tmp/vnwh-other.duckdb' as other",
    "set threads = 1",
    "pragma version",
    "create view v as select 1",
])
def test_run_query_rejects_everything_but_one_read(published: Path, sql: str) -> None:
    with pytest.raises(QueryRejected):
        run_query(sql)
    assert not Path("/tmp/vnwh-leak.csv").exists()


def test_run_query_cannot_reach_other_files(published: Path) -> None:
    with pytest.raises(duckdb.PermissionException):
        run_query("select * from read_csv('/etc/hostname')")


def test_read_statements_are_accepted() -> None:
    for sql in ("select 1", "with a as (select 1) select * from a", "from range(3)", "describe select 1",
                "show tables", "explain select 1", "select 1;"):
        check_read_only(sql)


def test_run_query_reports_syntax_errors(published: Path) -> None:
    with pytest.raises(QueryRejected, match="can't parse"):
        run_query("selec 1")


def test_run_query_while_this_process_holds_the_serving_copy(published: Path) -> None:
    held = connect_serving()  # e.g. `vnwh shell` open in the same process
    try:
        assert run_query("select count(*) from dim_articles")[1] == [(4,)]
        with pytest.raises(QueryRejected):
            run_query("copy dim_articles to '/tmp/vnwh-leak.csv'")
    finally:
        held.close()
