"""Run the dbt project in-process against a temporary DuckDB and read the result."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from warehouse.db import connect

PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"
DB_FILE_NAME = "t.duckdb"  # every test database has this name, so one parsed manifest fits all of them
# the tests write dbt's artifacts and logs here, never into dbt_project/target (Dagster reads that manifest)
TARGET_DIR = Path(tempfile.mkdtemp(prefix="vnwh_dbt_target_"))
atexit.register(shutil.rmtree, TARGET_DIR, True)
_manifest_cache: dict[str, object] = {}


def _invoke(args: list[str], manifest=None):
    from dbt.cli.main import dbtRunner

    return dbtRunner(manifest=manifest).invoke(
        [*args, "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), "--quiet",
         "--target-path", str(TARGET_DIR), "--log-path", str(TARGET_DIR / "logs")]
    )


def _failures(result) -> str:
    if result.exception is not None:
        return repr(result.exception)
    lines = []
    for node_result in getattr(result.result, "results", None) or []:
        if str(node_result.status) not in ("success", "pass", "skipped"):
            lines.append(f"{node_result.node.unique_id}: {node_result.status} {node_result.message}")
    return "\n".join(lines) or "dbt reported failure"


def run_dbt(db_path: Path, *args: str):
    """Run dbt in-process on the project with VNWH_DB = db_path; the manifest is parsed once per session."""
    assert db_path.name == DB_FILE_NAME, "test databases must be named t.duckdb (see DB_FILE_NAME)"
    previous = os.environ.get("VNWH_DB")
    os.environ["VNWH_DB"] = str(db_path)
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    try:
        if "manifest" not in _manifest_cache:
            parsed = _invoke(["parse"])
            if not parsed.success:
                pytest.fail(f"dbt parse failed: {_failures(parsed)}")
            _manifest_cache["manifest"] = parsed.result
        result = _invoke(list(args), manifest=_manifest_cache["manifest"])
    finally:
        if previous is None:
            os.environ.pop("VNWH_DB", None)
        else:
            os.environ["VNWH_DB"] = previous
    if not result.success:
        pytest.fail(f"dbt {' '.join(args)} failed:\n{_failures(result)}")
    return result


def fresh_raw_db(path: Path, fill: Callable[[duckdb.DuckDBPyConnection], None]) -> Path:
    con = connect(path)
    try:
        fill(con)
    finally:
        con.close()
    return path


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db_path))  # dbt ran in this process: same configuration as its connection
    try:
        con.execute("SET TimeZone = 'Asia/Ho_Chi_Minh'")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
