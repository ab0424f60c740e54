"""The event chain refreshes incrementally and gives exactly the rows of a full rebuild.

A warehouse is built, then changed in the three ways a refresh meets: new articles (one reports the Kaluga
session before every known report, so the event id moves; one brings an earlier precise report that takes
over a vague mention's link; one starts a new event), re-extractions that change or drop mentions (the
first report of the Kaluga event vanishes, a near miss moves onto the Kaluga date), and raw mentions that
disappear. `dbt build` then refreshes; a copy of the same data is rebuilt with `--full-refresh`, and every
model of the event chain must hold the same rows in both (EXCEPT in both directions).
"""
from __future__ import annotations

import shutil

import duckdb
import pytest
from dbt_harness import DB_FILE_NAME, fresh_raw_db, query, run_dbt
from dbt_raw_rows import add_article, add_event, set_extraction
from dbt_scenario import DANANG, HANOI, JAPAN, KALUGA, RUSSIA, VIETNAM, load_scenario

EVENT_CHAIN = [
    "intermediate.int_event_mentions__resolved",
    "intermediate.int_event_participants__resolved",
    "intermediate.int_event_mentions__clustered",
    "marts.fct_cooperation_events",
    "marts.fct_event_mentions",
    "marts.bridge_event_participants",
    "marts.bridge_event_sectors",
    "marts.dim_articles",
    "marts.rpt_locality_activity",
    "marts.rpt_locality_partners",
]
EVENT_MARTS = ["marts.fct_cooperation_events", "marts.fct_event_mentions", "marts.bridge_event_participants",
               "marts.bridge_event_sectors"]
ACTIVITY = "marts.rpt_locality_activity"
DAY = dict(precision="day")


def add_history(con: duckdb.DuckDBPyConnection) -> None:
    """More reports before the first build: a month report that links to a precise one, a second event."""
    add_article(con, "b1", "nld", "2024-05-25 08:00:00+07", True)
    set_extraction(con, "b1", "v1")
    add_event(con, "m-b1-1", "b1", "v1", event_date="2024-05-01", precision="month", event_type="working_session",
              participants=[DANANG, RUSSIA], evidence="Trong tháng 5, Đà Nẵng đón đoàn Nga.")
    add_article(con, "b2", "vietnamplus", "2024-06-03 08:00:00+07", True)
    set_extraction(con, "b2", "v1")
    add_event(con, "m-b2-1", "b2", "v1", event_date="2024-06-01", event_type="conference", **DAY,
              participants=[VIETNAM, JAPAN], sectors=("energy",), evidence="Hội nghị Việt - Nhật ngày 1/6.")


def change_everything(con: duckdb.DuckDBPyConnection) -> None:
    # new articles
    add_article(con, "n1", "baoquocte", "2024-05-09 20:00:00+07", True)  # before a1: the Kaluga id moves
    set_extraction(con, "n1", "v1")
    add_event(con, "m-n1-1", "n1", "v1", event_date="2024-05-09", event_type="working_session", **DAY,
              participants=[HANOI, KALUGA], sectors=("culture",), evidence="Tối 9/5, Hà Nội tiếp đoàn Kaluga.")
    add_article(con, "n2", "nld", "2024-05-09 21:00:00+07", True)  # an earlier precise Đà Nẵng report: b1 relinks
    set_extraction(con, "n2", "v1")
    add_event(con, "m-n2-1", "n2", "v1", event_date="2024-05-20", event_type="visit", **DAY,
              participants=[DANANG, RUSSIA], evidence="Ngày 20/5, đoàn Nga sẽ thăm Đà Nẵng.")
    add_article(con, "n3", "nld", "2024-08-01 08:00:00+07", True)  # a new event of its own
    set_extraction(con, "n3", "v1")
    add_event(con, "m-n3-1", "n3", "v1", event_date="2024-07-30", event_type="conference", **DAY,
              participants=[VIETNAM, party_kr()], evidence="Hội thảo Việt - Hàn ngày 30/7.")
    # re-extractions: a1 (first report of the Kaluga event, parent of a3's month report) finds nothing;
    # a4 now reads the Kaluga date and joins that event; a8 gets a different sector
    set_extraction(con, "a1", "v2")
    set_extraction(con, "a4", "v2")
    add_event(con, "m-a4-v2", "a4", "v2", event_date="2024-05-09", event_type="working_session", **DAY,
              participants=[HANOI, RUSSIA], evidence="Ngày 9/5, Hà Nội làm việc với phía Nga.")
    set_extraction(con, "a8", "v2")
    add_event(con, "m-a8-v2", "a8", "v2", event_date="2024-06-01", event_type="conference", **DAY,
              participants=[VIETNAM, JAPAN], sectors=("trade",), evidence="Hội nghị Việt - Nhật ngày 1/6.")
    # a mention removed from the raw layer
    con.execute("delete from raw.event_mentions where mention_id = 'm-a9-1'")


