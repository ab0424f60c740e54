"""Build the dbt project against a temporary DuckDB filled with crafted raw rows."""
from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from tests.dbt.scenario import load_scenario
from warehouse.db import connect

PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
DBT = Path(sys.executable).parent / "dbt"


def run_dbt(db_path: Path, *args: str) -> subprocess.CompletedProcess:
    """Run dbt on the project with VNWH_DB pointing at db_path; fail the test with dbt's output on error."""
    env = {**os.environ, "VNWH_DB": str(db_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(DBT), *args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR)],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}\n{result.stderr[-2000:]}")
    return result


def fresh_raw_db(path: Path, fill: Callable[[duckdb.DuckDBPyConnection], None]) -> Path:
    con = connect(path)
    try:
        fill(con)
    finally:
        con.close()
    return path


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="package")
def built_db(tmp_path_factory) -> Path:
    """The crafted scenario, built once with `dbt build` (models, seeds, unit and data tests)."""
    path = fresh_raw_db(tmp_path_factory.mktemp("dbt") / "t.duckdb", load_scenario)
    run_dbt(path, "build")
    return path
