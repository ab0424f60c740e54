"""The warm dbt process (orchestration.dbt_warm): the client dagster-dbt runs as "dbt", the server it hands off to,
and the resource that starts one per run."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration import dbt_warm
from orchestration.dbt_project import PROJECT_DIR, VnwhDbtCliResource, WarmDbt, dbt_resource, vnwh_dbt_project
from warehouse.db import connect

CLIENT = str(Path(sys.executable).with_name("vnwh-dbt"))


def _warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "build.duckdb"
    connect(path).close()                       # the raw schema, as landing creates it
    return path


def _dbt_env(db: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in (dbt_warm.SOCKET_ENV, dbt_warm.SERVER_PID_ENV)}
    return {**env, "VNWH_DB": str(db), "DBT_PROJECT_DIR": str(PROJECT_DIR), "DBT_PROFILES_DIR": str(PROJECT_DIR),
            **extra}


def _started_server(monkeypatch, db: Path) -> WarmDbt:
    monkeypatch.setenv("VNWH_DB", str(db))
    server = WarmDbt.start(PROJECT_DIR, PROJECT_DIR)
    deadline = time.monotonic() + 120
    while "project parsed" not in server.log_text():
        assert server.process.poll() is None, server.log_text()
        assert time.monotonic() < deadline, server.log_text()
        time.sleep(0.2)
    return server


def _client(args: list[str], env: dict[str, str], server: WarmDbt | None) -> subprocess.CompletedProcess:
    if server is not None:
        env = {**env, dbt_warm.SOCKET_ENV: str(server.socket_path), dbt_warm.SERVER_PID_ENV: str(server.process.pid)}
    return subprocess.run([CLIENT, *args], env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=300)


def test_the_client_is_plain_dbt_when_no_server_listens(tmp_path):
    env = _dbt_env(tmp_path / "unused.duckdb")
    for socket_env in ({}, {dbt_warm.SOCKET_ENV: str(tmp_path / "nobody.sock")}):
        result = subprocess.run([CLIENT, "--version"], env={**env, **socket_env}, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        assert "installed" in result.stdout.lower() and "duckdb" in result.stdout.lower()


def test_the_server_runs_the_command_with_its_parsed_manifest_and_releases_the_warehouse(monkeypatch, tmp_path):
    db = _warehouse(tmp_path)
    server = _started_server(monkeypatch, db)
    try:
        with duckdb.connect(str(db)) as con:     # waiting, the server holds no lock on the warehouse
            con.execute("select 1")
        result = _client(["run", "--select", "stg_raw__articles"], _dbt_env(db), server)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "1 of 1 OK created sql view model staging.stg_raw__articles" in result.stdout
        # the client returns once the server has exited, so the warehouse can be opened for writing at once; the
        # server closed it before leaving (it skips the interpreter's teardown): checkpointed, no WAL left behind
        assert server.process.poll() == 0
        assert not db.with_name(db.name + ".wal").exists()
        assert "warehouse released" in server.log_text()
        with duckdb.connect(str(db)) as con:
            assert con.execute("select count(*) from staging.stg_raw__articles").fetchone() == (0,)
        assert "reusing the parsed manifest: True" in server.log_text()
        # what import and parse left is out of the collector's reach before the command runs
        frozen = re.search(r"heap frozen: (\d+) objects", server.log_text())
        assert frozen and int(frozen.group(1)) > 10_000, server.log_text()
    finally:
        server.stop()
    assert not server.folder.exists()


def test_the_server_parses_again_for_another_warehouse_and_reports_failures(monkeypatch, tmp_path):
    db = _warehouse(tmp_path)
    server = _started_server(monkeypatch, db)
    try:
        other = tmp_path / "other" / "build.duckdb"
        other.parent.mkdir()
        result = _client(["run", "--select", "no_such_model_anywhere", "--no-such-flag"], _dbt_env(other), server)
        assert result.returncode == 2
        assert "no-such-flag" in result.stdout + result.stderr
        assert "reusing the parsed manifest: False" in server.log_text()
    finally:
        server.stop()


def test_the_manifest_is_reused_only_when_nothing_it_was_parsed_from_changed(tmp_path):
    project = tmp_path / "project"
    (project / "models").mkdir(parents=True)
    for name in ("dbt_project.yml", "profiles.yml", "models/a.sql"):
        (project / name).write_text("x")
    env = {"VNWH_DB": "a.duckdb", "DBT_PROFILES_DIR": str(project)}
    prepared = {"manifest": object(), "env": env, "started": time.time() + 1, "project": project}
    build_env = {**env, "DBT_TARGET_PATH": "t/run-1", "DBT_LOG_FORMAT": "json", "DAGSTER_DBT_CLI": "true"}

    assert dbt_warm._still_valid(prepared, build_env, ["build"])
    assert not dbt_warm._still_valid(prepared, {**build_env, "VNWH_DB": "b.duckdb"}, ["build"])
    assert not dbt_warm._still_valid(prepared, build_env, ["build", "--vars", "{a: 1}"])
    assert not dbt_warm._still_valid(None, build_env, ["build"])
    os.utime(project / "models" / "a.sql", (time.time() + 5, time.time() + 5))     # edited after the parse
    assert not dbt_warm._still_valid(prepared, build_env, ["build"])


def test_an_unclaimed_server_stops_waiting(monkeypatch, tmp_path):
    monkeypatch.setattr(dbt_warm, "WAIT_FOR_COMMAND_S", 0.3)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(tmp_path / "s.sock"))
        listener.listen(1)
        started = time.monotonic()
        assert dbt_warm._accept(listener, os.getppid()) is None
        assert time.monotonic() - started < 3
        assert dbt_warm._accept(listener, parent=-1) is None                # the parent is gone: no wait at all


def test_the_client_forwards_interrupts_to_the_server(monkeypatch):
    killed = []
    monkeypatch.setattr(dbt_warm.os, "kill", lambda pid, signum: killed.append((pid, signum)))
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        dbt_warm._forward_signals(4321)
        signal.getsignal(signal.SIGINT)(signal.SIGINT, None)
        signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
    assert killed == [(4321, signal.SIGINT), (4321, signal.SIGTERM)]


def test_the_resource_starts_one_server_per_run_and_removes_it(monkeypatch, tmp_path):
    monkeypatch.setenv("VNWH_DB", str(tmp_path / "unused.duckdb"))
    resource = dbt_resource()
    assert Path(resource.dbt_executable).name == "vnwh-dbt"
    context = dg.build_init_resource_context()
    resource.setup_for_execution(context)
    warm = resource._warm
    try:
        assert warm is not None and warm.process.poll() is None
        with warm.claimed():
            assert os.environ[dbt_warm.SOCKET_ENV] == str(warm.socket_path)
            assert os.environ[dbt_warm.SERVER_PID_ENV] == str(warm.process.pid)
        assert dbt_warm.SOCKET_ENV not in os.environ
    finally:
        resource.teardown_after_execution(context)
    assert warm.process.poll() is not None
    assert not warm.folder.exists()
    assert resource._warm is None


@pytest.mark.parametrize("disabled", ["env", "executable"])
def test_no_server_when_disabled_or_dbt_is_plain(monkeypatch, tmp_path, disabled):
    if disabled == "env":
        monkeypatch.setenv("VNWH_DBT_WARM", "0")
        resource = dbt_resource()
    else:
        resource = VnwhDbtCliResource(project_dir=vnwh_dbt_project, dbt_executable=dbt_warm.real_dbt())
    resource.setup_for_execution(dg.build_init_resource_context())
    assert resource._warm is None