def party_kr() -> dict:
    return {"side": "foreign", "country_code": "KR", "locality_code": None, "locality_name": None, "level": "country"}


@pytest.fixture(scope="module")
def refreshed_and_rebuilt(tmp_path_factory):
    incremental = fresh_raw_db(tmp_path_factory.mktemp("events_incremental") / DB_FILE_NAME, load_scenario)
    con = duckdb.connect(str(incremental))
    try:
        add_history(con)
    finally:
        con.close()
    run_dbt(incremental, "build", "--exclude", "resource_type:unit_test")
    before = dict(query(incremental, "select mention_id, event_id from intermediate.int_event_mentions__clustered"))
    con = duckdb.connect(str(incremental))
    try:
        change_everything(con)
        con.execute("force checkpoint")  # the copy below must hold the changes (dbt keeps this file open)
    finally:
        con.close()
    full = tmp_path_factory.mktemp("events_full") / DB_FILE_NAME
    shutil.copy(incremental, full)
    # these changes touch most of this small warehouse's mentions, which would make the scope list every mention
    # (recluster_all_share): the refresh must take the incremental path this test is about
    run_dbt(incremental, "build", "--exclude", "resource_type:unit_test", "--vars", "{recluster_all_share: 1}")
    run_dbt(full, "build", "--exclude", "resource_type:unit_test", "--full-refresh")
    return incremental, full, before


def differences(incremental, full, table: str) -> tuple[list, list]:
    # dbt ran last on the full rebuild in this process: open that one and attach the refreshed warehouse
    con = duckdb.connect(str(full))
    try:
        con.execute(f"attach '{incremental}' as refreshed (read_only)")
        # change_batch tells builds apart (when an article last changed), not what was built
        rows = "select columns(lambda column_name: column_name != 'change_batch') from"
        only_incremental = con.execute(f"{rows} refreshed.{table} except {rows} {table}").fetchall()
        only_full = con.execute(f"{rows} {table} except {rows} refreshed.{table}").fetchall()
        con.execute("detach refreshed")  # the instance outlives this connection (dbt holds it)
    finally:
        con.close()
    return only_incremental, only_full


@pytest.mark.parametrize("table", EVENT_CHAIN)
def test_a_refresh_gives_the_rows_of_a_full_rebuild(refreshed_and_rebuilt, table):
    incremental, full, _ = refreshed_and_rebuilt
    assert differences(incremental, full, table) == ([], [])
    assert query(incremental, f"select count(*) from {table}")[0][0] > 0


def test_the_refresh_reclustered_only_what_the_changes_touch(refreshed_and_rebuilt):
    incremental, _, before = refreshed_and_rebuilt
    scope_sql = "select mention_id from intermediate.int_event_mentions__recluster_scope"
    scope = {row[0] for row in query(incremental, scope_sql)}
    # every new and re-extracted mention, the Kaluga and Đà Nẵng reports they touch...
    assert {"m-n1-1", "m-n2-1", "m-n3-1", "m-a4-v2", "m-a8-v2", "m-a2-1", "m-a3-1", "m-b1-1"} <= scope
    # ...but not the 2019 Bình Thuận event, which nothing touched
    assert "m-a7-1" not in scope
    assert len(scope) < len(query(incremental, "select mention_id from intermediate.int_event_mentions__clustered"))
    after = dict(query(incremental, "select mention_id, event_id from intermediate.int_event_mentions__clustered"))
    assert after["m-a7-1"] == before["m-a7-1"]
    # the earlier report n1 is now the Kaluga event's first mention: its id moved, a2 and a3 followed it
    assert after["m-a2-1"] == after["m-n1-1"] == after["m-a3-1"] != before["m-a2-1"]
    # the month report b1 links to the precise Đà Nẵng report n2 (its only finer compatible mention)
    parent = query(incremental, "select parent_mention_id from intermediate.int_event_mentions__clustered "
                                "where mention_id = 'm-b1-1'")
    assert parent == [("m-n2-1",)]


