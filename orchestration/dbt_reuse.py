"""Leave out of a build the dbt nodes a rebuild would give back unchanged.

Two sets of nodes, each with a fingerprint of everything it is made from:

- ``reference``: seeds, the reference sources (raw.ref_countries, raw.ref_localities, written from the gazetteers)
  and the models and data tests built only from them (the country, locality, sector and event-type dimensions).
  They change when vnwh itself changes, not when articles arrive. Fingerprint: also the rows of the reference
  sources.
- ``views``: every other view. A view holds no rows, only its definition; dbt still spent ~50 ms a view per build
  checking that (macros/view_materialization.sql). Their data tests still run: their rows change.

Both fingerprints cover every file of the dbt project, the dbt / adapter / DuckDB versions, the columns of the raw
tables (what the models' columns can depend on outside the project) and the warehouse's catalog name (compiled SQL
names it). Before the dbt step ``plan_reuse`` compares each set's fingerprint with the one recorded after the last
successful build of this warehouse: equal, every relation of the set still there and holding what it held then (a
view's SQL, a reference table's rows: ``dbt`` run by hand changes them), the set is excluded from the build;
otherwise it runs and its record is cleared until a build of every node succeeds (``record_reuse``; a subset
run, e.g. the ingest job's source tests, neither leaves out nor records). Tests that also read a node outside the set
(e.g. the facts' references to the dimensions) always run.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from importlib.metadata import version
from pathlib import Path

import duckdb

from orchestration.dbt_warm import project_files
from warehouse.db import has_table
from warehouse.exports import fingerprint as content_fingerprint

REFERENCE_SOURCES = frozenset({("raw", "ref_countries"), ("raw", "ref_localities")})
RAW_SCHEMA = "raw"
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")


@dataclass(frozen=True)
class NodeSet:
    """Nodes a build may leave out together, and what their fingerprint reads."""

    name: str                                                    # the record's key in raw.dbt_reuse_state
    relations: dict[str, tuple[str, str]] = field(default_factory=dict)  # model / seed unique_id -> (schema, name)
    test_names: frozenset[str] = frozenset()                     # the set's data tests (Dagster's check names)
    selectors: tuple[str, ...] = ()                              # dbt selectors (fqn:...) of every node of the set
    sources: dict[str, str] = field(default_factory=dict)        # unique_id -> relation whose rows it is made from
    keeps_rows: bool = True                                      # False for views: rows are read live


def reference_nodes(manifest: Mapping) -> NodeSet:
    """The models, seeds and tests of ``manifest`` that read nothing but seeds and the reference sources, in
    dependency order."""
    sources = {uid: f"{node['schema']}.{node['identifier']}" for uid, node in manifest["sources"].items()
               if (node["schema"], node["identifier"]) in REFERENCE_SOURCES}
    only = set(sources)
    relations: dict[str, tuple[str, str]] = {}
    for uid in dependency_order(manifest):       # parents first: a dimension built on other reference models
        node = manifest["nodes"].get(uid)
        if (node is not None and node["resource_type"] in ("model", "seed") and _reads_only(node, only)
                and node["config"].get("materialized") in ("table", "view", "seed")):
            only.add(uid)
            relations[uid] = (node["schema"], node["alias"])
    tests = [uid for uid, node in manifest["nodes"].items()
             if node["resource_type"] == "test" and _reads_only(node, only)]
    return NodeSet("reference", relations, frozenset(manifest["nodes"][uid]["name"] for uid in tests),
                   _selectors(manifest, [*relations, *tests]), sources)


def view_nodes(manifest: Mapping, skip: Iterable[str] = ()) -> NodeSet:
    """Every view model of ``manifest`` but those in ``skip`` (unique ids), in dependency order; their tests are
    not part of it."""
    left_out = set(skip)
    nodes = manifest["nodes"]
    relations = {uid: (nodes[uid]["schema"], nodes[uid]["alias"]) for uid in dependency_order(manifest)
                 if uid in nodes and nodes[uid]["resource_type"] == "model"
                 and nodes[uid]["config"].get("materialized") == "view" and uid not in left_out}
    return NodeSet("views", relations, frozenset(), _selectors(manifest, relations), keeps_rows=False)


def dependency_order(manifest: Mapping) -> list[str]:
    """Every node and source of ``manifest``, each after everything it depends on."""
    graph = {uid: node.get("depends_on", {}).get("nodes") or [] for uid, node in manifest["nodes"].items()}
    return list(TopologicalSorter(graph).static_order())


def descendants(manifest: Mapping, unique_id: str) -> set[str]:
    """Every node that depends on ``unique_id``, directly or not."""
    children: dict[str, list[str]] = {}
    for uid, node in manifest["nodes"].items():
        for parent in node.get("depends_on", {}).get("nodes") or []:
            children.setdefault(parent, []).append(uid)
    found: set[str] = set()
    todo = [unique_id]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _selectors(manifest: Mapping, unique_ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted("fqn:" + ".".join(manifest["nodes"][uid]["fqn"]) for uid in unique_ids))


def _reads_only(node: Mapping, allowed: set[str]) -> bool:
    if node["resource_type"] == "seed":
        return True
    parents = node.get("depends_on", {}).get("nodes") or []
    return bool(parents) and set(parents) <= allowed


def project_fingerprint(project_dir: Path) -> str:
    """A digest of every file dbt reads from the project and the versions that compile and run it."""
    digest = hashlib.sha256(json.dumps({name: version(name) for name in PACKAGES}).encode())
    for file in project_files(project_dir):
        digest.update(str(file.relative_to(project_dir)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def raw_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(table, column, type) of every table and view of the raw schema, in order."""
    return con.execute(
        "select table_name, column_name, data_type from information_schema.columns"
        " where table_catalog = current_database() and table_schema = ? order by table_name, ordinal_position",
        [RAW_SCHEMA],
    ).fetchall()


