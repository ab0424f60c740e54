"""The Dagster code location: jobs, the one-writer pool, schedule, inbox sensor, partitioned backfill."""
from __future__ import annotations

import json

import dagster as dg
import duckdb
import pytest

from orchestration.defs.automation import daily_refresh, inbox_sensor
from orchestration.defs.backfill import crawl_by_publication_day
from orchestration.resources import WRITER_POOL, WarehouseResource
from orchestration.runner import definitions
from warehouse.inbox import settle, waiting_files


@pytest.fixture(scope="module")
def defs():
    return definitions()


def test_jobs_schedule_and_sensor_are_defined(defs):
    for name in ("ingest_job", "build_job", "refresh_job"):
        assert defs.resolve_job_def(name) is not None
    assert defs.resolve_schedule_def("daily_refresh").execution_timezone == "Asia/Ho_Chi_Minh"
    assert defs.resolve_sensor_def("inbox_sensor") is not None


def test_every_asset_that_writes_the_warehouse_is_in_the_one_writer_pool(defs):
    pools = {key.to_user_string(): assets.op.pool for assets in defs.assets for key in assets.keys}
    readers_only = {"serve/report"}   # renders from the serving copy, never opens the build file
    writers = {key: pool for key, pool in pools.items() if key not in readers_only}
    assert len(writers) > 30
    assert set(writers.values()) == {WRITER_POOL}
    assert pools["serve/report"] is None


def test_asset_groups_read_like_the_data_flow(defs):
    graph = defs.resolve_asset_graph()
    groups = {graph.get(k).group_name for k in graph.get_all_asset_keys() if graph.get(k).is_materializable}
    assert {"ingest", "reference", "extract", "dbt_staging", "dbt_intermediate", "dbt_marts", "serve",
            "report"} <= groups


def test_daily_schedule_crawls_with_a_lookback(monkeypatch):
    context = dg.build_schedule_context()
    request = daily_refresh.evaluate_tick(context).run_requests[0]
    config = request.run_config["ops"]["ingest_articles"]["config"]
    assert config["crawl"] is True and config["lookback_days"] >= 1
    assert daily_refresh.cron_schedule == "0 6 * * *"


