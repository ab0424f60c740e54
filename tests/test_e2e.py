"""End to end through the Dagster jobs: import -> build -> marts, on a temporary warehouse."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from orchestration.cli import app

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"

pytestmark = pytest.mark.slow
runner = CliRunner()


def _rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_import_build_marts_and_idempotent_reimport(warehouse_file):
    imported = runner.invoke(app, ["import", str(SAMPLE)])
    assert imported.exit_code == 0, imported.output
    assert "8 new" in imported.output

    built = runner.invoke(app, ["build"])
    assert built.exit_code == 0, built.output
    articles = _rows(warehouse_file, "select source, count(*) from marts.dim_articles group by 1 order by 1")
    assert articles == [("nld", 2), ("vietnamplus", 3), ("vneconomy", 3)]
    assert _rows(warehouse_file, "select count(*) from marts.dim_articles where not is_relevant")[0][0] >= 1

    again = runner.invoke(app, ["import", str(SAMPLE)])
    assert "0 new" in again.output and "8 unchanged" in again.output
    rebuilt = runner.invoke(app, ["build"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert _rows(warehouse_file, "select count(*) from marts.dim_articles")[0][0] == 8

    status = runner.invoke(app, ["status"])
    assert status.exit_code == 0 and "dim_articles" in status.output


def test_query_reads_the_serving_copy_and_refuses_writes(warehouse_file):
    assert runner.invoke(app, ["import", str(SAMPLE)]).exit_code == 0
    assert runner.invoke(app, ["build"]).exit_code == 0
    assert (warehouse_file.parent / "serving.duckdb").exists()

    counted = runner.invoke(app, ["query", "select count(*) as n from dim_articles where source = ?", "-p", "nld",
                                  "--format", "json"])
    assert counted.exit_code == 0, counted.output
    assert counted.output.strip() == '{"n": 2}'

    refused = runner.invoke(app, ["query", "delete from marts.dim_articles"])
    assert refused.exit_code == 1
    assert "only read-only" in refused.output
    two = runner.invoke(app, ["query", "select 1; select 2"])
    assert two.exit_code == 1 and "exactly one statement" in two.output
