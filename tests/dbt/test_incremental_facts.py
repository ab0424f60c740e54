"""Re-extraction and relevance changes reach the marts incrementally: only changed articles are rewritten,
stale facts disappear, and untouched events keep their ids."""
from __future__ import annotations

import duckdb
import pytest
from dbt_harness import DB_FILE_NAME, fresh_raw_db, query, run_dbt
from dbt_raw_rows import add_event, add_trade, set_extraction
from dbt_scenario import HANOI, KALUGA, load_scenario

UNTOUCHED_MARKER = "rewritten only if article a7 is rebuilt"


def event_ids_by_article(db) -> dict[str, str]:
    return dict(query(db, "select article_id, event_id from marts.fct_event_mentions"))


def reextract(con: duckdb.DuckDBPyConnection) -> None:
    # a1: version v2 finds one trade figure instead of two and the same event under a new mention id
    set_extraction(con, "a1", "v2")
    add_trade(con, "t-a1-v2-1", "a1", "v2", reporter="VN", reporter_code="VN-01", reporter_name="Hà Nội",
              partner="RU", value_usd=150e6)
    add_event(con, "m-a1-v2-1", "a1", "v2", event_date="2024-05-09", precision="day", event_type="working_session",
              participants=[HANOI, KALUGA], evidence="Ngày 9/5, Hà Nội và Kaluga có buổi làm việc.")
    # a2: version v2 finds nothing at all
    set_extraction(con, "a2", "v2")
    # a10: the classifier changes its mind, the article is relevant after all
    con.execute("update raw.articles set is_relevant = true where article_id = 'a10'")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    path = fresh_raw_db(tmp_path_factory.mktemp("dbt_incremental") / DB_FILE_NAME, load_scenario)
    run_dbt(path, "build")
    before = event_ids_by_article(path)
    con = duckdb.connect(str(path))
    try:
        # proof of incrementality: a row of an unchanged article is marked; a full rebuild would erase the mark
        con.execute("update marts.fct_trade_flows set evidence = ? where article_id = 'a7'", [UNTOUCHED_MARKER])
        reextract(con)
    finally:
        con.close()
    run_dbt(path, "build")
    return path, before


def test_stale_facts_of_a_reextracted_article_disappear(rebuilt):
    db, _ = rebuilt
    rows = query(db, "select trade_flow_id, extractor_version from marts.fct_trade_flows where article_id = 'a1'")
    assert rows == [("t-a1-v2-1", "v2")]


def test_an_article_reextracted_with_no_facts_leaves_no_rows(rebuilt):
    db, _ = rebuilt
    for table in ("fct_trade_flows", "fct_investments", "fct_event_mentions"):
        assert query(db, f"select count(*) from marts.{table} where article_id = 'a2'") == [(0,)]


def test_unchanged_articles_are_not_rewritten(rebuilt):
    db, _ = rebuilt
    assert query(db, "select evidence from marts.fct_trade_flows where article_id = 'a7'") == [(UNTOUCHED_MARKER,)]


def test_an_article_that_became_relevant_gets_its_facts(rebuilt):
    db, before = rebuilt
    assert "a10" not in before
    assert query(db, "select trade_flow_id from marts.fct_trade_flows where article_id = 'a10'") == [("t-a10-1",)]
    # a10 reports a Hà Nội x Russia visit on 9 May: same type group (meeting), day, Hà Nội and Russia as the
    # Kaluga working session, so it joins that event as a later report
    assert event_ids_by_article(db)["a10"] == event_ids_by_article(db)["a1"]


def test_event_counts_follow_the_reextraction_and_ids_stay_stable(rebuilt):
    db, before = rebuilt
    after = event_ids_by_article(db)
    # the Kaluga event lost a2 but kept its first report (a1, same facts under a new mention id): same id
    assert after["a1"] == before["a1"] == after["a3"]
    counts = query(db, "select mention_count, source_count from marts.fct_cooperation_events where event_id = ?",
                   [after["a1"]])
    assert counts == [(4, 2)]  # a1, a3 twice (vietnamplus), a10 (nld)
    for article in ("a4", "a5", "a6", "a7", "a8", "a9"):
        assert after[article] == before[article]
