"""The view materialization (macros/view_materialization.sql) leaves a view alone only when a rebuild would give
the same view: same compiled SQL (its md5 in the view's comment) and the same columns."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbt_harness import DB_FILE_NAME, fresh_raw_db, query, run_dbt  # noqa: E402
from dbt_scenario import load_scenario  # noqa: E402

VIEWS = ("run", "--select", "config.materialized:view")
FEED_STATE = "staging.stg_raw__feed_state"


@pytest.fixture()
def db(tmp_path) -> Path:
    path = fresh_raw_db(tmp_path / DB_FILE_NAME, load_scenario)
    run_dbt(path, "build", "--exclude", "resource_type:unit_test")
    return path


def _views(db: Path) -> dict[str, tuple[int, str | None]]:
    rows = query(db, "select schema_name || '.' || view_name, view_oid, comment from duckdb_views() where not internal")
    return {name: (oid, comment) for name, oid, comment in rows}


def _columns(db: Path, relation: str) -> list[str]:
    return [row[0] for row in query(db, f"select column_name from (describe {relation})")]


def test_an_unchanged_view_is_not_recreated(db):
    before = _views(db)
    assert len(before) >= 15
    assert all(comment and comment.startswith("vnwh view sql md5 ") for _, comment in before.values())
    rows = query(db, "select count(*) from marts.dim_articles")
    run_dbt(db, *VIEWS)
    assert _views(db) == before                       # same catalog entries: nothing dropped or created
    assert query(db, "select count(*) from marts.dim_articles") == rows


def test_a_view_whose_columns_differ_is_rebuilt(db):
    columns = _columns(db, FEED_STATE)
    oid, marker = _views(db)[FEED_STATE]
    query(db, f"create or replace view {FEED_STATE} as select 1 as something_else")
    query(db, f"comment on view {FEED_STATE} is '{marker}'")      # the marker alone must not be trusted
    run_dbt(db, *VIEWS)
    assert _columns(db, FEED_STATE) == columns
    assert _views(db)[FEED_STATE][1] == marker


def test_a_view_without_the_marker_and_full_refresh_are_rebuilt(db):
    before = _views(db)
    query(db, f"comment on view {FEED_STATE} is null")              # e.g. created by hand
    run_dbt(db, *VIEWS)
    after = _views(db)
    assert after[FEED_STATE][0] != before[FEED_STATE][0]
    assert after[FEED_STATE][1] == before[FEED_STATE][1]
    assert {name: oid for name, (oid, _) in after.items() if name != FEED_STATE} == \
        {name: oid for name, (oid, _) in before.items() if name != FEED_STATE}
    run_dbt(db, *VIEWS, "--full-refresh")
    rebuilt = _views(db)
    assert all(rebuilt[name][0] != oid for name, (oid, _) in after.items())
