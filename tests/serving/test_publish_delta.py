"""A refresh publish starts from the live serving file's bytes and applies only the changed rows: the result holds
exactly the rows a full publish would, identical rows are counted, tables that can't be updated exactly are copied,
and a failure leaves the live copy and exports as they were."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb
import pytest
from serving_factory import add_filler

from warehouse import publish_delta
from warehouse.db import connect
from warehouse.publish import manifest_path, publish


def _change_build(build: Path) -> None:
    """What a refresh does to the marts: rows added, deleted and changed, duplicate rows added and removed, a view's
    rows changed, a table's columns changed, a table dropped and one added, an ops row added."""
    con = connect(build)
    try:
        add_filler(con, 50, tag="refresh-")
        con.execute("delete from marts.fct_trade_flows where trade_flow_id = 't2'")
        con.execute("update marts.dim_localities set name = 'Quảng Ninh (mới)' where locality_code = 'VN-22'")
        con.execute("delete from marts.rpt_tags where tag = 'a' and rowid = (select min(rowid) from marts.rpt_tags)")
        con.execute("insert into marts.rpt_tags values ('b', 2), ('b', 2), ('c', null)")
        con.execute("delete from marts.rpt_tags where tag = 'd'")
        con.execute("insert into marts.bridge_event_participants values ('e3', 'foreign', 'RU', null, null, 'country')")
        con.execute("alter table marts.dim_countries add column iso3 varchar")
        con.execute("drop table marts.zz_retired")
        con.execute("create table marts.zz_added as select 1 as n")
        con.execute("insert into raw.ingest_errors values ('err2', 'file:9', 'import', 'bad_json', 'lỗi', now())")
    finally:
        con.close()


def _prepare_build(build: Path) -> None:
    con = connect(build)
    try:
        con.execute("create table marts.rpt_tags as select * from (values ('a', 1), ('a', 1), ('a', 1), ('b', 2),"
                    " ('d', 4), ('d', 4))"
                    " t(tag, n)")
        con.execute("create table marts.zz_retired as select 'gone' as what")
    finally:
        con.close()


def _tables(db: Path) -> dict[str, list[tuple]]:
    """schema.table -> its columns, for every table of the file but the stored manifest."""
    with duckdb.connect(str(db), read_only=True) as con:
        names = con.execute("select table_schema, table_name from information_schema.tables"
                            " where table_name <> 'publish_manifest'").fetchall()
        return {f"{s}.{t}": con.execute(f'describe "{s}"."{t}"').fetchall() for s, t in names}


def _assert_same_rows(left: Path, right: Path) -> None:
    """Both files hold the same tables with the same columns and the same multiset of rows."""
    assert _tables(left) == _tables(right)
    with duckdb.connect() as con:
        con.execute(f"attach '{left}' as l (read_only)")
        con.execute(f"attach '{right}' as r (read_only)")
        for key in _tables(left):
            schema, name = key.split(".")
            a, b = f'l."{schema}"."{name}"', f'r."{schema}"."{name}"'
            for x, y in ((a, b), (b, a)):
                assert con.execute(f"select count(*) from (from {x} except all from {y})").fetchone()[0] == 0, key
            assert con.execute(f"select (select count(*) from {a}) = (select count(*) from {b})").fetchone()[0], key


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _live_bytes(serving: Path) -> dict[str, str]:
    """Every byte a reader of the serving copy can see: the file, the manifest, the exports and their link."""
    exports = serving.with_name("exports")
    files = {str(p.relative_to(exports)): _sha(p) for p in sorted(exports.glob("*/data.parquet"))}
    return {"serving": _sha(serving), "manifest": _sha(manifest_path(serving)), "exports": os.readlink(exports),
            **files}


