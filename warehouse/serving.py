"""Read the published serving copy (never the build file): connections and a guarded query runner.

``vnwh query "SQL"`` and ``vnwh shell`` are built on these. The serving file is replaced atomically by
``warehouse.publish.publish``; a connection opened here keeps reading the version it opened.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from warehouse.db import TIMEZONE, serving_path

SEARCH_PATH = "marts,ops,main"
ALLOWED_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class ServingNotFound(FileNotFoundError):
    """There is no serving copy yet."""


class QueryRejected(ValueError):
    """The SQL is not a single read-only statement."""


def connect_serving(path: str | Path | None = None, *, sandboxed: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the serving copy read-only.

    ``sandboxed=True`` also disables access to any other file (no ``read_csv``/``COPY TO``/``ATTACH``); when this
    process already has the file open without the sandbox, DuckDB refuses a second configuration, and the existing
    (read-only) instance is shared instead.
    """
    target = Path(path) if path else serving_path()
    if not target.exists():
        raise ServingNotFound(
            f"No serving copy at {target} yet: run `vnwh build` first (it publishes the serving copy at its end)."
        )
    config = {"enable_external_access": False} if sandboxed else {}
    try:
        con = duckdb.connect(str(target), read_only=True, config=config)
    except duckdb.ConnectionException:
        if not sandboxed:
            raise
        con = duckdb.connect(str(target), read_only=True)
    con.execute(f"set TimeZone = '{TIMEZONE}'")
    con.execute(f"set search_path = '{SEARCH_PATH}'")  # `from fct_trade_flows` finds marts.fct_trade_flows
    return con


def check_read_only(sql: str) -> str:
    """Return the single statement in ``sql`` if it is a SELECT (incl. WITH/FROM/DESCRIBE/SHOW) or EXPLAIN."""
    parser = duckdb.connect()
    try:
        statements = parser.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryRejected(f"can't parse the query: {exc}") from exc
    finally:
        parser.close()
    if len(statements) != 1:
        raise QueryRejected(f"expected exactly one statement, got {len(statements)}")
    kind = statements[0].type
    if kind not in ALLOWED_STATEMENTS:
        raise QueryRejected(f"only read-only queries (SELECT, EXPLAIN) are allowed, not {kind.name}")
    return statements[0].query


def run_query(
    sql: str, params: list[Any] | dict[str, Any] | None = None, *, path: str | Path | None = None,
    max_rows: int | None = None,
) -> tuple[list[str], list[tuple]]:
    """Run one read-only, parameterised query on the serving copy; return (column names, rows)."""
    statement = check_read_only(sql)
    con = connect_serving(path, sandboxed=True)
    try:
        cursor = con.execute(statement, params) if params is not None else con.execute(statement)
        columns = [column[0] for column in cursor.description or []]
        rows = cursor.fetchmany(max_rows) if max_rows is not None else cursor.fetchall()
    finally:
        con.close()
    return columns, rows
