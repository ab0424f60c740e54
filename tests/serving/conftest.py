"""Fixtures for tests/serving (the helpers live in serving_factory.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the suite runs with --import-mode=importlib
from serving_factory import make_build_db  # noqa: E402


@pytest.fixture
def build_db(tmp_path: Path) -> Path:
    return make_build_db(tmp_path / "vnwh.duckdb")


@pytest.fixture
def serving_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point VNWH_DB at a fresh build file; serving.duckdb lands beside it."""
    build = make_build_db(tmp_path / "vnwh.duckdb")
    monkeypatch.setenv("VNWH_DB", str(build))
    monkeypatch.delenv("VNWH_SERVING_DB", raising=False)
    return build