def test_a_refresh_holds_exactly_the_rows_of_a_full_publish(build_db: Path, tmp_path: Path) -> None:
    _prepare_build(build_db)
    by_delta, by_copy = tmp_path / "delta" / "serving.duckdb", tmp_path / "full" / "serving.duckdb"
    first = publish(build_db, by_delta)
    publish(build_db, by_copy, full=True)
    assert first.mode == "full"
    # measured after the tables' checkpoint, before the manifest is stored inside (one more block at most)
    assert 0 < by_delta.stat().st_size - first.full_copy_bytes <= 256 * 1024
    os.link(by_delta, tmp_path / "previous.duckdb")          # the live file's inode, after it is replaced
    previous = _sha(by_delta)

    _change_build(build_db)
    refresh = publish(build_db, by_delta)
    full = publish(build_db, by_copy, full=True)

    assert refresh.mode == "delta" and refresh.full_reason == "" and full.mode == "full"
    assert refresh.full_copy_bytes == first.full_copy_bytes                 # the size of the last full publish
    assert _sha(tmp_path / "previous.duckdb") == previous                    # the live file was never written
    _assert_same_rows(by_delta, by_copy)
    assert refresh.row_counts == full.row_counts
    updates = refresh.table_updates
    assert updates["marts.fct_event_mentions"] == {"how": "delta", "rows": 54, "deleted": 0, "inserted": 50,
                                                   "reason": ""}
    assert (updates["marts.fct_trade_flows"]["deleted"], updates["marts.fct_trade_flows"]["inserted"]) == (1, 0)
    assert (updates["marts.dim_localities"]["deleted"], updates["marts.dim_localities"]["inserted"]) == (1, 1)
    # ('a',1) x3 -> x2, ('b',2) x1 -> x3, ('c',null) x0 -> x1, ('d',4) x2 -> x0: three rows deleted, three inserted
    assert (updates["marts.rpt_tags"]["how"], updates["marts.rpt_tags"]["deleted"],
            updates["marts.rpt_tags"]["inserted"]) == ("delta", 3, 3)
    assert updates["marts.rpt_events_per_country"]["how"] == "delta"                          # a view
    assert updates["marts.rpt_events_per_country"]["inserted"] == 1
    assert (updates["ops.ingest_errors"]["how"], updates["ops.ingest_errors"]["inserted"]) == ("delta", 1)
    assert updates["marts.dim_countries"] == {"how": "copy", "rows": 4, "deleted": 4, "inserted": 4,
                                              "reason": "columns changed"}
    assert updates["marts.zz_added"]["how"] == "copy" and updates["marts.zz_added"]["reason"] == "new table"
    assert "marts.zz_retired" not in _tables(by_delta) and "marts.zz_retired" not in updates
    assert all(update["how"] == "copy" and update["reason"] == "full publish" for update in full.table_updates.values())
    with duckdb.connect(str(by_delta), read_only=True) as con:
        stored = json.loads(con.execute("select manifest from ops.publish_manifest").fetchone()[0])
        kind = con.execute("select table_type from information_schema.tables where table_name = ?",
                           ["rpt_events_per_country"])
        assert kind.fetchone()[0] == "BASE TABLE"
    assert stored == {**json.loads(refresh.to_json()), "duration_s": 0.0}


