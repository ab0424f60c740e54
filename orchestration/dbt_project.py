"""The dbt project as Dagster sees it, with its manifest prepared before anything loads it.

The manifest (dbt_project/target/manifest.json) is never committed. It is rebuilt with ``dbt parse`` whenever it is
missing or older than any file of the project, so the CLI, tests, CI and ``dg dev`` all see the current models.
"""
from __future__ import annotations

import os
import subprocess
import sys
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"
SOURCE_DIRS = ("models", "macros", "seeds", "tests", "analyses")
TOP_FILES = ("dbt_project.yml", "profiles.yml")


def _newest_source_mtime() -> float:
    newest = max((PROJECT_DIR / name).stat().st_mtime for name in TOP_FILES)
    for folder in SOURCE_DIRS:
        for path in (PROJECT_DIR / folder).rglob("*"):
            if path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def dbt_executable() -> str:
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def ensure_manifest() -> Path:
    """Run ``dbt parse`` when the manifest is missing or stale; returns its path."""
    manifest = PROJECT_DIR / "target" / "manifest.json"
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source_mtime():
        return manifest
    result = subprocess.run(
        [dbt_executable(), "parse", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR), "--quiet"],
        cwd=PROJECT_DIR, capture_output=True, text=True, env={**os.environ}, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{result.stdout}\n{result.stderr}")
    manifest.touch()
    return manifest


vnwh_dbt_project = DbtProject(project_dir=PROJECT_DIR, profiles_dir=PROJECT_DIR)


class VnwhDbtCliResource(DbtCliResource):
    """``DbtCliResource`` without two per-build costs that buy vnwh nothing (~6 s of a ~30 s refresh at 100k).

    Before every ``dbt build`` dagster-dbt (1) starts ``dbt --version`` in a second process to learn the version
    (a full dbt import plus a request to PyPI for the latest release), and (2) builds an in-process dbt adapter
    handle (profile, adapter registration, all macros) that it only uses to fetch column metadata or row counts.
    vnwh runs the dbt-core installed beside it (``dbt_executable``), so its version is the package's, and it fetches
    neither column metadata nor row counts. (Both members are private in dagster-dbt, pinned in uv.lock;
    tests/test_orchestration.py fails if a dagster-dbt upgrade stops calling them.)
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args) -> None:
        return None


def dbt_resource() -> VnwhDbtCliResource:
    return VnwhDbtCliResource(project_dir=vnwh_dbt_project, dbt_executable=dbt_executable())
