"""Hold a DuckDB file open (read-only) until a stop file appears: a BI tool pointed at the wrong file.

Usage: python holder.py DB READY_FILE STOP_FILE
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import duckdb


def main(db: str, ready: str, stop: str) -> None:
    con = duckdb.connect(db, read_only=True)
    Path(ready).touch()
    deadline = time.monotonic() + 180
    while not Path(stop).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    con.close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
