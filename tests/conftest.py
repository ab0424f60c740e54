"""Shared fixtures: every test gets its own warehouse file and no persistent Dagster instance."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "samples" / "articles.jsonl"


@pytest.fixture
def warehouse_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "vnwh.duckdb"
    monkeypatch.setenv("VNWH_DB", str(path))
    monkeypatch.delenv("VNWH_SERVING_DB", raising=False)
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    return path


@pytest.fixture
def con(tmp_path):
    """A connection to a fresh, migrated warehouse file of this test's own."""
    from warehouse.db import connect

    connection = connect(tmp_path / "vnwh.duckdb")
    yield connection
    connection.close()


@pytest.fixture
def write_jsonl(tmp_path):
    """Write lines (dicts are dumped as JSON, strings written as they are) to a .jsonl file."""

    def write(lines: list, name: str = "input.jsonl") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as handle:
            for line in lines:
                handle.write((json.dumps(line, ensure_ascii=False) if isinstance(line, dict) else line) + "\n")
        return path

    return write
