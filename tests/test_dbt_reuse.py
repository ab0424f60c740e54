"""orchestration.dbt_reuse: which dbt nodes a build may leave out (reference-only nodes, views), and when."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from orchestration import dbt_reuse, dbt_warm
from orchestration.dbt_project import PROJECT_DIR

REF_SOURCE = "source.p.raw.ref_countries"
ARTICLES = "source.p.raw.articles"


def _node(uid: str, depends_on: list[str], materialized: str = "table", schema: str = "marts") -> dict:
    kind, _, name = uid.split(".")
    return {"resource_type": kind, "name": name, "alias": name, "schema": schema, "fqn": ["p", name],
            "config": {"materialized": "seed" if kind == "seed" else materialized},
            "depends_on": {"nodes": depends_on}}


def _manifest() -> dict:
    """ref source -> stg (view) -> dim (+ a seed); articles -> fact (incremental, reads the dim too)."""
    nodes = [
        _node("seed.p.seed_sectors", []),
        _node("model.p.stg_countries", [REF_SOURCE], "view", "staging"),
        _node("model.p.dim_countries", ["model.p.stg_countries", "seed.p.seed_sectors"]),
        _node("model.p.stg_articles", [ARTICLES], "view", "staging"),
        _node("model.p.fct_trade", ["model.p.stg_articles", "model.p.dim_countries"], "incremental"),
        _node("model.p.ref_snapshot", [REF_SOURCE], "incremental"),
        _node("model.p.constant", [], "table"),
        _node("model.p.rpt_trade", ["model.p.fct_trade"], "view"),
        _node("test.p.dim_countries_unique", ["model.p.dim_countries"]),
        _node("test.p.fct_trade_references", ["model.p.fct_trade", "model.p.dim_countries"]),
    ]
    sources = {REF_SOURCE: {"schema": "raw", "identifier": "ref_countries"},
               ARTICLES: {"schema": "raw", "identifier": "articles"}}
    return {"nodes": {f"{n['resource_type']}.p.{n['name']}": n for n in nodes}, "sources": sources}


def test_reference_nodes_are_what_reads_only_seeds_and_reference_sources():
    found = dbt_reuse.reference_nodes(_manifest())
    assert found.sources == {REF_SOURCE: "raw.ref_countries"}
    assert set(found.relations) == {"seed.p.seed_sectors", "model.p.stg_countries", "model.p.dim_countries"}
    assert found.relations["model.p.stg_countries"] == ("staging", "stg_countries")
    # a dimension comes after what it is built from (the order its reused outputs are reported in)
    order = list(found.relations)
    assert order.index("model.p.stg_countries") < order.index("model.p.dim_countries")
    assert found.test_names == {"dim_countries_unique"}          # the fact's reference test reads the fact too
    assert found.selectors == ("fqn:p.dim_countries", "fqn:p.dim_countries_unique", "fqn:p.seed_sectors",
                               "fqn:p.stg_countries")


def test_the_view_set_is_every_view_but_the_reference_ones_and_none_of_their_tests():
    manifest = _manifest()
    views = dbt_reuse.view_nodes(manifest, skip=dbt_reuse.reference_nodes(manifest).relations)
    assert set(views.relations) == {"model.p.stg_articles", "model.p.rpt_trade"}
    assert views.test_names == frozenset() and not views.keeps_rows
    assert views.selectors == ("fqn:p.rpt_trade", "fqn:p.stg_articles")


def test_incremental_models_and_models_without_parents_are_never_reference_nodes():
    found = dbt_reuse.reference_nodes(_manifest())
    # an incremental model keeps history of its own; a model with no parent may read anything (e.g. the clock)
    assert "model.p.ref_snapshot" not in found.relations and "model.p.constant" not in found.relations


def test_the_real_project_reuses_the_dimensions_but_not_the_facts_or_their_reference_tests():
    manifest = json.loads((PROJECT_DIR / "target" / "manifest.json").read_text(encoding="utf-8"))
    found = dbt_reuse.reference_nodes(manifest)
    names = {uid.split(".")[-1] for uid in found.relations}
    assert {"dim_countries", "dim_localities", "dim_sectors", "dim_event_types"} <= names
    assert not any(name.startswith(("fct_", "bridge_", "rpt_", "dim_articles")) for name in names)
    assert "dim_localities_references" in found.test_names
    assert "fct_trade_flows_references" not in found.test_names


def _reference_tables(con) -> dbt_reuse.NodeSet:
    con.execute("insert into raw.ref_countries values ('KR', 'Hàn Quốc', 'South Korea')")
    con.execute("create schema if not exists marts")
    con.execute("create table marts.dim_countries as select * from raw.ref_countries")
    return dbt_reuse.NodeSet("reference", sources={REF_SOURCE: "raw.ref_countries"},
                             relations={"model.p.dim_countries": ("marts", "dim_countries")},
                             selectors=("fqn:p.dim_countries",))


def _views(con) -> dbt_reuse.NodeSet:
    con.execute("create schema if not exists staging")
    con.execute("create view staging.stg_articles as select article_id, title from raw.articles")
    return dbt_reuse.NodeSet("views", relations={"model.p.stg_articles": ("staging", "stg_articles")},
                             selectors=("fqn:p.stg_articles",), keeps_rows=False)


def _recorded(con) -> set[str]:
    return {row[0] for row in con.execute("select node_set from raw.dbt_reuse_state").fetchall()}


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "dbt"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text("name: p\n", encoding="utf-8")
    (project / "models" / "dim_countries.sql").write_text("select * from ref\n", encoding="utf-8")
    return project


def test_nothing_is_left_out_until_a_successful_build_recorded_its_fingerprint(con, tmp_path):
    nodes, project = _reference_tables(con), _project(tmp_path)
    first = dbt_reuse.plan_reuse(con, [nodes], project)
    assert first.excluded == () and "no successful build" in first.reasons["reference"]
    dbt_reuse.record_reuse(con, first)
    second = dbt_reuse.plan_reuse(con, [nodes], project)
    assert second.excluded == ("fqn:p.dim_countries",) and second.reasons == {}
    assert second.fingerprints == first.fingerprints


@pytest.mark.parametrize("change", ["reference rows", "project file", "dropped relation", "raw column"])
def test_a_change_to_what_the_reference_nodes_are_made_from_makes_them_run(con, tmp_path, change):
    nodes, project = _reference_tables(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [nodes], project))
    if change == "raw column":                  # a migration
        con.execute("alter table raw.ref_countries add column name_local varchar")
    elif change == "reference rows":
        con.execute("insert into raw.ref_countries values ('XK', 'Kosovo', 'Kosovo')")
    elif change == "project file":
        (project / "models" / "dim_countries.sql").write_text("select 1\n", encoding="utf-8")
    else:
        con.execute("drop table marts.dim_countries")
    plan = dbt_reuse.plan_reuse(con, [nodes], project)
    assert plan.excluded == ()
    expected = "missing relations: marts.dim_countries" if change == "dropped relation" else "changed"
    assert expected in plan.reasons["reference"]
    # the record is gone until a build succeeds: a failed build must not leave it describing other relations
    assert con.execute("select count(*) from raw.dbt_reuse_state").fetchone()[0] == 0


@pytest.mark.parametrize("change", ["view recreated", "dimension written"])
def test_relations_changed_outside_a_vnwh_build_make_their_set_run(con, tmp_path, change):
    """E.g. a model edited, built with dbt by hand, then reverted: the fingerprint is the recorded one again."""
    reference, views, project = _reference_tables(con), _views(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [reference, views], project))
    if change == "view recreated":
        con.execute("create or replace view staging.stg_articles as select article_id from raw.articles")
    else:
        con.execute("insert into marts.dim_countries values ('XK', 'Kosovo', 'Kosovo')")
    plan = dbt_reuse.plan_reuse(con, [reference, views], project)
    stale = "views" if change == "view recreated" else "reference"
    assert stale in plan.reasons and "outside a vnwh build" in plan.reasons[stale]
    assert [node_set.name for node_set in plan.reused] == [name for name in ("reference", "views") if name != stale]


def test_when_leaving_out_is_not_allowed_the_nodes_run_and_an_up_to_date_record_stays(con, tmp_path):
    nodes, project = _reference_tables(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [nodes], project))
    plan = dbt_reuse.plan_reuse(con, [nodes], project, allowed=False)
    assert plan.excluded == () and "not allowed" in plan.reasons["reference"]
    assert _recorded(con) == {"reference"}           # e.g. the ingest job's subset of source tests
    (project / "models" / "dim_countries.sql").write_text("select 2\n", encoding="utf-8")
    assert "changed" in dbt_reuse.plan_reuse(con, [nodes], project, allowed=False).reasons["reference"]
    assert _recorded(con) == set()


def test_views_are_reused_whatever_rows_arrive_and_each_set_is_decided_on_its_own(con, tmp_path):
    reference, views, project = _reference_tables(con), _views(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [reference, views], project))
    con.execute("insert into raw.ref_countries values ('XK', 'Kosovo', 'Kosovo')")
    con.execute("insert into raw.frontier (url, source, discovered_at) values ('https://x.vn/1', 'nld', now())")
    plan = dbt_reuse.plan_reuse(con, [reference, views], project)
    assert [node_set.name for node_set in plan.reused] == ["views"]       # new rows: the views stay as they are
    assert plan.excluded == ("fqn:p.stg_articles",) and set(plan.reasons) == {"reference"}
    assert _recorded(con) == {"views"}


def test_views_run_when_a_raw_table_they_may_read_changes_shape(con, tmp_path):
    views, project = _views(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [views], project))
    assert dbt_reuse.plan_reuse(con, [views], project).excluded == ("fqn:p.stg_articles",)
    con.execute("alter table raw.frontier add column note varchar")
    plan = dbt_reuse.plan_reuse(con, [views], project)
    assert plan.excluded == () and "changed" in plan.reasons["views"]


def test_a_warehouse_file_opened_under_another_name_runs_every_set(con, tmp_path):
    """Compiled SQL names the catalog ("vnwh"."staging"...): a renamed file needs its views created again."""
    from warehouse.db import connect

    views, project = _views(con), _project(tmp_path)
    dbt_reuse.record_reuse(con, dbt_reuse.plan_reuse(con, [views], project))
    con.execute("checkpoint")
    con.close()
    renamed = tmp_path / "renamed.duckdb"
    (tmp_path / "vnwh.duckdb").rename(renamed)
    other = connect(renamed)
    try:
        assert dbt_reuse.plan_reuse(other, [views], project).excluded == ()
    finally:
        other.close()


def test_the_project_fingerprint_covers_every_file_dbt_reads_and_nothing_it_writes(tmp_path):
    project = _project(tmp_path)
    before = dbt_reuse.project_fingerprint(project)
    (project / "target").mkdir()
    (project / "target" / "manifest.json").write_text("{}", encoding="utf-8")   # dbt's output: not an input
    assert dbt_reuse.project_fingerprint(project) == before
    (project / "seeds").mkdir()
    (project / "seeds" / "seed_sectors.csv").write_text("code\nenergy\n", encoding="utf-8")
    assert dbt_reuse.project_fingerprint(project) != before


def test_the_real_project_fingerprint_is_stable_and_follows_a_copy_of_the_project(tmp_path):
    copy = tmp_path / "dbt_project"
    copy.mkdir()
    parts = [part for part in dbt_warm.PROJECT_PARTS if (PROJECT_DIR / part).exists()]
    for part in parts:
        source = PROJECT_DIR / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, copy / part)
    assert dbt_reuse.project_fingerprint(PROJECT_DIR) == dbt_reuse.project_fingerprint(PROJECT_DIR)
    assert dbt_reuse.project_fingerprint(copy) == dbt_reuse.project_fingerprint(PROJECT_DIR)


def _materialized(outcome, asset: str) -> dict:
    assert asset in outcome.metadata, sorted(outcome.metadata)
    return outcome.metadata[asset]


@pytest.mark.slow
def test_builds_leave_out_unchanged_reference_nodes_and_rebuild_a_dropped_one(warehouse_file):
    import duckdb
    from typer.testing import CliRunner

    from orchestration.cli import app
    from orchestration.runner import run_job

    sample = Path(__file__).resolve().parents[1] / "samples" / "articles.jsonl"
    assert CliRunner().invoke(app, ["import", str(sample)]).exit_code == 0
    first = run_job("build_job")
    assert first.success, first.failures
    assert "vnwh/reused" not in _materialized(first, "marts/dim_countries")

    second = run_job("build_job")
    assert second.success and not second.checks_failed, (second.failures, second.checks_failed)
    for dim in ("marts/dim_countries", "marts/dim_localities", "marts/dim_sectors", "marts/dim_event_types"):
        assert "not rebuilt" in _materialized(second, dim)["vnwh/reused"]
    for view in ("staging/stg_raw__articles", "marts/dim_articles", "marts/rpt_events_monthly"):
        assert "a view" in _materialized(second, view)["vnwh/reused"]
    assert "vnwh/reused" not in _materialized(second, "marts/fct_trade_flows")
    assert "serve/serving_copy" in second.metadata          # the publish ran after the reused dimensions

    con = duckdb.connect(str(warehouse_file))
    con.execute("drop table marts.dim_sectors")
    con.close()
    # the ingest job runs a subset of the dbt assets (source tests): it leaves the records alone
    assert CliRunner().invoke(app, ["import", str(sample)]).exit_code == 0
    third = run_job("build_job")
    assert third.success, third.failures
    assert "vnwh/reused" not in _materialized(third, "marts/dim_sectors")
    assert "a view" in _materialized(third, "staging/stg_raw__articles")["vnwh/reused"]
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        assert con.execute("select count(*) from marts.dim_sectors").fetchone()[0] > 0
        assert _recorded(con) == {"reference", "views"}          # recorded again
    finally:
        con.close()
