"""End to end through the Dagster jobs and the CLI: import -> build -> marts -> serving copy -> query.

One warehouse is built for the module (a build runs extraction and the whole dbt project, ~30 s); the tests then
look at it from the outside, as a user would.
"""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from orchestration.cli import app
from orchestration.dbt_warm import NOTES_FILE

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"
pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Import the sample, build, import it again and rebuild; keep every command's result."""
    path = tmp_path_factory.mktemp("e2e") / "vnwh.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VNWH_DB", str(path))
        mp.delenv("VNWH_SERVING_DB", raising=False)
        mp.delenv("DAGSTER_HOME", raising=False)
        results = {"first_import": runner.invoke(app, ["import", str(SAMPLE)]),
                   "first_build": runner.invoke(app, ["build"])}
        results["marts_after_first_build"] = _rows(path, "select count(*) from marts.dim_articles")[0][0]
        with _reader_holding(path.parent / "serving.duckdb", path.parent / "reader") as reader:
            results["second_import"] = runner.invoke(app, ["import", str(SAMPLE)])
            results["second_build"] = runner.invoke(app, ["build"])
            results["second_build_dbt_log"] = _newest_dbt_log()
        results["reader"] = reader
        yield path, results, mp


READER = """
import sys, time, duckdb, pathlib
serving, stop, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
con = duckdb.connect(serving, read_only=True)          # held open for the whole refresh
seen = []
while not stop.exists():
    seen.append(con.execute("select count(*) from marts.dim_articles").fetchone()[0])
    time.sleep(0.05)
out.write_text(",".join(map(str, seen)))
"""


@contextmanager
def _reader_holding(serving: Path, workdir: Path):
    """A separate process that keeps the serving copy open and queries it until told to stop."""
    workdir.mkdir()
    stop, out = workdir / "stop", workdir / "seen.txt"
    proc = subprocess.Popen([sys.executable, "-c", READER, str(serving), str(stop), str(out)],
                            stderr=subprocess.PIPE, text=True)
    outcome: dict = {}
    try:
        yield outcome
    finally:
        stop.touch()
        _, stderr = proc.communicate(timeout=60)
        outcome.update(returncode=proc.returncode, stderr=stderr,
                       seen=[int(x) for x in out.read_text().split(",") if x] if out.exists() else [])


def _newest_dbt_log() -> tuple[str, str]:
    """The newest build's dbt.log and the warm dbt process's notes beside it."""
    from orchestration.dbt_project import PROJECT_DIR

    runs = sorted((PROJECT_DIR / "target").glob("vnwh_dbt_models-*/dbt.log"), key=lambda p: p.stat().st_mtime)
    if not runs:
        return "", ""
    notes = runs[-1].with_name(NOTES_FILE)
    return runs[-1].read_text(encoding="utf-8"), notes.read_text(encoding="utf-8") if notes.exists() else ""


def _rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_import_then_build_fills_the_marts(built):
    path, results, _ = built
    assert results["first_import"].exit_code == 0, results["first_import"].output
    assert "8 new" in results["first_import"].output
    assert results["first_build"].exit_code == 0, results["first_build"].output
    articles = _rows(path, "select source, count(*) from marts.dim_articles group by 1 order by 1")
    assert articles == [("nld", 2), ("vietnamplus", 3), ("vneconomy", 3)]
    assert _rows(path, "select count(*) from marts.dim_articles where not is_relevant")[0][0] == 1
    assert _rows(path, "select count(*) from marts.fct_trade_flows")[0][0] >= 3
    assert _rows(path, "select count(*) from marts.fct_cooperation_events")[0][0] >= 5


def test_reimport_and_rebuild_change_nothing(built):
    path, results, _ = built
    assert "0 new" in results["second_import"].output and "8 unchanged" in results["second_import"].output
    assert results["second_build"].exit_code == 0, results["second_build"].output
    assert "extracted 0 articles" in results["second_build"].output
    assert _rows(path, "select count(*) from marts.dim_articles")[0][0] == results["marts_after_first_build"] == 8
    assert _rows(path, "select count(*) from raw.articles")[0][0] == 8


def test_a_rebuild_of_the_same_warehouse_parses_the_dbt_project_partially(built):
    _, results, _ = built
    log, warm_notes = results["second_build_dbt_log"]
    assert "Running with dbt" in log                   # the second build's own dbt log
    # the build ran in the warm dbt process, on the manifest that process parsed, partially, while the run began
    assert "Unable to do partial parsing" not in log + warm_notes
    assert "Partial parsing enabled" in warm_notes and "reusing the parsed manifest: True" in warm_notes


def test_a_reader_holding_the_serving_copy_neither_blocks_nor_is_blocked_by_a_refresh(built):
    _, results, _ = built
    reader = results["reader"]
    assert results["second_build"].exit_code == 0
    assert reader["returncode"] == 0, reader["stderr"]
    assert len(reader["seen"]) > 10 and set(reader["seen"]) == {8}


def test_every_fact_traces_back_to_its_article_and_sentence(built):
    path, _, _ = built
    orphans = _rows(path, """
        select count(*) from marts.fct_trade_flows t
        left join marts.dim_articles a using (article_id)
        left join raw.articles r using (article_id)
        where a.article_id is null or position(t.evidence in r.body_text) = 0 and position(t.evidence in r.sapo) = 0
          and position(t.evidence in r.title) = 0
    """)
    assert orphans == [(0,)]


def test_status_reports_layers(built):
    _, _, mp = built
    status = runner.invoke(app, ["status"])
    assert status.exit_code == 0
    assert "dim_articles" in status.output and "trade_mentions" in status.output


def test_query_reads_the_serving_copy_and_refuses_writes(built):
    path, _, _ = built
    assert (path.parent / "serving.duckdb").exists()
    counted = runner.invoke(app, ["query", "select count(*) as n from dim_articles where source = ?", "-p", "nld",
                                  "--format", "json"])
    assert counted.exit_code == 0, counted.output
    assert counted.output.strip() == '{"n": 2}'

    refused = runner.invoke(app, ["query", "delete from marts.dim_articles"])
    assert refused.exit_code == 1
    assert "only read-only" in refused.output
    two = runner.invoke(app, ["query", "select 1; select 2"])
    assert two.exit_code == 1 and "exactly one statement" in two.output


def test_report_is_rendered_after_publish(built):
    path, _, _ = built
    report = path.parent / "report_html" / "index.html"
    assert report.exists()
    html = report.read_text(encoding="utf-8")
    assert "<svg" in html and "Kaluga" in html
