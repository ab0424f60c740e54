"""The dbt project as Dagster sees it, with its manifest prepared before anything loads it.

The manifest (dbt_project/target/manifest.json) is never committed. It is rebuilt with ``dbt parse`` whenever it is
missing or older than any file of the project, so the CLI, tests, CI and ``dg dev`` all see the current models.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from packaging import version
from pydantic import PrivateAttr

from orchestration import dbt_warm

WARM_ENV = "VNWH_DBT_WARM"        # "0": no warm dbt process, dagster-dbt spawns the plain dbt
PROJECT_DIR = Path(__file__).resolve().parent.parent / "dbt_project"


def warm_dbt_executable() -> str:
    """The warm-dbt client (see orchestration.dbt_warm), or plain dbt where the project is not installed."""
    candidate = Path(sys.executable).with_name("vnwh-dbt")
    return str(candidate) if candidate.exists() else dbt_warm.real_dbt()


def ensure_manifest() -> Path:
    """Run ``dbt parse`` when the manifest is missing or stale; returns its path."""
    manifest = PROJECT_DIR / "target" / "manifest.json"
    if manifest.exists() and manifest.stat().st_mtime >= dbt_warm.newest_project_mtime(PROJECT_DIR):
        return manifest
    result = subprocess.run(
        [dbt_warm.real_dbt(), "parse", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
         "--quiet"],
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

    It also starts a warm dbt process at run setup (see ``setup_for_execution`` and orchestration.dbt_warm), so the
    next ~5 s of dbt's cold start (imports, parse) overlap the steps that run before the dbt step.
    """

    _warm: WarmDbt | None = PrivateAttr(default=None)
    _warm_claimed: bool = PrivateAttr(default=False)

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args) -> None:
        return None

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """Start a warm dbt process (orchestration.dbt_warm) for the first ``cli()`` call of this run.

        With the in-process executor resources are set up when the run starts, so dbt imports and parses
        while the steps before the dbt step run; with one process per step, when the dbt step starts."""
        if os.environ.get(WARM_ENV, "1") != "0" and Path(self.dbt_executable).name == "vnwh-dbt":
            self._warm = WarmDbt.start(Path(self.project_dir), Path(self.profiles_dir or self.project_dir))

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._warm is not None:
            notes = self._warm.log_text()
            self._warm.stop()
            if context.log is not None and notes:
                context.log.debug(f"warm dbt process:\n{notes}")
            self._warm, self._warm_claimed = None, False

    def cli(self, args, **kwargs):
        if self._warm is None or self._warm_claimed:
            return super().cli(args, **kwargs)
        self._warm_claimed = True                    # one command per warm process
        with self._warm.claimed():
            return super().cli(args, **kwargs)


class WarmDbt:
    """A started warm dbt server: its process, socket and private folder."""

    def __init__(self, process: subprocess.Popen, folder: Path, socket_path: Path):
        self.process, self.folder, self.socket_path = process, folder, socket_path

    @classmethod
    def start(cls, project_dir: Path, profiles_dir: Path) -> WarmDbt:
        folder = Path(tempfile.mkdtemp(prefix="vnwh-dbt-warm-"))
        socket_path = folder / "dbt.sock"
        # the environment dagster-dbt gives the dbt command, so that the parsed manifest can be reused
        env = {**os.environ, "DBT_PROJECT_DIR": str(project_dir), "DBT_PROFILES_DIR": str(profiles_dir)}
        with (folder / "server.log").open("wb") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "orchestration.dbt_warm", "--serve", str(socket_path), str(project_dir)],
                cwd=project_dir, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            )
        return cls(process, folder, socket_path)

    def log_text(self) -> str:
        """What the server noted before it took over the dbt command's output (timings, parse, reuse)."""
        try:
            return (self.folder / "server.log").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    @contextmanager
    def claimed(self) -> Iterator[None]:
        """Within: the dbt command dagster-dbt spawns runs in this server (see dbt_warm.client_main)."""
        saved = {key: os.environ.get(key) for key in (dbt_warm.SOCKET_ENV, dbt_warm.SERVER_PID_ENV)}
        os.environ[dbt_warm.SOCKET_ENV] = str(self.socket_path)
        os.environ[dbt_warm.SERVER_PID_ENV] = str(self.process.pid)
        try:
            yield
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def stop(self) -> None:
        """End the server (it has exited on its own if it ran its command) and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def dbt_resource() -> VnwhDbtCliResource:
    return VnwhDbtCliResource(project_dir=vnwh_dbt_project, dbt_executable=warm_dbt_executable())
