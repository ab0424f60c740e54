"""Publish a consistent read-only copy of the warehouse for readers (BI tools, ``vnwh query``, the report).

DuckDB allows one writer per file and a writer locks out every reader (see ``../shared/STACK_NOTES.md``), so readers
never open the build file. After each successful build, ``publish()``:

1. opens the build file read-only (the caller must have closed its own connection to it),
2. copies every table and view of the ``marts`` schema into a NEW DuckDB file beside the target, as tables
   (views are materialised, so the copy depends on nothing else), plus a small ``ops`` schema for data-quality
   reporting (article metadata without the article text, unknown places, ingest errors, extraction runs).
   On a refresh the new file starts as a byte copy of the live serving file and each table receives only its
   changed rows (``warehouse.publish_delta``: when that is not possible, or ``full=True``, it is copied whole),
3. checkpoints and closes it, then ``os.replace``-s it onto ``serving.duckdb``. A reader that has the old file open
   keeps its inode (POSIX) and keeps working; new readers open the new file; nobody sees a half-built file, and
   the publish never opens the serving file as a database (a refresh only reads its bytes), so readers can't
   block it,
4. writes Parquet exports of every marts table (``exports/<table>/data.parquet``) into a fresh generation folder
   and atomically re-points the ``exports`` symlink at it; a table whose content fingerprint equals the live
   generation's is hard-linked from it instead of exported again (see ``warehouse.exports``),
5. writes ``serving.manifest.json`` atomically (the same manifest is stored inside the copy, ``ops.publish_manifest``).

Steps 2 and 4 run together on two threads (``warehouse.publish_copy``): each table is copied in its own
transaction while the marts are exported from the build file. A failure in either fails the publish before step 3:
the temporary file and the new generation folder are removed, the live copy and exports are untouched (a killed
publish leaves a temporary file that the next publish removes, and a generation folder that is pruned later).
The manifest is stored inside the copy once all tables are copied and exported; then the copy is checkpointed.

Publishes are serialised with an advisory lock file beside the target.
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import exports as parquet
from warehouse.db import db_path, serving_path
from warehouse.publish_copy import (
    MARTS_SCHEMA,
    OPS_SCHEMA,
    PublishError,
    copy_and_export,
    open_build,
    plan_copies,
    prepare_copy,
    set_timezone,
)
from warehouse.publish_delta import attach_copy, full_publish_reason


@dataclass(frozen=True)
class PublishManifest:
    built_at: str
    source_build_file: str
    serving_file: str
    exports_dir: str
    row_counts: dict[str, int]
    git_revision: str | None
    vnwh_version: str | None
    duration_s: float
    exports: dict[str, str] = field(default_factory=dict)
    export_generation: str = ""                                            # the folder ``exports`` points at
    export_fingerprints: dict[str, str] = field(default_factory=dict)     # table -> content fingerprint
    mode: str = "full"                  # "full" (every table copied) or "delta" (from the live file's bytes)
    full_reason: str = ""               # why a full publish (see publish_delta.full_publish_reason)
    full_copy_bytes: int = 0            # the file's size right after its last full publish (the growth guard)
    table_updates: dict[str, dict] = field(default_factory=dict)    # schema.table -> how, rows, deleted, ...

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True)


def manifest_path(serving_db: Path) -> Path:
    return serving_db.with_name(serving_db.stem + ".manifest.json")


def publish(
    build_db: Path | None = None, serving_db: Path | None = None, exports_dir: Path | None = None,
    full: bool | None = None,
) -> PublishManifest:
    """Copy the build's marts into a new serving file (from the live one's bytes and the changed rows, unless
    ``full`` or ``$VNWH_PUBLISH_FULL``), swap it in atomically, export Parquet, write a manifest."""
    started = time.monotonic()
    build_db = Path(build_db or db_path()).resolve()
    serving_db = Path(serving_db or serving_path()).resolve()
    exports_dir = Path(exports_dir or serving_db.with_name("exports")).absolute()
    if not build_db.exists():
        raise PublishError(f"build file {build_db} does not exist: run the build first")
    if build_db == serving_db:
        raise PublishError("the serving file must differ from the build file")
    serving_db.parent.mkdir(parents=True, exist_ok=True)
    with _publish_lock(serving_db):
        _remove_quietly(*serving_db.parent.glob(f".{serving_db.name}.tmp-*"))  # left by a crashed publish
        tmp_db = serving_db.with_name(f".{serving_db.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        generation = parquet.new_generation(exports_dir)
        previous = _read_manifest(manifest_path(serving_db))
        live = parquet.live_fingerprints(previous, exports_dir)
        swapped = False
        try:
            header = {
                "built_at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                "source_build_file": str(build_db),
                "serving_file": str(serving_db),
                "exports_dir": str(exports_dir),
                "git_revision": git_revision(),
                "vnwh_version": vnwh_version(),
                "duration_s": 0.0,
                "export_generation": generation.name,
                "full_reason": full_publish_reason(serving_db, previous, full),
                "full_copy_bytes": (previous or {}).get("full_copy_bytes", 0),
            }
            manifest = _copy_build(build_db, tmp_db, header, live, previous or {})
            _swap_file(tmp_db, serving_db)
            _point_symlink(exports_dir, generation)
            swapped = True
        finally:
            _remove_quietly(tmp_db, tmp_db.with_name(tmp_db.name + ".wal"))
            if not swapped:
                shutil.rmtree(generation, ignore_errors=True)
        parquet.prune_generations(exports_dir, keep={generation.name})
        manifest = PublishManifest(**{**asdict(manifest), "duration_s": round(time.monotonic() - started, 3)})
        _write_atomically(manifest_path(serving_db), manifest.to_json() + "\n")
    return manifest


def _copy_build(build_db: Path, tmp_db: Path, header: dict, live: tuple, previous: dict) -> PublishManifest:
    """Copy marts (+ ops) into tmp_db (the ``previous`` publish's bytes and the changed rows, unless ``header``
    gives a full-publish reason) and export the marts into the generation folder ``header`` names (reusing the
    ``live`` generation's unchanged files), store the manifest inside the copy and checkpoint it."""
    alias = f"vnwh_publish_{uuid.uuid4().hex[:8]}"
    con = open_build(build_db)
    try:
        reason = attach_copy(con, alias, tmp_db, Path(header["serving_file"]), previous, header["full_reason"])
        try:
            header = {**header, "full_reason": reason}
            manifest = _fill_copy(con, alias, build_db, header, live, tmp_db)
            con.execute(f"checkpoint {alias}")
        finally:
            con.execute(f"detach {alias}")
    finally:
        con.close()
    return manifest


def _fill_copy(
    con: duckdb.DuckDBPyConnection, alias: str, build_db: Path, header: dict, live: tuple, tmp_db: Path
) -> PublishManifest:
    """The copy's tables, the Parquet generation and the manifest stored inside the copy; returns the manifest."""
    plan = plan_copies(con)
    if not any(copy.schema == MARTS_SCHEMA for copy in plan):
        raise PublishError(f"{build_db} has no tables or views in schema '{MARTS_SCHEMA}': run dbt first")
    delta = not header["full_reason"]
    prepare_copy(con, alias, plan, delta)
    exports_dir = Path(header["exports_dir"])
    generation = exports_dir.with_name(header["export_generation"])
    generation.mkdir(parents=True)
    updates, exported = copy_and_export(con, plan, alias, generation, live, setup=set_timezone, delta=delta)
    counts = {key: update.rows for key, update in updates.items()}
    names = [copy.name for copy in plan if copy.schema == MARTS_SCHEMA]
    for name in names:
        if exported[name].rows != counts[f"{MARTS_SCHEMA}.{name}"]:
            raise PublishError(f"{build_db} changed during the publish ({MARTS_SCHEMA}.{name}): publish again")
    if not delta:
        con.execute(f"checkpoint {alias}")      # the size the growth guard compares with
        header = {**header, "full_copy_bytes": tmp_db.stat().st_size}
    manifest = PublishManifest(
        **header, row_counts={copy.key: counts[copy.key] for copy in plan},
        exports={name: str(exports_dir / name) for name in names},
        export_fingerprints={name: exported[name].fingerprint for name in names},
        mode="delta" if delta else "full", table_updates={copy.key: updates[copy.key].as_dict() for copy in plan},
    )
    _store_manifest_inside(con, alias, manifest)
    return manifest


def _store_manifest_inside(con: duckdb.DuckDBPyConnection, alias: str, manifest: PublishManifest) -> None:
    con.execute(f"create schema if not exists {alias}.{OPS_SCHEMA}")
    con.execute(f"create table {alias}.{OPS_SCHEMA}.publish_manifest (built_at timestamptz, manifest json)")
    con.execute(f"insert into {alias}.{OPS_SCHEMA}.publish_manifest values (?, ?)",
                [manifest.built_at, manifest.to_json()])


def _read_manifest(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _swap_file(tmp_db: Path, serving_db: Path) -> None:
    wal = tmp_db.with_name(tmp_db.name + ".wal")
    if wal.exists():
        raise PublishError(f"{wal} still exists after checkpoint: refusing to publish a copy that needs its WAL")
    # A WAL beside the target would be replayed onto the new file by the next writer; the copy is complete without it.
    _remove_quietly(serving_db.with_name(serving_db.name + ".wal"))
    os.replace(tmp_db, serving_db)
    parquet.fsync_dir(serving_db.parent)


def _point_symlink(exports_dir: Path, generation: Path) -> None:
    try:
        parquet.point_symlink(exports_dir, generation)
    except NotADirectoryError as exc:
        raise PublishError(str(exc)) from exc


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def _publish_lock(serving_db: Path) -> Iterator[None]:
    lock_path = serving_db.with_name(serving_db.name + ".publish.lock")
    with open(lock_path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def git_revision() -> str | None:
    """The repository's HEAD commit, or None when git or the repository is not there."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=Path(__file__).resolve().parent, capture_output=True, text=True, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def vnwh_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("vnwh")
    except PackageNotFoundError:
        return None


def _remove_quietly(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
