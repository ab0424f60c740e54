"""A refresh publish starts from a byte copy of the live serving file and applies each table's changed rows.

Copying every table again costs seconds at 100k articles; a refresh changes few rows. ``publish`` copies the live
file's bytes (it never opens the live file itself) and, when that copy is a complete publish, brings each planned
table to the build's content in its own transaction (``apply_delta``):

* the rows are compared as multisets of row hashes (``hash()`` of the whole row, the hash the export fingerprint
  sums): for every hash, the copy keeps ``min(copies, builds)`` of its rows, deletes the rest, and the build's
  missing occurrences are inserted, so identical rows are counted, not merged. Usually no row repeats and two anti
  joins on the hashes find those rows; when the count and hash sum they would leave differ from the build's, a hash
  occurs on both sides a different number of times, and the rows are chosen by counting each hash's occurrences;
* the planned result (the copy's hashes minus the surplus plus the missing) must have the build's row count and hash
  sum, and the delete and the insert must touch exactly the planned rows: rowids don't move within the transaction,
  so the copy then holds exactly that multiset (reading the whole table again to check it cost a pass over every
  row of every table on each refresh). If not (or the table is new, or its column names or types changed), the
  table is dropped and copied whole (``how = "copy"`` and a reason in the manifest's ``table_updates``).

``full_publish_reason`` says when not to start from the live file: no live file or manifest, a forced full publish
(argument or ``VNWH_PUBLISH_FULL=1``), a live WAL, or a live file grown beyond ``GROWTH_LIMIT`` times the size it
had right after its last full publish (deleted rows leave free space behind in a DuckDB file).
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

GROWTH_LIMIT = 1.5          # a delta publish is refused once the file is this many times its full-publish size
FULL_ENV = "VNWH_PUBLISH_FULL"
_B, _C = "vnwh_delta_build_row", "vnwh_delta_copy_row"   # row aliases (a column can't shadow them)
DELTA_MISSES = "row count or fingerprint differs after the delta"   # the reason a table is copied instead


@dataclass(frozen=True)
class TableUpdate:
    how: str            # "delta" (changed rows applied) or "copy" (created from the build relation)
    rows: int
    deleted: int = 0    # rows removed from the copy (a copy over an existing table: all its rows)
    inserted: int = 0
    reason: str = ""    # why a table was copied

    def as_dict(self) -> dict:
        return asdict(self)


def full_publish_reason(serving_db: Path, manifest: dict | None, full: bool | None) -> str:
    """Why this publish must copy every table ("" when it can start from the live file)."""
    if full or (full is None and os.environ.get(FULL_ENV, "") not in ("", "0")):
        return "forced"
    if not serving_db.exists() or not manifest:
        return "no live serving file or manifest"
    if serving_db.with_name(serving_db.name + ".wal").exists():
        return "the live serving file has a WAL"
    if manifest.get("serving_file") != str(serving_db):
        return "the manifest describes another serving file"
    base = manifest.get("full_copy_bytes") or 0
    if base <= 0:
        return "the manifest has no full_copy_bytes (an older publish)"
    if serving_db.stat().st_size > GROWTH_LIMIT * base:
        return f"the serving file grew beyond {GROWTH_LIMIT}x its full-publish size ({base} bytes)"
    return ""


def attach_copy(
    con: duckdb.DuckDBPyConnection, alias: str, tmp_db: Path, serving_db: Path, manifest: dict, reason: str
) -> str:
    """Attach ``tmp_db`` as ``alias``: a byte copy of the live serving file unless ``reason`` says why not, or the
    copy can't be opened or is not the publish ``manifest`` describes (then an empty file). Returns the reason for
    a full publish ("" for a delta publish)."""
    attach = f"attach '{_sql_str(tmp_db)}' as {alias} (read_write)"
    if not reason:
        try:
            shutil.copyfile(serving_db, tmp_db)
            con.execute(attach)
            if _stored_manifest_matches(con, alias, manifest):
                return ""
            reason = "the live file does not hold the publish its manifest describes"
        except (OSError, duckdb.Error) as exc:
            reason = f"the live serving file can't be copied or opened: {exc}"
        con.execute(f"detach database if exists {alias}")
        for leftover in (tmp_db, tmp_db.with_name(tmp_db.name + ".wal")):
            leftover.unlink(missing_ok=True)
    con.execute(attach)
    return reason


def _stored_manifest_matches(con: duckdb.DuckDBPyConnection, alias: str, manifest: dict) -> bool:
    """Whether the copy's ``ops.publish_manifest`` is the publish the manifest file describes."""
    try:
        stored = con.execute(f"select manifest from {alias}.ops.publish_manifest").fetchall()
        inside = json.loads(stored[0][0]) if len(stored) == 1 else {}
    except (duckdb.Error, ValueError):      # no such table or column, not JSON
        return False
    return all(inside.get(key) == manifest.get(key) for key in ("built_at", "export_generation", "row_counts"))


def drop_unplanned(con: duckdb.DuckDBPyConnection, alias: str, planned: set[tuple[str, str]]) -> None:
    """Drop the copy's schemas and tables that the plan does not list (ops.publish_manifest is stored afresh) and
    any view: nothing a read-write holder of the serving file added survives the next publish."""
    schemas = {schema for schema, _ in planned} | {"main"}
    for (schema,) in con.execute(
        "select schema_name from duckdb_schemas() where database_name = ? and not internal", [alias]
    ).fetchall():
        if schema not in schemas:
            con.execute(f'drop schema {alias}."{schema}" cascade')
    rows = con.execute(
        "select table_schema, table_name, table_type from information_schema.tables where table_catalog = ?", [alias]
    ).fetchall()
    for schema, name, kind in rows:
        if (schema, name) not in planned or kind == "VIEW":
            con.execute(f'drop {"view" if kind == "VIEW" else "table"} {alias}."{schema}"."{name}"')