@dataclass(frozen=True)
class ReusePlan:
    reused: tuple[NodeSet, ...]           # excluded from this build: up to date
    fingerprints: dict[str, str]          # node set name -> fingerprint; recorded after the build succeeds
    reasons: dict[str, str]               # node set name -> why it runs (the sets not reused)
    node_sets: tuple[NodeSet, ...] = ()   # every set planned

    @property
    def excluded(self) -> tuple[str, ...]:
        """The dbt selectors to exclude from this build."""
        return tuple(selector for node_set in self.reused for selector in node_set.selectors)


def plan_reuse(
    con: duckdb.DuckDBPyConnection, node_sets: Iterable[NodeSet], project_dir: Path, allowed: bool = True
) -> ReusePlan:
    """Exclude each set whose fingerprint is the recorded one and whose relations exist, when ``allowed``. Clear
    the record of the others: a build that fails half-way must not leave an old fingerprint describing new
    relations (a set not ``allowed`` to be left out but up to date keeps its record)."""
    node_sets = tuple(node_sets)
    catalog = con.execute("select current_database()").fetchone()[0]
    common = [project_fingerprint(project_dir), catalog, raw_columns(con)]   # what every set is made from
    reused: list[NodeSet] = []
    fingerprints: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for node_set in node_sets:
        fingerprint = fingerprints[node_set.name] = _fingerprint(con, node_set, common)
        reason = _why_run(con, node_set, fingerprint)
        if reason:
            con.execute("delete from raw.dbt_reuse_state where node_set = ?", [node_set.name])
        elif not allowed:
            reason = "up to date, but leaving out nodes is not allowed in this run"
        if reason:
            reasons[node_set.name] = reason
        else:
            reused.append(node_set)
    return ReusePlan(tuple(reused), fingerprints, reasons, tuple(node_sets))


def record_reuse(con: duckdb.DuckDBPyConnection, plan: ReusePlan) -> None:
    """After a successful build of every node: each set is what its fingerprint in ``plan`` describes, and its
    relations hold what they hold now."""
    for node_set in plan.node_sets:
        con.execute("insert or replace into raw.dbt_reuse_state (node_set, fingerprint, relations_state, recorded_at)"
                    " values (?, ?, ?, current_timestamp)",
                    [node_set.name, plan.fingerprints[node_set.name], relations_state(con, node_set)])


def relations_state(con: duckdb.DuckDBPyConnection, node_set: NodeSet) -> str:
    """What the set's relations hold: each view's SQL, each table's columns and rows (the content fingerprint of
    the Parquet exports; the reference tables are small). A relation created or written outside a vnwh build
    (``dbt`` by hand, SQL) changes it."""
    views = {(schema, name): sql for schema, name, sql in con.execute(
        "select schema_name, view_name, sql from duckdb_views() where database_name = current_database()"
        " and not internal").fetchall()}
    parts = []
    for schema, name in sorted(node_set.relations.values()):
        if (schema, name) in views:
            parts.append([schema, name, views[schema, name]])
            continue
        parts.append([schema, name, content_fingerprint(con, f'{schema}."{name}"')[1]])
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _why_run(con: duckdb.DuckDBPyConnection, node_set: NodeSet, fingerprint: str) -> str:
    recorded = con.execute("select fingerprint, relations_state from raw.dbt_reuse_state where node_set = ?",
                           [node_set.name]).fetchone()
    if recorded is None:
        return "no successful build recorded a fingerprint"
    if recorded[0] != fingerprint:
        return "the project, the dbt versions or what the nodes read changed"
    missing = _missing_relations(con, node_set.relations.values())
    if missing:
        return f"missing relations: {', '.join(missing)}"
    if recorded[1] != relations_state(con, node_set):
        return "relations changed since the build that recorded them (written outside a vnwh build)"
    return ""


def _fingerprint(con: duckdb.DuckDBPyConnection, node_set: NodeSet, common: list) -> str:
    rows = [[relation, content_fingerprint(con, relation)[1]] for relation in sorted(node_set.sources.values())]
    return hashlib.sha256(json.dumps([node_set.name, *common, rows], default=str).encode()).hexdigest()


def _missing_relations(con: duckdb.DuckDBPyConnection, relations: Iterable[tuple[str, str]]) -> list[str]:
    return sorted(f"{schema}.{name}" for schema, name in relations if not has_table(con, schema, name))
