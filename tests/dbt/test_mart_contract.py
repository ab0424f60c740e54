"""Column names and types of every contracted mart, and the documentation build."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest
import yaml
from dbt_contract import CONTRACT, NOT_NULL
from dbt_harness import TARGET_DIR, query, run_dbt


@pytest.mark.parametrize("table", sorted(CONTRACT))
def test_mart_columns_and_types_match_the_contract(built_db, table):
    columns = query(
        built_db,
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'marts' and table_name = ? order by ordinal_position",
        [table],
    )
    assert columns == CONTRACT[table]


@pytest.mark.parametrize("table", sorted(NOT_NULL))
def test_contract_not_null_columns_are_enforced_by_the_table(built_db, table):
    nullable = dict(query(
        built_db,
        "select column_name, is_nullable from information_schema.columns "
        "where table_schema = 'marts' and table_name = ?",
        [table],
    ))
    assert {column: nullable[column] for column in NOT_NULL[table]} == {c: "NO" for c in NOT_NULL[table]}


MARTS_YML = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "marts" / "_marts__models.yml"


def _declared_not_null() -> dict[str, set[str]]:
    """Columns whose contract declares a not_null constraint, per mart (from the marts' yml)."""
    models = yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]
    return {
        model["name"]: {column["name"] for column in model["columns"]
                        if {"type": "not_null"} in column.get("constraints", [])}
        for model in models
    }


def test_every_declared_not_null_column_is_not_null_in_duckdb(built_db):
    declared = _declared_not_null()
    assert sum(len(columns) for columns in declared.values()) >= 40
    for table, columns in declared.items():
        nullable = dict(query(built_db, "select column_name, is_nullable from information_schema.columns "
                                        "where table_schema = 'marts' and table_name = ?", [table]))
        assert {c: nullable[c] for c in columns} == {c: "NO" for c in columns}, table


def _declared_constraint_counts() -> dict[str, dict[str, int]]:
    """{mart: {DuckDB constraint type: count}} as the marts' yml declares them, model- and column-level."""
    counts: dict[str, dict[str, int]] = {}
    for model in yaml.safe_load(MARTS_YML.read_text(encoding="utf-8"))["models"]:
        declared = [*model.get("constraints", []), *(c for column in model["columns"]
                                                      for c in column.get("constraints", []))]
        kinds = Counter(constraint["type"].replace("_", " ").upper() for constraint in declared)
        if kinds:
            counts[model["name"]] = dict(kinds)
    return counts


def _built_constraint_counts(db) -> dict[str, dict[str, int]]:
    built: dict[str, dict[str, int]] = {}
    for table, kind, count in query(db, "select table_name, constraint_type, count(*) from duckdb_constraints() "
                                        "where schema_name = 'marts' group by all"):
        built.setdefault(table, {})[kind] = count
    return built


def _enforced_constraints(db, table: str) -> set[tuple[str, str]]:
    """(constraint type, column) pairs DuckDB enforces on marts.<table>."""
    return set(query(db, "select constraint_type, unnest(constraint_column_names) from duckdb_constraints() "
                         "where schema_name = 'marts' and table_name = ?", [table]))


def test_every_declared_constraint_exists_in_duckdb(built_db):
    declared, built = _declared_constraint_counts(), _built_constraint_counts(built_db)
    assert sum(counts.get("CHECK", 0) for counts in declared.values()) >= 20
    missing = {(table, kind): (count, built.get(table, {}).get(kind, 0))
               for table, counts in declared.items() for kind, count in counts.items()
               if built.get(table, {}).get(kind, 0) < count}
    assert missing == {}


@pytest.mark.parametrize(("insert", "refused_by"), [
    ("insert into marts.bridge_event_sectors (event_id, sector) values (null, 'tourism')", "NOT NULL"),
    ("insert into marts.fct_trade_flows (trade_flow_id, article_id, reporter_country_code, flow, evidence, "
     "extractor_version) values ('t-new', 'a1', 'VN', 'barter', 'e', 'v1')", "CHECK"),
    ("insert into marts.fct_trade_flows (trade_flow_id, article_id, reporter_country_code, flow, period_month_to, "
     "evidence, extractor_version) values ('t-new', 'a1', 'VN', 'export', 13, 'e', 'v1')", "CHECK"),
    ("insert into marts.fct_cooperation_events (event_id, event_type, mention_count, source_count, first_article_id,"
     " change_batch) values ('e-new', 'visit', 1, 2, 'a1', 1)", "CHECK"),
    ("insert into marts.dim_countries select * from marts.dim_countries limit 1", "PRIMARY KEY"),
    ("insert into marts.bridge_event_sectors (event_id, sector) values ('e-new', 'space')", "CHECK"),
])
def test_a_row_breaking_a_mart_rule_is_refused(built_db, insert, refused_by):
    con = duckdb.connect(str(built_db))
    try:
        con.execute("begin transaction")
        with pytest.raises(duckdb.ConstraintException, match=f"(?i){refused_by}"):
            con.execute(insert)
        con.execute("rollback")
    finally:
        con.close()


def _copy_with_table_recreated(built_db, tmp_path, table: str, create: str):
    """A copy of the built warehouse where marts.<table> holds the same rows in a table made by ``create``
    (``{name}`` stands for the new table's name), as an older build would have left it."""
    db = tmp_path / built_db.name
    query(built_db, "checkpoint")  # the copy must not miss what is still in the write-ahead log
    shutil.copyfile(built_db, db)
    con = duckdb.connect(str(db))
    try:
        con.execute(create.format(name=f"marts.{table}_old"))
        con.execute(f"insert into marts.{table}_old select * from marts.{table}")
        con.execute(f"drop table marts.{table}")
        con.execute(f"alter table marts.{table}_old rename to {table}")
    finally:
        con.close()
    return db


