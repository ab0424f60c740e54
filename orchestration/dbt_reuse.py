"""Leave the reference-only part of the dbt project out of a build when nothing it is made from has changed.

Seeds, the reference sources (raw.ref_countries, raw.ref_localities, written from the gazetteers) and the models and
data tests built only from them (the country, locality, sector and event-type dimensions) change when vnwh itself
changes, not when articles arrive. A daily +1 % refresh at 100k articles spent ~1 s of its ~15 s rebuilding and
re-testing them to the same rows.

Before the dbt step, ``plan_reuse`` fingerprints what those nodes are made from: every file of the dbt project,
the dbt / adapter / DuckDB versions and the rows of the reference sources. When the fingerprint equals the one
recorded after the last successful build of this warehouse and every reference relation is still there, those
nodes are excluded from the build; otherwise they run and the recorded fingerprint is cleared until the build
succeeds (``record_reuse``). Tests that also read a fact table (e.g. the facts' references to the dimensions) always
run.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import duckdb

REFERENCE_SOURCES = frozenset({("raw", "ref_countries"), ("raw", "ref_localities")})
NODE_SET = "reference"
PROJECT_PARTS = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses")
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb")


@dataclass(frozen=True)
class ReferenceNodes:
    """The manifest's reference-only part: sources, models and seeds (to check they exist) and all their nodes."""

    sources: dict[str, str] = field(default_factory=dict)       # unique_id -> relation (schema.identifier)
    relations: dict[str, tuple[str, str]] = field(default_factory=dict)  # model / seed unique_id -> (schema, name)
    test_names: frozenset[str] = frozenset()                     # the data tests' names (Dagster's check names)
    selectors: tuple[str, ...] = ()                              # dbt selectors (fqn:...) of every excluded node

    @property
    def unique_ids(self) -> set[str]:
        return set(self.sources) | set(self.relations)


def reference_nodes(manifest: Mapping) -> ReferenceNodes:
    """The models, seeds and tests of ``manifest`` that read nothing but seeds and the reference sources."""
    sources = {uid: f"{node['schema']}.{node['identifier']}" for uid, node in manifest["sources"].items()
               if (node["schema"], node["identifier"]) in REFERENCE_SOURCES}
    only = set(sources)
    relations: dict[str, tuple[str, str]] = {}
    pending = {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] in ("model", "seed")}
    grew = True
    while grew:                                  # a fixpoint: the dimensions built on other reference models
        grew = False
        for uid, node in list(pending.items()):
            if _reads_only(node, only) and node["config"].get("materialized") in ("table", "view", "seed"):
                only.add(uid)
                relations[uid] = (node["schema"], node["alias"])
                del pending[uid]
                grew = True
    tests = [uid for uid, node in manifest["nodes"].items()
             if node["resource_type"] == "test" and _reads_only(node, only)]
    selectors = tuple(sorted("fqn:" + ".".join(manifest["nodes"][uid]["fqn"]) for uid in [*relations, *tests]))
    names = frozenset(manifest["nodes"][uid]["name"] for uid in tests)
    return ReferenceNodes(sources=sources, relations=relations, test_names=names, selectors=selectors)


def _reads_only(node: Mapping, allowed: set[str]) -> bool:
    if node["resource_type"] == "seed":
        return True
    parents = node.get("depends_on", {}).get("nodes") or []
    return bool(parents) and set(parents) <= allowed


def project_fingerprint(project_dir: Path) -> str:
    """A digest of every file dbt reads from the project and the versions that compile and run it."""
    digest = hashlib.sha256(json.dumps({name: version(name) for name in PACKAGES}).encode())
    for part in PROJECT_PARTS:
        path = project_dir / part
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            digest.update(str(file.relative_to(project_dir)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def data_fingerprint(con: duckdb.DuckDBPyConnection, relations: Iterable[str]) -> str:
    """Row counts and an order-independent hash of the rows of ``relations`` (small reference tables)."""
    parts = []
    for relation in sorted(relations):
        count, hashed = con.execute(
            f"select count(*), coalesce(sum(hash(r)::hugeint), 0)::varchar from {relation} r").fetchone()
        parts.append([relation, count, hashed])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


@dataclass(frozen=True)
class ReusePlan:
    excluded: tuple[str, ...]     # dbt selectors to exclude from this build
    fingerprint: str              # record it after the build succeeds
    reason: str                   # why the reference nodes run (empty when they are excluded)


def plan_reuse(
    con: duckdb.DuckDBPyConnection, nodes: ReferenceNodes, project_dir: Path, allowed: bool = True
) -> ReusePlan:
    """Exclude ``nodes`` when their fingerprint is the recorded one and their relations exist; otherwise (or when
    not ``allowed``) clear the record: a build that fails half-way must not leave an old fingerprint describing
    new relations."""
    fingerprint = _fingerprint(con, nodes, project_dir)
    recorded = _recorded(con)
    if not allowed:
        reason = "reuse is switched off"
    elif recorded is None:
        reason = "no successful build recorded a fingerprint"
    elif recorded != fingerprint:
        reason = "the project, the dbt versions or the reference data changed"
    else:
        missing = _missing_relations(con, nodes.relations.values())
        reason = f"missing relations: {', '.join(missing)}" if missing else ""
    if reason:
        con.execute("delete from raw.dbt_reuse_state where node_set = ?", [NODE_SET])
        return ReusePlan((), fingerprint, reason)
    return ReusePlan(nodes.selectors, fingerprint, "")


def record_reuse(con: duckdb.DuckDBPyConnection, plan: ReusePlan) -> None:
    """After a successful build: the reference nodes are what ``plan.fingerprint`` describes."""
    con.execute("insert or replace into raw.dbt_reuse_state (node_set, fingerprint, recorded_at)"
                " values (?, ?, current_timestamp)",
                [NODE_SET, plan.fingerprint])


def _fingerprint(con: duckdb.DuckDBPyConnection, nodes: ReferenceNodes, project_dir: Path) -> str:
    data = data_fingerprint(con, nodes.sources.values())
    return hashlib.sha256(f"{project_fingerprint(project_dir)}:{data}".encode()).hexdigest()


def _recorded(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("select fingerprint from raw.dbt_reuse_state where node_set = ?", [NODE_SET]).fetchone()
    return row[0] if row else None


def _missing_relations(con: duckdb.DuckDBPyConnection, relations: Iterable[tuple[str, str]]) -> list[str]:
    present = set(con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = current_database()"
        " union all select schema_name, view_name from duckdb_views() where database_name = current_database()"
    ).fetchall())
    return sorted(f"{schema}.{name}" for schema, name in relations if (schema, name) not in present)
