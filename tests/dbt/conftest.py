"""Build the dbt project once against a temporary DuckDB filled with crafted raw rows."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # importlib mode: make the dbt_* helpers importable
from dbt_harness import DB_FILE_NAME, fresh_raw_db, run_dbt  # noqa: E402
from dbt_scenario import load_scenario  # noqa: E402


@pytest.fixture(scope="package")
def built_db(tmp_path_factory) -> Path:
    """The crafted scenario, built once with `dbt build` (models, seeds, unit and data tests)."""
    path = fresh_raw_db(tmp_path_factory.mktemp("dbt") / DB_FILE_NAME, load_scenario)
    run_dbt(path, "build")
    return path
