"""Transform: the dbt project (staging, intermediate, marts) as Dagster assets; dbt tests are asset checks."""

import json
import os
import shutil
import warnings
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import dbt_reuse
from orchestration.dbt_project import PROJECT_DIR, dbt_resource, ensure_manifest, vnwh_dbt_project
from orchestration.dbt_warm import PARTIAL_PARSE_FILE, share_parse_state
from orchestration.resources import WRITER_POOL, WarehouseResource

MANIFEST = ensure_manifest()
_MANIFEST_NODES = json.loads(MANIFEST.read_text(encoding="utf-8"))
REFERENCE = dbt_reuse.reference_nodes(_MANIFEST_NODES)
VIEWS = dbt_reuse.view_nodes(_MANIFEST_NODES, skip=REFERENCE.relations)
REUSABLE = (REFERENCE, VIEWS)


class VnwhDbtTranslator(DagsterDbtTranslator):
    """Sources on schema raw keep the keys the Python assets use (raw/articles); groups follow the folders."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "dbt_seeds"
        fqn = dbt_resource_props.get("fqn") or []
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> list[str]:
        return ["team:vnwh"]

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project) -> dg.AssetCheckSpec | None:
        """Source tests do not block the Python assets that read the raw tables.

        A blocking check on raw/articles would have to pass before extraction starts, which splits the one dbt
        invocation into several steps around the Python assets. Source tests still fail the dbt step (and the run)
        when they fail; they just run in the same single `dbt build` as everything else.
        """
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is not None and spec.asset_key.path[0] == "raw":
            spec = spec._replace(blocking=False)
        return spec

    def get_asset_spec(self, manifest, unique_id, project) -> dg.AssetSpec:
        spec = super().get_asset_spec(manifest, unique_id, project)
        if spec.key.path[0] == "marts":
            spec = spec.replace_attributes(freshness_policy=MARTS_FRESHNESS)
        return spec


# The marts are refreshed daily: warn after 26 hours without a materialisation, fail after 50.
MARTS_FRESHNESS = dg.FreshnessPolicy.time_window(fail_window=timedelta(hours=50), warn_window=timedelta(hours=26))


# unit tests: see vnwh_dbt_models
UNIT_TESTS = "resource_type:unit_test"
PRODUCTION_BUILD_ARGS = ("--exclude", UNIT_TESTS)
REUSE_ENV = "VNWH_DBT_REUSE"   # "0": never leave out unchanged nodes (orchestration.dbt_reuse)
KEPT_RUN_TARGETS = 10          # per-build dbt target folders kept under dbt_project/target

translator = VnwhDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_source_tests_as_checks=True)
)
# node set -> its assets, in the order they depend on each other (a multi-asset yields its outputs in that order)
REUSABLE_KEYS = {node_set.name: [translator.get_asset_key(_MANIFEST_NODES["nodes"][uid]) for uid in node_set.relations]
                 for node_set in REUSABLE}
# a reused view's output must come before the first event of an asset it feeds (and after those it reads)
VIEW_FEEDS = {
    translator.get_asset_key(_MANIFEST_NODES["nodes"][uid]): {
        translator.get_asset_key(_MANIFEST_NODES["nodes"][child])
        for child in dbt_reuse.descendants(_MANIFEST_NODES, uid)
        if _MANIFEST_NODES["nodes"][child]["resource_type"] in ("model", "seed", "snapshot")
    }
    for uid in VIEWS.relations
}
del _MANIFEST_NODES


@dbt_assets(
    manifest=MANIFEST,
    project=vnwh_dbt_project,
    dagster_dbt_translator=translator,
    pool=WRITER_POOL,
)
def vnwh_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource):
    """One `dbt build` for everything selected: models, seeds and their data tests (reported as asset checks).

    dbt unit tests check the SQL logic on fixed inputs, not the data: like dbt recommends, they run in
    development and CI (`make test`, tests/dbt) and are left out of the warehouse builds. The reference-only
    nodes and the views are left out too when nothing they are made from changed since the last successful build
    (orchestration.dbt_reuse).
    """
    plan = _reuse_plan(context, warehouse)
    yield from _reused_outputs(context, plan)     # before dbt's: the models it builds read them
    invocation = dbt.cli(build_args(plan), context=context)
    yield from _with_reused_views(context, plan, invocation.stream())
    if not context.is_subset:                     # a subset did not build every node the fingerprints describe
        with warehouse.connect() as con:          # dbt has exited: the build succeeded (stream raises otherwise)
            dbt_reuse.record_reuse(con, plan)
    keep_parse_state(invocation.target_path)
    prune_run_targets(invocation.target_path.parent, keep=KEPT_RUN_TARGETS, current=invocation.target_path)


REUSED_NOTE = {
    True: "unchanged since the last successful build: not rebuilt",
    False: "definition unchanged since the last successful build: not recreated (a view: its rows are read live)",
}


def _reused_outputs(context: dg.AssetExecutionContext, plan: dbt_reuse.ReusePlan):
    """The left-out assets that keep rows are up to date: an output each, so downstream steps (the publish) run,
    with the fingerprint of what they are made from as data version (the same as when they were built); their data
    tests are reported as passed: they passed on the same rows in the build that recorded them."""
    for node_set in plan.reused:
        if not node_set.keeps_rows:
            continue
        version = plan.fingerprints[node_set.name][:24]
        for key in REUSABLE_KEYS[node_set.name]:
            if key in context.selected_asset_keys:
                yield _reused_output(context, key, version, REUSED_NOTE[True])
        for check in context.selected_asset_check_keys:
            if check.name in node_set.test_names:
                yield dg.AssetCheckResult(asset_key=check.asset_key, check_name=check.name, passed=True,
                                          metadata={"vnwh/reused": "not run again: its inputs are unchanged since "
                                                                   "the successful build where it passed"})


def _with_reused_views(context: dg.AssetExecutionContext, plan: dbt_reuse.ReusePlan, events):
    """dbt's events, with an output for each left-out view just before the first event of an asset it feeds (dbt
    builds in dependency order, so what the view reads is reported by then), the others at the end."""
    pending = [key for node_set in plan.reused if not node_set.keeps_rows
               for key in REUSABLE_KEYS[node_set.name] if key in context.selected_asset_keys]
    for event in events:
        key = _event_asset_key(context, event)
        due = [view for view in pending if key == view or key in VIEW_FEEDS[view]] if key else []
        for view in due:
            pending.remove(view)
            yield _reused_output(context, view, None, REUSED_NOTE[False])
        yield event
    for view in pending:
        yield _reused_output(context, view, None, REUSED_NOTE[False])


def _event_asset_key(context: dg.AssetExecutionContext, event) -> dg.AssetKey | None:
    if isinstance(event, dg.Output):
        return context.assets_def.keys_by_output_name.get(event.output_name)
    return getattr(event, "asset_key", None)


def _reused_output(context: dg.AssetExecutionContext, key: dg.AssetKey, version: str | None, note: str) -> dg.Output:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dg.BetaWarning)        # Output(data_version=...) is marked beta
        return dg.Output(None, output_name=context.assets_def.get_output_name_for_asset_key(key),
                         data_version=dg.DataVersion(version) if version else None, metadata={"vnwh/reused": note})


def build_args(plan: dbt_reuse.ReusePlan) -> list[str]:
    """``dbt build`` without unit tests and without the nodes ``plan`` excludes, and nothing else: with indirect
    selection "empty" excluding a model excludes no test (the tests of a reused set are excluded by name; the
    tests of a reused view, or of a fact and a reused dimension, run). dbt's default ("eager") would drop them."""
    if not plan.excluded:
        return ["build", *PRODUCTION_BUILD_ARGS]
    # one --exclude value, space-separated (a union in dbt's syntax): dagster-dbt takes the value after --exclude
    return ["build", "--exclude", " ".join((UNIT_TESTS, *plan.excluded)), "--indirect-selection", "empty"]


