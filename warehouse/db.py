"""Where the warehouse lives and how to open it.

The build file is written by one process at a time (see README, "One writer"). Readers use the
published serving copy (``serving_path()``), never the build file.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_DB = PACKAGE_DIR / "vnwh.duckdb"
TIMEZONE = "Asia/Ho_Chi_Minh"


def db_path() -> Path:
    """The build database: ``$VNWH_DB`` or ``warehouse/vnwh.duckdb``."""
    return Path(os.environ.get("VNWH_DB") or DEFAULT_DB).expanduser().resolve()


def serving_path(build_db: Path | None = None) -> Path:
    """The published read-only copy: ``$VNWH_SERVING_DB`` or ``serving.duckdb`` beside the build file
    (``build_db``, by default the one ``db_path()`` names)."""
    explicit = os.environ.get("VNWH_SERVING_DB")
    if explicit:
        return Path(explicit).expanduser().resolve()
    return (build_db or db_path()).with_name("serving.duckdb")


def has_table(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    """Whether ``schema.table`` (a table or a view) exists in the connection's own database."""
    query = (
        "select count(*) from information_schema.tables"
        " where table_catalog = current_database() and table_schema = ? and table_name = ?"
    )
    return con.execute(query, [schema, table]).fetchone()[0] > 0


def insert_columns(con: duckdb.DuckDBPyConnection, insert: str, rows: list, extra: str = "") -> None:
    """``<insert> select unnest($1), unnest($2), ...<extra>``: many rows in one statement, each column one list.

    DuckDB's ``executemany`` runs one statement per row (~1-3 ms each); this is one statement per batch.
    ``insert`` is the statement's head (``insert into raw.t (a, b)``); ``extra`` appends computed columns."""
    if not rows:
        return
    columns = [list(column) for column in zip(*rows, strict=True)]
    values = ", ".join(f"unnest(${i + 1})" for i in range(len(columns)))
    con.execute(f"{insert} select {values}{extra}", columns)


def connect(path: str | Path | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse; a writable open also makes sure the raw schema is current."""
    target = Path(path) if path else db_path()
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(target), read_only=read_only)
    con.execute(f"SET TimeZone = '{TIMEZONE}'")
    if not read_only:
        from warehouse.schema import migrate

        migrate(con)
    return con
