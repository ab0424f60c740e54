"""The publish's copy of the build file: what to copy, and the copy and Parquet export on two threads.

A full publish copies every table (``create table as``); a refresh publish starts from a byte copy of the live
serving file and applies each table's changed rows (``warehouse.publish_delta``), falling back to a copy per table.
Each table is written in its own transaction (the copy is a temporary file nobody reads until ``publish`` swaps
it in; a failed or killed publish leaves only that file, which ``publish`` removes). A marts table is exported to
Parquet from the build file while it is copied: nothing writes the build file while ``publish`` has it open
read-only. A view is exported from its copy, right after copying it, so it is computed once.
"""
from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import exports as parquet
from warehouse.db import TIMEZONE
from warehouse.parallel import run_on_cursors
from warehouse.publish_delta import TableUpdate, apply_delta, drop_unplanned
from warehouse.schema import articles_without_body

MARTS_SCHEMA = "marts"
OPS_SCHEMA = "ops"
# ops.<name> is built from the build file's raw layer with this select (only when the raw table exists).
OPS_TABLES: dict[str, tuple[str, str]] = {
    "articles": (
        "articles",
        "select article_id, source, url, title, published_at, updated_at, first_landed_at, landed_at, parse_path,"
        " parse_warnings, is_relevant, relevance_reason, parser_version, revision, body_chars from {src}",
    ),
    "unknown_places": ("unknown_places", "select * from {src}"),
    "ingest_errors": ("ingest_errors", "select * from {src}"),
    "extractions": ("extractions", "select * from {src}"),
}
WORKERS = 2                 # threads copying and exporting at the same time (the publish machine has 2 cores)
_VIEW_WEIGHT = 1 << 62      # views first: their cost is unknown and their export waits for their copy
_EXPORT_WEIGHT = 0.5        # an export is scheduled like a copy of half the table's size


class PublishError(RuntimeError):
    """The build file can't be published (missing, locked, or without a marts schema)."""


def open_build(build_db: Path) -> duckdb.DuckDBPyConnection:
    """The build file, read-only (or this process's own read-write instance of it), in the warehouse's time zone."""
    try:
        con = duckdb.connect(str(build_db), read_only=True)
    except duckdb.ConnectionException:
        # This process still holds the build file open read-write: share that instance (we only read from it).
        try:
            con = duckdb.connect(str(build_db))
        except duckdb.ConnectionException as exc:
            raise PublishError(f"close this process's connections to {build_db} before publishing: {exc}") from exc
    except duckdb.IOException as exc:
        raise PublishError(f"can't open {build_db} for reading (another process writes it?): {exc}") from exc
    set_timezone(con)
    return con


def set_timezone(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"set TimeZone = '{TIMEZONE}'")    # a session setting: each cursor needs it too


def plan_copies(con: duckdb.DuckDBPyConnection) -> list[Copy]:
    """What to copy: every marts relation (a view is copied as a table) and the ops tables whose raw source exists."""
    marts = _relations(con, MARTS_SCHEMA)
    sizes = _table_sizes(con)
    views = set(_views(con, MARTS_SCHEMA))
    plan = [
        Copy(MARTS_SCHEMA, name, f'select * from {MARTS_SCHEMA}."{name}"', name in views,
             sizes.get((MARTS_SCHEMA, name), 0))
        for name in marts
    ]
    raw = set(_relations(con, "raw"))
    plan += [
        Copy(OPS_SCHEMA, target, select.format(src=_ops_source(source)), False, sizes.get(("raw", source), 0))
        for target, (source, select) in OPS_TABLES.items()
        if source in raw
    ]
    return plan


def prepare_copy(con: duckdb.DuckDBPyConnection, alias: str, plan: list[Copy], delta: bool) -> None:
    """The copy's schemas; a copy of the live file (``delta``) loses the tables the plan no longer lists."""
    if delta:
        drop_unplanned(con, alias, {(copy.schema, copy.name) for copy in plan})
    for schema in sorted({copy.schema for copy in plan}):
        con.execute(f"create schema if not exists {alias}.{schema}")