def _reuse_plan(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dbt_reuse.ReusePlan:
    """What this build may leave out. A subset run (picked in the UI, or the ingest job's source tests: dagster-dbt
    then selects the nodes itself) or ``$VNWH_DBT_REUSE=0`` leaves out nothing."""
    allowed = os.environ.get(REUSE_ENV, "1") != "0" and not context.is_subset
    with warehouse.connect() as con:
        plan = dbt_reuse.plan_reuse(con, REUSABLE, PROJECT_DIR, allowed=allowed)
    for node_set in plan.reused:
        context.log.info(f"dbt nodes {node_set.name!r} unchanged since the last successful build: "
                         f"{len(node_set.selectors)} left out")
    for name, reason in plan.reasons.items():
        context.log.info(f"dbt nodes {name!r} run: {reason}")
    return plan


def prune_run_targets(folder: Path, keep: int, current: Path) -> list[Path]:
    """Delete all but the newest ``keep`` per-build dbt target folders (~8 MB each: manifest, logs, compiled SQL).

    The newest ones stay for looking into a recent build; the current build's folder always stays."""
    runs = sorted(folder.glob(f"{vnwh_dbt_models.op.name}-*"), key=lambda path: path.stat().st_mtime, reverse=True)
    removed = [path for path in runs[keep:] if path.resolve() != current.resolve()]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def keep_parse_state(run_target: Path) -> None:
    """Hand this build's dbt parse state back to the project's target folder.

    dagster-dbt gives each build its own target folder, seeded with the project's partial_parse.msgpack. That file
    comes from `dbt parse`, whose profile (the $VNWH_DB path) is not the build's, so every build parsed the whole
    project again (~5 s). Keeping the last build's state lets the next build against the same warehouse file parse
    only what changed; for another file dbt parses in full, as before.
    """
    share_parse_state(run_target / PARTIAL_PARSE_FILE, PROJECT_DIR)


defs = dg.Definitions(
    assets=[vnwh_dbt_models],
    resources={"dbt": dbt_resource()},
)