def test_a_failure_mid_delta_leaves_the_live_copy_and_exports_byte_identical(
    build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    before = _live_bytes(serving)
    _change_build_simply(build_db)
    real = publish_delta._apply_in_transaction
    done = []

    def fail_after_writing(cursor, target, source):
        update = real(cursor, target, source)     # deleted and inserted, not committed yet
        done.append(target)
        if "fct_event_mentions" in target:
            raise RuntimeError("injected failure mid-delta")
        return update

    monkeypatch.setattr(publish_delta, "_apply_in_transaction", fail_after_writing)
    with pytest.raises(RuntimeError, match="injected failure mid-delta"):
        publish(build_db, serving)
    assert any("fct_event_mentions" in target for target in done)
    assert _live_bytes(serving) == before
    assert not list(tmp_path.glob(".serving.duckdb.tmp-*"))
    monkeypatch.undo()
    assert publish(build_db, serving).row_counts["marts.fct_event_mentions"] == 4 + 30   # the next one works


def _change_build_simply(build: Path) -> None:
    con = connect(build)
    add_filler(con, 30, tag="later-")
    con.close()


def test_no_live_file_forced_or_unreadable_means_a_full_publish(
    build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving = tmp_path / "serving.duckdb"
    first = publish(build_db, serving)
    assert (first.mode, first.full_reason) == ("full", "no live serving file or manifest")
    assert publish(build_db, serving).mode == "delta"
    assert publish(build_db, serving, full=True).full_reason == "forced"
    monkeypatch.setenv("VNWH_PUBLISH_FULL", "1")
    assert publish(build_db, serving).full_reason == "forced"
    monkeypatch.setenv("VNWH_PUBLISH_FULL", "0")
    assert publish(build_db, serving).mode == "delta"

    manifest = json.loads(manifest_path(serving).read_text())
    manifest_path(serving).write_text(json.dumps({**manifest, "built_at": "2000-01-01T00:00:00+00:00"}))
    assert publish(build_db, serving).full_reason == "the live file does not hold the publish its manifest describes"

    with duckdb.connect(str(serving)) as con:
        con.execute("alter table ops.publish_manifest rename column manifest to something_else")
    assert publish(build_db, serving).full_reason == "the live file does not hold the publish its manifest describes"

    serving.write_bytes(b"not a database" * 1000)      # the manifest still describes a complete publish
    unreadable = publish(build_db, serving)
    assert unreadable.mode == "full" and unreadable.full_reason.startswith("the live serving file can't be")
    with duckdb.connect(str(serving), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 4
    assert publish(build_db, serving).mode == "delta"


def test_a_file_grown_beyond_the_limit_gets_a_full_publish(build_db: Path, tmp_path: Path) -> None:
    """The same number of rows, all replaced on each refresh: deleted rows leave free space behind, the file grows
    until the guard copies every table again (and the file shrinks back)."""
    serving = tmp_path / "serving.duckdb"
    _replace_filler(build_db, "g0-")
    manifests = [publish(build_db, serving)]
    for generation in range(1, 6):
        _replace_filler(build_db, f"g{generation}-")
        manifests.append(publish(build_db, serving))
        if manifests[-1].mode == "full":
            break
    modes = [m.mode for m in manifests]
    assert modes[0] == "full" and modes[1] == "delta" and modes[-1] == "full", modes
    assert manifests[1].table_updates["marts.fct_event_mentions"]["deleted"] == 150_000
    assert {m.row_counts["marts.fct_event_mentions"] for m in manifests} == {150_004}
    assert manifests[-1].full_reason.startswith("the serving file grew beyond 1.5x")
    assert manifests[-1].full_copy_bytes < 1.5 * manifests[0].full_copy_bytes
    assert serving.stat().st_size - manifests[-1].full_copy_bytes <= 256 * 1024


def _replace_filler(build: Path, tag: str) -> None:
    con = connect(build)
    con.execute("delete from marts.fct_event_mentions where event_mention_id like 'g%'")
    add_filler(con, 150_000, tag=tag)
    con.close()


def test_what_a_read_write_holder_wrote_into_the_serving_file_does_not_survive_a_delta(build_db, tmp_path) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    with duckdb.connect(str(serving)) as con:       # what docs/BI.md says not to do
        con.execute("create schema scratch; create table scratch.notes as select 1 as n")
        con.execute("create table main.mine as select 1 as n")
        con.execute("create view marts.my_view as select * from marts.dim_countries")
        con.execute("update marts.dim_countries set name_en = 'changed by hand' where country_code = 'VN'")
        con.execute("delete from marts.fct_trade_flows")
    manifest = publish(build_db, serving)
    assert manifest.mode == "delta"
    assert manifest.table_updates["marts.dim_countries"]["how"] == "delta"
    assert manifest.table_updates["marts.fct_trade_flows"]["inserted"] == 2
    reference = tmp_path / "full" / "serving.duckdb"
    publish(build_db, reference, full=True)
    _assert_same_rows(serving, reference)
    with duckdb.connect(str(serving), read_only=True) as con:
        schemas = con.execute("select schema_name from duckdb_schemas() where not internal").fetchall()
    assert ("scratch",) not in schemas


def test_a_manifest_of_an_older_publish_or_another_file_means_a_full_publish(build_db: Path, tmp_path: Path) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    manifest = json.loads(manifest_path(serving).read_text())
    older = {key: value for key, value in manifest.items() if key != "full_copy_bytes"}
    manifest_path(serving).write_text(json.dumps(older))
    assert publish(build_db, serving).full_reason == "the manifest has no full_copy_bytes (an older publish)"
    manifest = json.loads(manifest_path(serving).read_text())
    manifest_path(serving).write_text(json.dumps({**manifest, "serving_file": str(tmp_path / "other.duckdb")}))
    assert publish(build_db, serving).full_reason == "the manifest describes another serving file"
    assert publish(build_db, serving).mode == "delta"



def _skip_counting(real):
    # A wrong delta: rows chosen by anti joins although ('a', 1) and ('b', 2) occur on both sides a different number
    # of times, so they would keep their old counts.
    return "_plan_by_counts", lambda cursor: None


def _plan_a_row_that_is_not_there(real):
    # one planned deletion and one planned insertion of a rowid neither table has: the predicted row count and hash
    # sum still equal the build's, so only the counts of rows the delete and insert touched can tell
    def plan(cursor) -> None:
        real(cursor)
        cursor.execute("insert into vnwh_surplus values (0, -1); insert into vnwh_missing values (0, -1)")
    return "_plan_by_anti_join", plan


@pytest.mark.parametrize(("sabotage", "planned_by", "table"), [
    (_skip_counting, "_plan_by_counts", "marts.rpt_tags"),
    (_plan_a_row_that_is_not_there, "_plan_by_anti_join", "marts.fct_trade_flows"),
])
def test_a_delta_that_does_not_reach_the_builds_rows_is_replaced_by_a_copy(
    build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sabotage, planned_by: str, table: str
) -> None:
    _prepare_build(build_db)
    serving, reference = tmp_path / "serving.duckdb", tmp_path / "full" / "serving.duckdb"
    publish(build_db, serving)
    _change_build(build_db)
    monkeypatch.setattr(publish_delta, *sabotage(getattr(publish_delta, planned_by)))
    manifest = publish(build_db, serving)
    assert manifest.mode == "delta"
    update = manifest.table_updates[table]
    assert (update["how"], update["reason"]) == ("copy", "row count or fingerprint differs after the delta")
    if table == "marts.rpt_tags":
        assert update["rows"] == update["deleted"] == update["inserted"] == 6
        assert manifest.table_updates["marts.fct_trade_flows"]["how"] == "delta"
    publish(build_db, reference, full=True)
    _assert_same_rows(serving, reference)