def test_an_incremental_mart_built_without_its_constraints_is_rebuilt_with_them(tmp_path, built_db):
    """A warehouse whose fct_trade_flows predates its check / key constraints gets them at the next build."""
    rows = query(built_db, "select * from marts.fct_trade_flows order by trade_flow_id")
    db = _copy_with_table_recreated(built_db, tmp_path, "fct_trade_flows",
                                    "create table {name} as select * from marts.fct_trade_flows limit 0")
    assert "CHECK" not in _built_constraint_counts(db).get("fct_trade_flows", {})
    run_dbt(db, "build", "--select", "fct_trade_flows", "--exclude", "resource_type:unit_test")
    assert _built_constraint_counts(db)["fct_trade_flows"] == _declared_constraint_counts()["fct_trade_flows"]
    assert query(db, "select * from marts.fct_trade_flows order by trade_flow_id") == rows


def test_an_incremental_mart_with_an_index_no_longer_declared_is_rebuilt_without_it(tmp_path, built_db):
    """A warehouse whose fct_event_mentions still carries a key index from an earlier contract loses it."""
    rows = query(built_db, "select * from marts.fct_event_mentions order by event_mention_id")
    db = _copy_with_table_recreated(
        built_db, tmp_path, "fct_event_mentions",
        "create table {name} (event_mention_id varchar primary key, event_id varchar not null, "
        "article_id varchar not null, evidence varchar, extractor_version varchar)")
    assert _built_constraint_counts(db)["fct_event_mentions"].get("PRIMARY KEY") == 1
    run_dbt(db, "build", "--select", "fct_event_mentions", "--exclude", "resource_type:unit_test")
    assert "PRIMARY KEY" not in _built_constraint_counts(db)["fct_event_mentions"]
    assert query(db, "select * from marts.fct_event_mentions order by event_mention_id") == rows


@pytest.mark.parametrize(("dimension", "seed", "rules"), [
    ("dim_sectors", "seed_sectors", {("PRIMARY KEY", "sector"), ("NOT NULL", "label_vi"), ("NOT NULL", "label_en")}),
    ("dim_event_types", "seed_event_types", {("PRIMARY KEY", "event_type"), ("NOT NULL", "type_group"),
                                             ("CHECK", "type_group"), ("NOT NULL", "label_vi"),
                                             ("NOT NULL", "label_en")}),
])
def test_a_seed_is_checked_by_the_constraints_of_its_dimension(built_db, dimension, seed, rules):
    """The seeds have no data tests: their dimension holds exactly their rows and enforces their rules."""
    assert query(built_db, f"select * from seeds.{seed} except all select * from marts.{dimension}") == []
    assert query(built_db, f"select * from marts.{dimension} except all select * from seeds.{seed}") == []
    assert rules <= _enforced_constraints(built_db, dimension)


@pytest.mark.parametrize(("dimension", "staging", "key"), [("dim_countries", "stg_raw__ref_countries", "country_code"),
                                                      ("dim_localities", "stg_raw__ref_localities", "locality_code")])
def test_every_reference_row_reaches_its_dimension_whose_key_checks_it(built_db, dimension, staging, key):
    """The reference staging views have no key tests: every row reaches the dimension, whose primary key refuses a
    duplicate or missing code."""
    columns = ", ".join(column for (column,) in query(
        built_db, "select column_name from information_schema.columns where table_schema = 'marts' "
                  "and table_name = ?", [dimension]))
    assert query(built_db, f"select {columns} from staging.{staging} except all "
                           f"select {columns} from marts.{dimension}") == []
    assert ("PRIMARY KEY", key) in _enforced_constraints(built_db, dimension)


def test_sector_and_event_type_dimensions_carry_both_labels(built_db):
    sectors = dict(query(built_db, "select sector, label_vi from marts.dim_sectors"))
    types = dict(query(built_db, "select event_type, label_en from marts.dim_event_types"))
    assert len(sectors) == 17 and sectors["tourism"] == "Du lịch"
    assert set(types) == {"conference", "roundtable", "working_session", "visit", "reception",
                          "agreement_signing", "twinning", "trade_promotion", "other"}
    assert types["twinning"] == "Twinning"


def test_models_land_in_exactly_the_configured_schemas(built_db):
    schemas = {row[0] for row in query(built_db, "select distinct table_schema from information_schema.tables")}
    assert {"raw", "staging", "intermediate", "marts", "seeds"} == schemas


@pytest.fixture(scope="module")
def docs_artifacts(built_db) -> tuple[dict, dict]:
    """`dbt docs generate` once: the manifest and the catalog it writes."""
    run_dbt(built_db, "docs", "generate")
    return (json.loads((TARGET_DIR / "manifest.json").read_text()),
            json.loads((TARGET_DIR / "catalog.json").read_text()))


def test_docs_generate_builds_a_catalog_of_the_marts(docs_artifacts):
    _, catalog = docs_artifacts
    documented = {node["metadata"]["name"] for node in catalog["nodes"].values()
                  if node["metadata"]["schema"] == "marts"}
    assert set(CONTRACT) | {"rpt_locality_partners", "dim_sectors", "dim_event_types"} <= documented


def test_every_model_and_built_column_has_a_description(docs_artifacts):
    manifest, catalog = docs_artifacts
    missing = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] not in ("model", "seed"):
            continue
        if not node.get("description"):
            missing.append(unique_id)
        for column in catalog["nodes"][unique_id]["columns"]:
            if not node["columns"].get(column, {}).get("description"):
                missing.append(f"{unique_id}.{column}")
    assert missing == []
