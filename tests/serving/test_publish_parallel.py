"""The publish copies and exports on two threads: the copy and the Parquet hold exactly the build's rows, and a
failing copy or export in a worker fails the publish and leaves the live copy and exports untouched."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import pytest
from serving_factory import add_filler

from warehouse import exports
from warehouse.db import connect
from warehouse.parallel import run_on_cursors
from warehouse.publish import manifest_path, publish


def _live_state(serving: Path) -> dict:
    exports_dir = serving.with_name("exports")
    with duckdb.connect(str(serving), read_only=True) as con:
        rows = con.execute("select count(*) from marts.fct_event_mentions").fetchone()[0]
    return {
        "inode": serving.stat().st_ino, "rows": rows, "manifest": manifest_path(serving).read_text(),
        "exports": os.readlink(exports_dir),
        "files": sorted(str(p.relative_to(exports_dir)) for p in exports_dir.glob("*/data.parquet")),
        "generations": sorted(p.name for p in serving.parent.glob(".exports.gen-*")),
    }


def _assert_untouched(serving: Path, before: dict) -> None:
    assert _live_state(serving) == before
    assert not list(serving.parent.glob(f".{serving.name}.tmp-*"))      # neither the copy nor its WAL


def _grow_build(build_db: Path) -> None:
    con = connect(build_db)
    add_filler(con, 300_000)        # more than two DuckDB row groups, so the copy is written as it goes
    con.close()


def test_copy_and_parquet_hold_exactly_the_builds_rows(build_db: Path, tmp_path: Path) -> None:
    _grow_build(build_db)
    serving = tmp_path / "serving.duckdb"
    manifest = publish(build_db, serving)
    con = duckdb.connect()
    con.execute(f"attach '{build_db}' as build (read_only)")
    con.execute(f"attach '{serving}' as copy (read_only)")
    names = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_catalog = 'build' and table_schema = 'marts'"
    ).fetchall()]
    assert {f"marts.{n}" for n in names} == {k for k in manifest.row_counts if k.startswith("marts.")}
    assert manifest.row_counts["marts.fct_event_mentions"] > 300_000
    for name in names:
        parquet = serving.with_name("exports") / name / "data.parquet"
        for other in (f'copy.marts."{name}"', f"read_parquet('{parquet}')"):
            for left, right in ((f'build.marts."{name}"', other), (other, f'build.marts."{name}"')):
                extra = con.execute(f"select count(*) from (from {left} except all from {right})").fetchone()[0]
                assert extra == 0, (name, left, right)
        assert con.execute(f'select count(*) from copy.marts."{name}"').fetchone()[0] \
            == manifest.row_counts[f"marts.{name}"]
    copied_ops = con.execute("select count(*) from copy.ops.articles").fetchone()[0]
    assert copied_ops == con.execute("select count(*) from build.raw.articles").fetchone()[0]


def test_a_failing_copy_fails_the_publish_and_leaves_the_live_copy_and_exports(build_db, tmp_path) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    before = _live_state(serving)
    _grow_build(build_db)
    con = connect(build_db)
    con.execute("create view marts.zz_broken as select error('injected copy failure') as x from marts.dim_articles")
    con.close()
    with pytest.raises(duckdb.Error, match="injected copy failure"):
        publish(build_db, serving)
    _assert_untouched(serving, before)


def test_a_failing_export_fails_the_publish_and_leaves_the_live_copy_and_exports(
    build_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serving = tmp_path / "serving.duckdb"
    publish(build_db, serving)
    before = _live_state(serving)
    _grow_build(build_db)
    real_export = exports.export_table

    def failing_export(con, name, *args, **kwargs):
        if name == "fct_trade_flows":
            raise OSError("injected export failure")
        return real_export(con, name, *args, **kwargs)

    monkeypatch.setattr(exports, "export_table", failing_export)
    with pytest.raises(OSError, match="injected export failure"):
        publish(build_db, serving)
    _assert_untouched(serving, before)
    monkeypatch.undo()
    assert publish(build_db, serving).row_counts["marts.fct_event_mentions"] > 300_000   # the next one works


def test_tasks_run_on_two_cursors_at_once_and_results_keep_task_order() -> None:
    con = duckdb.connect()
    both_running = threading.Barrier(2, timeout=10)

    def task(n: int):
        def run(cursor: duckdb.DuckDBPyConnection) -> tuple[int, str]:
            if n < 2:
                both_running.wait()      # only passes when the first two tasks run at the same time
            return n, cursor.execute("select current_setting('TimeZone')").fetchone()[0]
        return run

    results = run_on_cursors(con, [task(n) for n in range(6)], workers=2,
                             setup=lambda cursor: cursor.execute("set TimeZone = 'Asia/Tokyo'"))
    assert results == [(n, "Asia/Tokyo") for n in range(6)]


def test_a_failing_task_stops_the_workers_and_is_raised() -> None:
    started = []

    def task(n: int):
        def run(cursor: duckdb.DuckDBPyConnection) -> int:
            started.append(n)
            if n == 1:
                cursor.execute("select error('task 1 failed')")
            time.sleep(0.02)
            return n
        return run

    with pytest.raises(duckdb.Error, match="task 1 failed"):
        run_on_cursors(duckdb.connect(), [task(n) for n in range(50)], workers=2)
    assert 1 in started and len(started) < 50


def test_a_shared_build_connection_gets_its_thread_setting_back(build_db: Path, tmp_path: Path) -> None:
    writer = connect(build_db)      # publish shares this process's instance: its settings are the writer's
    try:
        writer.execute("set threads = 3")
        publish(build_db, tmp_path / "serving.duckdb")
        assert writer.execute("select current_setting('threads')").fetchone()[0] == 3
    finally:
        writer.close()
