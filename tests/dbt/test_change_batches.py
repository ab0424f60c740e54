"""Change batches: a refresh transforms exactly the articles whose inputs changed (macros/change_batches.sql).

One warehouse goes through four builds: the first, a no-op, one that adds an article, and one after a country
is added to the gazetteer. After each, the batches of int_articles__fact_scope, of the article-keyed facts and
of rpt_locality_activity's rows are read back.
"""
from __future__ import annotations

import duckdb
import pytest
from dbt_harness import DB_FILE_NAME, fresh_raw_db, query, run_dbt
from dbt_raw_rows import add_article, add_trade, set_extraction
from dbt_scenario import load_scenario

FACT_TABLES = ("marts.fct_trade_flows", "marts.fct_investments", "intermediate.int_event_mentions__resolved",
               "intermediate.int_event_participants__resolved", "intermediate.int_event_mentions__clustered")


def scope_batches(db) -> dict[str, int]:
    return dict(query(db, "select article_id, change_batch from intermediate.int_articles__fact_scope"))


def fact_batches(db) -> dict[str, set[tuple[str, int]]]:
    return {table: set(query(db, f"select article_id, change_batch from {table}")) for table in FACT_TABLES}


def snapshot(db) -> dict:
    return {"scope": scope_batches(db), "facts": fact_batches(db),
            "reclustered": query(db, "select count(*) from intermediate.int_event_mentions__recluster_scope")[0][0],
            "mentions": query(db, "select count(*) from intermediate.int_event_mentions__resolved")[0][0],
            "activity": set(query(db, "select activity_kind, activity_id, article_id, change_batch "
                                      "from marts.rpt_locality_activity")),
            "a8_partner": query(db, "select partner_country_code from marts.fct_trade_flows "
                                    "where trade_flow_id = 't-a8-1'")}


def change(db, edit) -> None:
    con = duckdb.connect(str(db))
    try:
        edit(con)
    finally:
        con.close()


def add_new_article(con: duckdb.DuckDBPyConnection) -> None:
    add_article(con, "n1", "nld", "2024-09-01 08:00:00+07", True)
    set_extraction(con, "n1", "v1")
    add_trade(con, "t-n1-1", "n1", "v1", reporter="VN", reporter_code="VN-48", reporter_name="Đà Nẵng",
              partner="KR", value_usd=3e8, year=2024)


def add_country_xx(con: duckdb.DuckDBPyConnection) -> None:
    # article a8 reports trade with "XX", unknown to the gazetteer so far (resolved as ZZ)
    con.execute("insert into raw.ref_countries values ('XX', 'Xứ X', 'Xland')")


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    db = fresh_raw_db(tmp_path_factory.mktemp("change_batches") / DB_FILE_NAME, load_scenario)
    states = {}
    run_dbt(db, "build")
    states["first"] = snapshot(db)
    run_dbt(db, "build")
    states["noop"] = snapshot(db)
    change(db, add_new_article)
    run_dbt(db, "build")
    states["new_article"] = snapshot(db)
    change(db, add_country_xx)
    run_dbt(db, "build")
    states["new_country"] = snapshot(db)
    return db, states


def test_a_build_without_changes_keeps_every_batch(builds):
    _, states = builds
    unchanged = ("scope", "facts", "a8_partner", "activity")
    assert {key: states["noop"][key] for key in unchanged} == {key: states["first"][key] for key in unchanged}
    assert len(set(states["first"]["scope"].values())) == 1   # the first build is one batch


def test_a_new_article_gets_a_new_batch_and_only_it_is_transformed(builds):
    _, states = builds
    before, after = states["noop"], states["new_article"]
    new_batch = after["scope"]["n1"]
    assert new_batch > max(before["scope"].values())
    assert {k: v for k, v in after["scope"].items() if k != "n1"} == before["scope"]
    assert ("n1", new_batch) in after["facts"]["marts.fct_trade_flows"]
    for table in FACT_TABLES:   # every other row is the one written before, with its old batch
        assert {row for row in after["facts"][table] if row[0] != "n1"} == before["facts"][table], table
    # the report gains the new figure's row; every other row is the one written before
    assert {row for row in after["activity"] if row[2] == "n1"} == {("trade", "t-n1-1", "n1", new_batch)}
    assert {row for row in after["activity"] if row[2] != "n1"} == before["activity"]


def test_a_gazetteer_change_reprocesses_every_article(builds):
    _, states = builds
    before, after = states["new_article"], states["new_country"]
    assert before["a8_partner"] == [("ZZ",)]
    assert after["a8_partner"] == [("XX",)]
    assert after["scope"].keys() == before["scope"].keys()
    (batch,) = set(after["scope"].values())
    assert batch > max(before["scope"].values())
    for table in FACT_TABLES:
        assert {row[1] for row in after["facts"][table]} == {batch}, table
    # every report row was rewritten: its fact or event got a new batch
    assert after["activity"] and not after["activity"] & before["activity"]
    # every mention changed: the scope lists them all instead of looking for the pairs of each
    assert after["reclustered"] == after["mentions"] > 0


def test_a_refresh_without_event_changes_reclusters_nothing(builds):
    _, states = builds
    assert states["noop"]["reclustered"] == 0
    assert states["new_article"]["reclustered"] == 0   # n1 reports a trade figure, no event


def test_the_facts_hold_no_rows_of_an_old_batch(builds):
    db, _ = builds
    for table in FACT_TABLES:
        stale = query(db, f"select count(*) from {table} as fact anti join intermediate.int_articles__fact_scope "
                          "as scope on fact.article_id = scope.article_id and fact.change_batch = scope.change_batch")
        assert stale == [(0,)], table


def test_the_activity_report_holds_only_current_versions(builds):
    db, _ = builds
    current = ("select 'event' as kind, event_id as id, change_batch from marts.fct_cooperation_events union all "
               "select 'trade', trade_flow_id, change_batch from marts.fct_trade_flows union all "
               "select 'investment', investment_id, change_batch from marts.fct_investments")
    stale = query(db, f"select count(*) from marts.rpt_locality_activity as report anti join ({current}) as current "
                      "on report.activity_kind = current.kind and report.activity_id = current.id "
                      "and report.change_batch = current.change_batch")
    assert stale == [(0,)]
    assert query(db, "select count(distinct activity_kind) from marts.rpt_locality_activity") == [(3,)]
