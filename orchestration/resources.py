"""Resources shared by the assets: the warehouse (one DuckDB file, one writer at a time)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from warehouse import db

# Every asset that writes the build file runs in this pool; its limit is 1 (see dagster.yaml and README).
WRITER_POOL = "vnwh_warehouse_writer"


class WarehouseResource(dg.ConfigurableResource):
    """The build DuckDB file (``$VNWH_DB`` or ``warehouse/vnwh.duckdb`` unless ``path`` is set)."""

    path: str | None = None

    def db_file(self) -> Path:
        return Path(self.path).resolve() if self.path else db.db_path()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = db.connect(self.db_file())
        try:
            yield con
        finally:
            con.close()