def apply_delta(cursor: duckdb.DuckDBPyConnection, target: str, source: str, materialise: bool) -> TableUpdate | str:
    """Bring the table ``target`` (in the copy) to the rows of ``source`` (a build table, or a select when
    ``materialise``: it is computed once, into a temporary table) in one transaction; returns the update, or why the
    table must be copied instead (then nothing changed)."""
    existing = _columns(cursor, target)
    if existing is None:
        return "new table"
    if existing != _columns(cursor, source if not materialise else f"({source})"):
        return "columns changed"
    cursor.execute("begin transaction")
    try:
        if materialise:
            cursor.execute(f"create or replace temp table vnwh_delta_source as {source}")
            source = "vnwh_delta_source"
        update = _apply_in_transaction(cursor, target, source)
        cursor.execute("rollback" if isinstance(update, str) else "commit")
    except BaseException:
        cursor.execute("rollback")
        raise
    return update


def _apply_in_transaction(cursor: duckdb.DuckDBPyConnection, target: str, source: str) -> TableUpdate | str:
    """Delete the copy's surplus occurrences of each row hash, insert the build's missing ones, check the result."""
    cursor.execute(f"create or replace temp table vnwh_build_hashes as select hash({_B}) h, {_B}.rowid r"
                   f" from {source} {_B}")
    cursor.execute(f"create or replace temp table vnwh_copy_hashes as select hash({_C}) h, {_C}.rowid r"
                   f" from {target} {_C}")
    want = _count_and_sum(cursor, "vnwh_build_hashes")
    _plan_by_anti_join(cursor)
    planned = _predicted(cursor)
    if planned.result != want:          # a row hash occurs a different number of times (> 0) on each side
        _plan_by_counts(cursor)
        planned = _predicted(cursor)
    if planned.result != want:          # no write can fix that: the caller rolls back and copies the table
        return DELTA_MISSES
    deleted = cursor.execute(
        f"delete from {target} where rowid in (select r from vnwh_surplus)").fetchone()[0]
    inserted = cursor.execute(
        f"insert into {target} select * from {source} where rowid in (select r from vnwh_missing)").fetchone()[0]
    cursor.execute("drop table vnwh_build_hashes; drop table vnwh_copy_hashes; drop table vnwh_surplus;"
                   " drop table vnwh_missing; drop table if exists vnwh_delta_source")
    if (deleted, inserted) != (planned.deleted, planned.inserted):
        return DELTA_MISSES
    return TableUpdate("delta", want[0], deleted, inserted)


def _plan_by_anti_join(cursor: duckdb.DuckDBPyConnection) -> None:
    """The rows whose hash the other side lacks: the whole delta when no hash occurs on both sides a different
    number of times (true when rows are unique, the usual case; ``_predicted`` tells)."""
    cursor.execute("create or replace temp table vnwh_surplus as"
                   " select h, r from vnwh_copy_hashes anti join vnwh_build_hashes using (h)")
    cursor.execute("create or replace temp table vnwh_missing as"
                   " select h, r from vnwh_build_hashes anti join vnwh_copy_hashes using (h)")


def _plan_by_counts(cursor: duckdb.DuckDBPyConnection) -> None:
    """Exact for any multiset: per hash, the copy's occurrences beyond the build's and the build's beyond the copy's
    (k > 0: the build has k more rows with hash h than the copy; k < 0: the copy has -k more)."""
    cursor.execute(
        "create or replace temp table vnwh_hash_changes as select h, sum(d)::bigint k from"
        " (select h, 1 d from vnwh_build_hashes union all select h, -1 d from vnwh_copy_hashes)"
        " group by h having sum(d) <> 0"
    )
    for table, side, sign in (("vnwh_surplus", "vnwh_copy_hashes", "-"), ("vnwh_missing", "vnwh_build_hashes", "")):
        cursor.execute(f"create or replace temp table {table} as select h, r from {side} join vnwh_hash_changes"
                       f" using (h) where {sign}k > 0 qualify row_number() over (partition by h) <= {sign}k")
    cursor.execute("drop table vnwh_hash_changes")


@dataclass(frozen=True)
class _Plan:
    deleted: int
    inserted: int
    result: tuple[int, int]     # row count and hash sum of the copy once the planned rows are deleted and inserted


def _predicted(cursor: duckdb.DuckDBPyConnection) -> _Plan:
    """What deleting the planned surplus rows and inserting the planned missing ones makes of the copy."""
    (copy_rows, copy_sum), (gone, gone_sum), (new, new_sum) = (
        _count_and_sum(cursor, table) for table in ("vnwh_copy_hashes", "vnwh_surplus", "vnwh_missing"))
    return _Plan(gone, new, (copy_rows - gone + new, copy_sum - gone_sum + new_sum))


def _count_and_sum(cursor: duckdb.DuckDBPyConnection, hashes: str) -> tuple[int, int]:
    return cursor.execute(f"select count(*), coalesce(sum(h::hugeint), 0) from {hashes}").fetchone()


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def _columns(cursor: duckdb.DuckDBPyConnection, relation: str) -> list[tuple] | None:
    try:
        return cursor.execute(f"select column_name, column_type from (describe {relation})").fetchall()
    except duckdb.CatalogException:
        return None