def copy_and_export(
    con: duckdb.DuckDBPyConnection,
    plan: list[Copy],
    alias: str,
    generation: Path,
    live: tuple,
    setup: Callable[[duckdb.DuckDBPyConnection], None],
    delta: bool = False,
) -> tuple[dict[str, TableUpdate], dict[str, parquet.TableExport]]:
    """Copy ``plan`` into the attached ``alias`` (by ``delta`` where its table exists, see ``update_table``) and
    export its marts into ``generation`` on ``WORKERS`` threads (``setup`` prepares each thread's cursor), largest
    first; returns how each table was written (``schema.name`` -> update) and the exports (marts name -> rows,
    fingerprint)."""
    updates: dict[str, TableUpdate] = {}
    exported: dict[str, parquet.TableExport] = {}

    def copy(item: Copy, cursor: duckdb.DuckDBPyConnection) -> None:
        updates[item.key] = update_table(cursor, alias, item) if delta else copy_table(cursor, alias, item)
        if item.is_view:
            export(item, f"{alias}.{item.relation}", cursor)

    def export(item: Copy, relation: str, cursor: duckdb.DuckDBPyConnection) -> None:
        exported[item.name] = parquet.export_table(cursor, item.name, relation, generation, live)

    tasks = [(_VIEW_WEIGHT if item.is_view else item.size, functools.partial(copy, item)) for item in plan]
    tasks += [
        (item.size * _EXPORT_WEIGHT, functools.partial(export, item, item.relation))
        for item in plan
        if item.schema == MARTS_SCHEMA and not item.is_view
    ]
    tasks.sort(key=lambda task: -task[0])
    with _threads_shared_by_workers(con):
        run_on_cursors(con, [task for _, task in tasks], WORKERS, setup)
    return updates, exported


def update_table(cursor: duckdb.DuckDBPyConnection, alias: str, item: Copy) -> TableUpdate:
    """Apply the build's changed rows to the copy's table; copy it whole when that can't be done exactly."""
    base_table = item.schema == MARTS_SCHEMA and not item.is_view    # else its select is computed once
    result = apply_delta(cursor, f"{alias}.{item.relation}", item.select if not base_table else item.relation,
                         materialise=not base_table)
    return result if isinstance(result, TableUpdate) else copy_table(cursor, alias, item, reason=result)


def copy_table(cursor: duckdb.DuckDBPyConnection, alias: str, item: Copy, reason: str = "full publish") -> TableUpdate:
    """``create table as`` (replacing the copy's table, if any, in the same statement)."""
    target = f"{alias}.{item.relation}"
    old = 0
    if reason != "full publish" and reason != "new table":
        old = cursor.execute(f"select count(*) from {target}").fetchone()[0]
    rows = cursor.execute(f"create or replace table {target} as {item.select}").fetchone()[0]
    return TableUpdate("copy", rows, old, rows, reason)


@contextlib.contextmanager
def _threads_shared_by_workers(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Each worker's statements get 1/WORKERS of DuckDB's threads (a setting of the whole database instance, so it
    is put back): on 2 cores, 2 workers with 2 threads each spend more CPU than they gain."""
    threads = con.execute("select current_setting('threads')").fetchone()[0]
    con.execute(f"set threads = {max(1, threads // WORKERS)}")
    try:
        yield
    finally:
        con.execute(f"set threads = {threads}")


@dataclass(frozen=True)
class Copy:
    schema: str
    name: str
    select: str
    is_view: bool
    size: int           # estimated rows x columns of the source table (0 for a view): the larger, the earlier

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def relation(self) -> str:
        return f'{self.schema}."{self.name}"'


def _ops_source(table: str) -> str:
    # raw.articles is read without its bodies (body_chars is kept at landing): see schema.articles_without_body
    return articles_without_body() if table == "articles" else f'raw."{table}"'


def _relations(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select table_name from information_schema.tables"
        " where table_catalog = current_database() and table_schema = ? order by table_name",
        [schema],
    ).fetchall()
    return [row[0] for row in rows]


def _views(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = con.execute(
        "select view_name from duckdb_views() where database_name = current_database() and schema_name = ?", [schema]
    ).fetchall()
    return [row[0] for row in rows]


def _table_sizes(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], int]:
    rows = con.execute(
        "select schema_name, table_name, estimated_size * column_count from duckdb_tables()"
        " where database_name = current_database()"
    ).fetchall()
    return {(schema, name): size for schema, name, size in rows}


