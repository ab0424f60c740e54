"""Run the Dagster jobs in-process: the CLI's one way to touch the warehouse (no second code path).

With ``DAGSTER_HOME`` set the runs are stored in that instance and show up in the UI (``make dev``);
without it an ephemeral instance is used.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import dagster as dg

from warehouse import db


@lru_cache(maxsize=1)
def definitions() -> dg.Definitions:
    from orchestration.definitions import defs

    loaded = defs() if callable(defs) else defs
    return loaded


def instance() -> dg.DagsterInstance:
    return dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()


def run_log_path() -> Path:
    """Where the CLI keeps what the tools of its last run (dbt) printed: logs/last_run.log beside the build file."""
    return db.db_path().parent / "logs" / "last_run.log"


@contextmanager
def _tool_output_to_log() -> Iterator[None]:
    """dbt's progress lines go to the run log, not the terminal (VNWH_VERBOSE=1 shows them)."""
    if os.environ.get("VNWH_VERBOSE"):
        yield
        return
    path = run_log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as log, redirect_stdout(log):
        yield


@dataclass
class RunOutcome:
    success: bool
    run_id: str
    metadata: dict[str, dict] = field(default_factory=dict)   # asset key "raw/articles" -> metadata values
    failures: list[str] = field(default_factory=list)
    checks_failed: list[str] = field(default_factory=list)
    step_seconds: dict[str, float] = field(default_factory=dict)  # step key -> wall seconds of the step


def _plain(value: dg.MetadataValue) -> object:
    return getattr(value, "value", value)


def step_seconds(run_instance: dg.DagsterInstance, run_id: str) -> dict[str, float]:
    """Wall seconds per step of one run, from its STEP_START and STEP_SUCCESS / STEP_FAILURE events."""
    starts: dict[str, float] = {}
    spent: dict[str, float] = {}
    for record in run_instance.all_logs(run_id):
        event = record.dagster_event
        if event is None or not event.step_key:
            continue
        if event.event_type_value == "STEP_START":
            starts[event.step_key] = record.timestamp
        elif event.event_type_value in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in starts:
            spent[event.step_key] = round(record.timestamp - starts[event.step_key], 2)
    return spent


def run_job(name: str, run_config: dict | None = None) -> RunOutcome:
    """Execute one job in this process against ``$VNWH_DB`` and collect what it reported."""
    os.environ["VNWH_DB"] = str(db.db_path())  # dbt reads the same file
    job = definitions().resolve_job_def(name)
    config = {"loggers": {"console": {"config": {"log_level": os.environ.get("VNWH_LOG_LEVEL", "WARNING")}}},
              **(run_config or {})}
    run_instance = instance()
    with _tool_output_to_log():
        result = job.execute_in_process(run_config=config, instance=run_instance, raise_on_error=False)
    outcome = RunOutcome(success=result.success, run_id=result.run_id,
                         step_seconds=step_seconds(run_instance, result.run_id))
    for event in result.get_asset_materialization_events():
        mat = event.event_specific_data.materialization
        outcome.metadata["/".join(mat.asset_key.path)] = {k: _plain(v) for k, v in mat.metadata.items()}
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = event.event_specific_data.error
            outcome.failures.append(f"{event.step_key}: {error.message.strip() if error else 'failed'}")
        if event.event_type_value == "ASSET_CHECK_EVALUATION":
            evaluation = event.event_specific_data
            if not evaluation.passed:
                outcome.checks_failed.append(f"{'/'.join(evaluation.asset_key.path)}:{evaluation.check_name}")
    return outcome
