"""Transform: the dbt project (staging, intermediate, marts) as Dagster assets; dbt tests are asset checks."""

import shutil
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration.dbt_project import PROJECT_DIR, dbt_resource, ensure_manifest, vnwh_dbt_project
from orchestration.dbt_warm import PARTIAL_PARSE_FILE, share_parse_state
from orchestration.resources import WRITER_POOL


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
PRODUCTION_BUILD_ARGS = ("--exclude", "resource_type:unit_test")
KEPT_RUN_TARGETS = 10          # per-build dbt target folders kept under dbt_project/target

translator = VnwhDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_source_tests_as_checks=True)
)


@dbt_assets(
    manifest=ensure_manifest(),
    project=vnwh_dbt_project,
    dagster_dbt_translator=translator,
    pool=WRITER_POOL,
)
def vnwh_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """One `dbt build` for everything selected: models, seeds and their data tests (reported as asset checks).

    dbt unit tests check the SQL logic on fixed inputs, not the data: like dbt recommends, they run in
    development and CI (`make test`, tests/dbt) and are left out of the warehouse builds.
    """
    invocation = dbt.cli(["build", *PRODUCTION_BUILD_ARGS], context=context)
    yield from invocation.stream()
    keep_parse_state(invocation.target_path)
    prune_run_targets(invocation.target_path.parent, keep=KEPT_RUN_TARGETS, current=invocation.target_path)


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
