"""Crash safety: kill -9 in the middle of landing and in the middle of `vnwh build` (dbt running).

After the kill the warehouse opens, nothing half-written is visible (landing batches and extraction batches are all
or nothing), and a rerun completes with no duplicates and no lost articles.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import figures
import pytest
from corpus import articles
from typer.testing import CliRunner

from orchestration.cli import app
from warehouse.db import connect
from warehouse.importer import BATCH_SIZE, import_files

pytestmark = pytest.mark.faults
HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SAMPLE = REPO / "samples" / "articles.jsonl"


def write_jsonl(path: Path, items: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return path


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the process group this test started (the CLI and the dbt it spawned), like a power cut."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def wait_for_line(process: subprocess.Popen, pattern: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if re.search(pattern, line or ""):
            return line
        assert line or process.poll() is None, f"the process ended before printing {pattern!r}"
    raise AssertionError(f"no {pattern!r} within {timeout}s")


def kill_driver_on(args: list[str], kill_on: str, timeout: float = 60) -> None:
    """Run a driver script in its own process group and SIGKILL it as soon as it prints a line matching kill_on."""
    driver = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        wait_for_line(driver, kill_on, timeout=timeout)
    finally:
        kill_group(driver)
    assert driver.returncode == -signal.SIGKILL


def count(con, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def assert_each_article_once(con, total: int) -> None:
    """After a crash and a rerun: every article landed, none twice."""
    assert count(con, "select count(*) from raw.articles") == total
    assert count(con, "select count(distinct url) from raw.articles") == total


# ------------------------------------------------------------------------------------------------ landing
@pytest.mark.parametrize("kill_on", [r"^landing 2$", r"^committed 2 "])
def test_kill_9_while_landing_leaves_whole_batches_and_a_rerun_lands_the_rest(tmp_path, kill_on):
    total = 3 * BATCH_SIZE
    source = write_jsonl(tmp_path / "big.jsonl", articles(total, seed=11))
    db = tmp_path / "vnwh.duckdb"
    kill_driver_on([str(HERE / "land_driver.py"), str(db), str(source)], kill_on)
    con = connect(db)                                              # opens (WAL replayed), migrations fine
    try:
        landed = count(con, "select count(*) from raw.articles")
        assert 0 < landed < total and landed % BATCH_SIZE == 0      # whole batches only
        assert count(con, "select count(*) from raw.articles where title is null or body_text is null") == 0
        stats = import_files(con, [source])                          # the rerun
        assert stats.landing.new == total - landed and stats.landing.unchanged == landed
        assert_each_article_once(con, total)
        assert count(con, "select max(revision) from raw.articles") == 1
    finally:
        con.close()
    figures.count("kills_during_landing")
    figures.count("articles_lost", 0)


# ------------------------------------------------------------------------------------------------ build
def cli_env(db: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DAGSTER_HOME", "VNWH_SERVING_DB", "VNWH_VERBOSE")}
    return {**env, "VNWH_DB": str(db), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}


def vnwh(db: Path, *args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "orchestration.cli", *args], cwd=REPO, env=cli_env(db),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            **options)


def wait_for_dbt_model(log: Path, process: subprocess.Popen, timeout: float = 120) -> str:
    """Poll the run log beside the build file until dbt is building models (not just seeds or source tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = re.findall(r"START (?:seed file|sql \w+ model) [\w.]+", text)
        if found:
            return found[-1]
        assert process.poll() is None, f"the build ended before dbt built models:\n{process.stdout.read()}"
        time.sleep(0.05)
    raise AssertionError("dbt never started building models")


def extraction_consistent(con) -> None:
    """Every extraction row has exactly its mentions; no mention without its extraction row."""
    for table, column in (("trade_mentions", "n_trade"), ("investment_mentions", "n_investment"),
                          ("event_mentions", "n_events")):
        mismatched = count(con, f"""
            select count(*) from raw.extractions e
            left join (select article_id, count(*) n from raw.{table} group by 1) m using (article_id)
            where coalesce(m.n, 0) <> e.{column}""")
        orphans = count(con, f"select count(*) from raw.{table} where article_id not in "
                             "(select article_id from raw.extractions)")
        assert (mismatched, orphans) == (0, 0), table


@pytest.fixture(scope="module")
def warehouse_with_articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crashbuild")
    db = folder / "vnwh.duckdb"
    generated = write_jsonl(folder / "generated.jsonl", articles(40, seed=23))
    con = connect(db)
    try:
        stats = import_files(con, [SAMPLE, generated])
    finally:
        con.close()
    return db, stats.landing.new


@pytest.fixture(scope="module")
def killed_build(warehouse_with_articles):
    db, expected = warehouse_with_articles
    build = vnwh(db, "build")
    try:
        model = wait_for_dbt_model(db.parent / "logs" / "last_run.log", build)
    finally:
        kill_group(build)
    figures.count("kills_during_dbt_build")
    return db, expected, model


@pytest.mark.slow
def test_after_kill_9_during_dbt_the_warehouse_opens_and_is_consistent(killed_build):
    db, expected, model = killed_build
    assert model                                                   # dbt was building models when it died
    con = connect(db)
    try:
        assert count(con, "select count(*) from raw.articles") == expected
        assert count(con, "select count(*) from raw.extractions") == expected      # extraction had committed
        extraction_consistent(con)
    finally:
        con.close()
    assert not (db.parent / "serving.duckdb").exists()                 # never published a half-built state
    assert not list(db.parent.glob(".serving.duckdb.tmp-*"))


@pytest.fixture(scope="module")
def cli_in_process(killed_build):
    """`vnwh` in this process (Dagster's definitions load once per session), on the crashed warehouse."""
    db = killed_build[0]
    with pytest.MonkeyPatch.context() as patch:
        for name, value in cli_env(db).items():
            if os.environ.get(name) != value:
                patch.setenv(name, value)
        for name in ("DAGSTER_HOME", "VNWH_SERVING_DB", "VNWH_VERBOSE"):
            patch.delenv(name, raising=False)
        yield lambda *args: CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def rebuilt(killed_build, cli_in_process):
    db, expected, _ = killed_build
    folder = db.parent
    stop, out = folder / "stop-readers", folder / "readers.json"
    reader = subprocess.Popen([sys.executable, str(HERE / "serving_reader.py"), str(folder / "serving.duckdb"),
                               str(stop), str(out)])
    try:
        result = cli_in_process("build")
    finally:
        stop.touch()
        reader.wait(timeout=30)
    figures.count("build_runs_completed", result.exit_code == 0)
    return db, expected, result.exit_code, result.output, json.loads(out.read_text())


@pytest.mark.slow
def test_rerun_after_the_crash_completes_without_duplicates_or_losses(rebuilt):
    db, expected, code, output, _ = rebuilt
    assert code == 0, output
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert count(con, "select count(*) from marts.dim_articles") == expected
        assert count(con, "select count(distinct article_id) from marts.dim_articles") == expected
        assert count(con, "select count(*) from raw.articles") == expected
        extraction_consistent(con)
    finally:
        con.close()
    serving = duckdb.connect(str(db.parent / "serving.duckdb"), read_only=True)
    try:
        assert count(serving, "select count(*) from marts.dim_articles") == expected
    finally:
        serving.close()
    figures.count("articles_lost", 0)


@pytest.mark.slow
def test_readers_opening_and_closing_during_the_rebuild_never_fail(rebuilt):
    _, expected, code, _, seen = rebuilt
    assert code == 0
    assert seen["errors"] == []
    assert seen["absent"] > 0 and len(seen["counts"]) > 0         # saw the build before and after publishing
    assert set(seen["counts"]) == {expected}                        # only ever the complete copy
    figures.count("reader_opens_during_build", len(seen["counts"]))


@pytest.mark.slow
def test_a_reader_holding_the_build_file_makes_build_fail_clearly_and_serving_untouched(rebuilt, cli_in_process):
    db, expected, *_ = rebuilt
    folder = db.parent
    manifest = (folder / "serving.manifest.json").read_text()
    ready, stop = folder / "holder-ready", folder / "holder-stop"
    holder = subprocess.Popen([sys.executable, str(HERE / "holder.py"), str(db), str(ready), str(stop)])
    try:
        deadline = time.monotonic() + 30
        while not ready.exists():
            assert time.monotonic() < deadline and holder.poll() is None
            time.sleep(0.02)
        build = cli_in_process("build")
        query = cli_in_process("query", "select count(*) as n from dim_articles", "--format", "json")
    finally:
        stop.touch()
        holder.wait(timeout=30)
    assert build.exit_code == 1, build.output
    assert "lock" in build.output.lower() and str(db) in build.output and f"PID {holder.pid}" in build.output
    assert (folder / "serving.manifest.json").read_text() == manifest      # the serving copy was not touched
    assert query.exit_code == 0 and json.loads(query.output) == {"n": expected}   # readers keep working
    figures.count("builds_refused_by_a_reader_on_the_build_file")