@pytest.fixture(scope="module")
def joined_by_a_later_report(tmp_path_factory):
    """A built warehouse whose clustered rows are marked, then refreshed after a later report of the Kaluga session."""
    db = fresh_raw_db(tmp_path_factory.mktemp("events_joined") / DB_FILE_NAME, load_scenario)
    run_dbt(db, "build", "--exclude", "resource_type:unit_test")
    con = duckdb.connect(str(db))
    try:
        # a column the clustering never compares: a row written again by the refresh loses the mark (marked in
        # every table that holds it, so the marts read from kept rows what they built)
        for table in ("intermediate.int_event_mentions__clustered", "marts.fct_event_mentions",
                      "marts.fct_cooperation_events"):
            con.execute(f"update {table} set evidence = evidence || ' [built]'")
        for mart in [*EVENT_MARTS, ACTIVITY]:  # a column the model does not select: rows written again have none
            con.execute(f"alter table {mart} add column built_mark boolean")
            con.execute(f"update {mart} set built_mark = true")
        add_article(con, "n4", "nld", "2024-05-14 08:00:00+07", True)
        set_extraction(con, "n4", "v1")
        add_event(con, "m-n4-1", "n4", "v1", event_date="2024-05-09", event_type="working_session", **DAY,
                  participants=[HANOI, KALUGA], evidence="Hôm 9/5, Hà Nội và Kaluga đã làm việc.")
    finally:
        con.close()
    run_dbt(db, "build", "--exclude", "resource_type:unit_test", "--vars", "{recluster_all_share: 1}")
    return db


@pytest.mark.parametrize("mart", EVENT_MARTS)
def test_a_report_joining_an_event_rewrites_only_the_mart_rows_that_changed(joined_by_a_later_report, mart):
    db = joined_by_a_later_report
    event = "(select event_id from intermediate.int_event_mentions__clustered where mention_id = 'm-n4-1')"
    kept, written = query(db, f"select count(*) filter (where built_mark), count(*) filter (where built_mark is null)"
                              f" from {mart} where event_id = {event}")[0]
    # the event's own row counts one more mention, and n4 links to it; its participants and sectors are unchanged
    assert written == (1 if mart in ("marts.fct_cooperation_events", "marts.fct_event_mentions") else 0)
    # the rows that did not change stay as built
    assert kept > 0 or mart == "marts.fct_cooperation_events"


def test_the_activities_of_an_event_a_report_joined_are_kept_with_its_new_batch(joined_by_a_later_report):
    db = joined_by_a_later_report
    rows = query(db, f"select a.built_mark, a.change_batch = e.change_batch from {ACTIVITY} as a"
                     " inner join marts.fct_cooperation_events as e on a.activity_id = e.event_id"
                     " where e.event_id = (select event_id from intermediate.int_event_mentions__clustered"
                     " where mention_id = 'm-n4-1')")
    # Hà Nội x Russia (Kaluga is a Russian region): the same row as built, now with the event's new change batch
    assert rows == [(True, True)]


def test_a_report_joining_an_event_writes_only_its_own_row(joined_by_a_later_report):
    db = joined_by_a_later_report
    scope = {row[0] for row in query(db, "select mention_id from intermediate.int_event_mentions__recluster_scope")}
    rows = dict(query(db, "select mention_id, evidence like '% [built]' from intermediate.int_event_mentions__clustered"
                          " where event_id = (select event_id from intermediate.int_event_mentions__clustered"
                          " where mention_id = 'm-n4-1')"))
    # the whole Kaluga event was clustered again, and the new report joined it last...
    assert {"m-a1-1", "m-a2-1", "m-a3-1", "m-n4-1"} <= scope
    assert {"m-a1-1", "m-a2-1", "m-a3-1", "m-n4-1"} <= rows.keys()
    # ...but only the new report's row was written: the others, equal to what a full build gives, were kept
    assert rows.pop("m-n4-1") is False
    assert all(rows.values()), rows


def test_a_clustered_table_built_with_ranks_is_clustered_again_with_report_keys(tmp_path):
    """Tables built before report_key held a per-event rank (report_order): a refresh clusters every mention again."""
    db = fresh_raw_db(tmp_path / DB_FILE_NAME, load_scenario)
    run_dbt(db, "build", "--exclude", "resource_type:unit_test")
    fresh_columns = ", ".join(clustered_columns(db))
    built = query(db, f"select {fresh_columns} from intermediate.int_event_mentions__clustered order by all")
    con = duckdb.connect(str(db))
    try:
        con.execute("alter table intermediate.int_event_mentions__clustered drop column report_key")
        con.execute("alter table intermediate.int_event_mentions__clustered add column report_order bigint default 1")
    finally:
        con.close()
    run_dbt(db, "build", "--exclude", "resource_type:unit_test")
    assert "report_order" not in clustered_columns(db) and "report_key" in clustered_columns(db)
    scope = query(db, "select count(*) from intermediate.int_event_mentions__recluster_scope")[0][0]
    assert scope == len(built)
    assert query(db, f"select {fresh_columns} from intermediate.int_event_mentions__clustered order by all") == built


def clustered_columns(db) -> list[str]:
    return [row[0] for row in query(db, "select column_name from duckdb_columns() where table_name = "
                                        "'int_event_mentions__clustered' order by column_index")]
