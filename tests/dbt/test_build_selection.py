"""What the warehouse builds run: data tests yes, dbt unit tests no (they run here, in the package fixture)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dbt_harness import _invoke  # noqa: E402

from orchestration.defs.transform import PRODUCTION_BUILD_ARGS  # noqa: E402


def _listed(*args: str, types: tuple[str, ...] = ("test", "unit_test")) -> list[str]:
    type_args = [arg for kind in types for arg in ("--resource-type", kind)]
    result = _invoke(["ls", "--output", "name", *type_args, *args])
    assert result.success, result.exception
    return list(result.result)


def test_production_builds_leave_out_unit_tests_and_keep_every_data_test(built_db):
    everything = _listed()
    production = _listed(*PRODUCTION_BUILD_ARGS)
    unit_tests = set(everything) - set(production)
    assert len(unit_tests) >= 6                       # the dedup, rollup and tie unit tests, run by `built_db`
    assert unit_tests == set(_listed(types=("unit_test",)))
    assert sorted(production) == sorted(_listed(types=("test",)))   # every data test runs in `vnwh build`
    # (keys, required columns, value lists and ranges of the marts and table intermediates are contract
    # constraints, the staging keys raw DDL constraints, the seeds their dimensions' constraints: see the yml)
    assert len(production) >= 30
    # several column rules of one model share a test node (tests/generic): count the rules, not the nodes
    assert _data_test_rules() >= 50


def _data_test_rules() -> int:
    parsed = _invoke(["parse"])
    assert parsed.success, parsed.exception
    rules = 0
    for node in parsed.result.nodes.values():
        if node.resource_type != "test":
            continue
        metadata = getattr(node, "test_metadata", None)
        kwargs = metadata.kwargs if metadata is not None else {}
        rules += len(kwargs.get("keys") or kwargs.get("columns") or [None])
    return rules


def test_a_build_that_reuses_the_reference_nodes_and_views_leaves_out_exactly_those(built_db):
    from orchestration import dbt_reuse
    from orchestration.defs.transform import REFERENCE, VIEWS, build_args

    kinds = ("model", "seed", "test", "unit_test")
    plan = dbt_reuse.ReusePlan(reused=(REFERENCE, VIEWS), fingerprints={}, reasons={})
    args = build_args(plan)
    assert args[0] == "build"
    production = set(_listed(*PRODUCTION_BUILD_ARGS, types=kinds))
    reusing = set(_listed(*args[1:], types=kinds))
    left_out = production - reusing
    assert reusing < production
    assert {"dim_countries", "dim_localities", "dim_sectors", "dim_event_types", "seed_sectors"} <= left_out
    assert {"stg_raw__articles", "dim_articles", "rpt_events_monthly"} <= left_out
    views = {uid.split(".")[-1] for uid in VIEWS.relations}
    assert left_out == {uid.split(".")[-1] for uid in REFERENCE.relations} | REFERENCE.test_names | views
    # the facts still run, and so do the tests of their references to the dimensions and the tests of the views
    assert {"fct_trade_flows", "fct_trade_flows_references", "bridge_event_sectors_references",
            "not_null_rpt_events_monthly_event_month"} <= reusing
    assert any(name.startswith("relationships_stg_raw__extractions_article_id") for name in reusing)
    assert not set(_listed(*args[1:], types=("unit_test",)))