def test_inbox_sensor_requests_one_run_per_file_and_skips_when_empty(tmp_path, monkeypatch):
    monkeypatch.setenv("VNWH_INBOX", str(tmp_path))
    empty = inbox_sensor(dg.build_sensor_context())
    assert isinstance(empty, dg.SkipReason)

    (tmp_path / "a.jsonl").write_text('{"url": "https://example.vn/a", "text": "x"}\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not importable", encoding="utf-8")
    (tmp_path / ".partial.jsonl").write_text("", encoding="utf-8")
    requests = inbox_sensor(dg.build_sensor_context())
    assert [r.tags["vnwh/inbox_file"] for r in requests] == ["a.jsonl"]
    config = requests[0].run_config["ops"]["ingest_articles"]["config"]
    assert config == {"import_paths": [str(tmp_path / "a.jsonl")], "settle_inbox": True}
    assert requests[0].run_key.startswith("a.jsonl:")


def test_settled_files_leave_the_inbox(tmp_path):
    first = tmp_path / "x.jsonl"
    first.write_text("{}", encoding="utf-8")
    assert settle(first, succeeded=True) == tmp_path / "done" / "x.jsonl"
    second = tmp_path / "x.jsonl"
    second.write_text("{}", encoding="utf-8")
    assert settle(second, succeeded=True) == tmp_path / "done" / "x.1.jsonl"
    third = tmp_path / "y.jsonl"
    third.write_text("", encoding="utf-8")
    assert settle(third, succeeded=False) == tmp_path / "failed" / "y.jsonl"
    assert waiting_files(tmp_path) == []


def test_backfill_is_daily_in_vietnamese_time_and_one_run_per_range():
    partitions = crawl_by_publication_day.partitions_def
    assert partitions.timezone == "Asia/Ho_Chi_Minh"
    assert partitions.get_first_partition_key() == "2015-01-01"
    assert crawl_by_publication_day.backfill_policy == dg.BackfillPolicy.single_run()


def test_backfill_range_crawls_only_that_window_in_one_run(tmp_path):
    from scrapers.demo_site import serve_sample

    db_file = tmp_path / "b.duckdb"
    with serve_sample() as overrides:
        result = dg.materialize(
            [crawl_by_publication_day],
            resources={"warehouse": WarehouseResource(path=str(db_file))},
            run_config={"ops": {"ingest__crawl_by_publication_day": {"config": {"site_overrides": overrides}}}},
            tags={"dagster/asset_partition_range_start": "2019-04-22",
                  "dagster/asset_partition_range_end": "2019-04-24"},
        )
    assert result.success
    materialized = result.get_asset_materialization_events()
    assert {e.partition for e in materialized} == {"2019-04-22", "2019-04-23", "2019-04-24"}
    metadata = materialized[0].materialization.metadata
    assert (metadata["since"].value, metadata["until"].value) == ("2019-04-22", "2019-04-24")
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        landed = con.execute("select url from raw.articles order by url").fetchall()
    finally:
        con.close()
    assert [u for (u,) in landed] == [
        "https://nld.com.vn/thoi-su/binh-thuan-va-kaluga-ban-chuyen-ket-nghia-20190423093000123.htm",
        "https://vneconomy.vn/binh-thuan-mong-mo-loi-vao-thi-truong-kaluga.htm",
    ], json.dumps(landed)


def test_step_seconds_reads_each_step_wall_time_from_the_run_events():
    import time

    from orchestration.runner import step_seconds

    @dg.op
    def slow():
        time.sleep(0.2)
        return 1

    @dg.op
    def fast(value):
        return value

    @dg.job
    def two_steps():
        fast(slow())

    instance = dg.DagsterInstance.ephemeral()
    result = two_steps.execute_in_process(instance=instance)
    spent = step_seconds(instance, result.run_id)
    assert set(spent) == {"slow", "fast"}
    assert spent["slow"] >= 0.2 > spent["fast"]


def test_only_the_newest_dbt_run_folders_are_kept(tmp_path):
    import os

    from orchestration.defs.transform import prune_run_targets

    runs = []
    for age in range(6):                                   # vnwh_dbt_models-0 is the newest
        run = tmp_path / f"vnwh_dbt_models-{age}"
        (run / "compiled").mkdir(parents=True)
        os.utime(run, (1_000_000 - age, 1_000_000 - age))
        runs.append(run)
    (tmp_path / "manifest.json").write_text("{}")
    current = runs[5]                                       # oldest by mtime, but the build that just ran
    removed = prune_run_targets(tmp_path, keep=2, current=current)
    assert sorted(p.name for p in removed) == [f"vnwh_dbt_models-{i}" for i in (2, 3, 4)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "vnwh_dbt_models-0",
                                                          "vnwh_dbt_models-1", "vnwh_dbt_models-5"]


def test_dbt_resource_runs_dbt_without_a_version_probe_or_an_adapter_handle(monkeypatch, tmp_path):
    import inspect
    from importlib.metadata import version as installed_version

    import dagster_dbt.core.resource as dagster_dbt_resource
    from packaging import version

    from orchestration.dbt_project import dbt_resource

    spawned = []
    monkeypatch.setattr(dagster_dbt_resource, "check_output", lambda *args, **kwargs: spawned.append(args))
    monkeypatch.setenv("VNWH_DB", str(tmp_path / "unused.duckdb"))
    resource = dbt_resource()
    invocation = resource.cli(["ls", "--resource-type", "seed", "--output", "name"], target_path=tmp_path / "t")
    invocation.wait()

    assert invocation.is_successful()
    assert spawned == []                        # no `dbt --version` process
    assert invocation.adapter is None           # no in-process adapter handle
    assert resource._cli_version == version.parse(installed_version("dbt-core"))
    # the two dagster-dbt members overridden are still the ones its cli() consults
    source = inspect.getsource(dagster_dbt_resource.DbtCliResource.cli)
    assert "self._cli_version" in source and "self._initialize_dbt_core_adapter(" in source
