"""A reader process for the concurrency tests: holds the serving copy open and keeps reading it.

Usage: python reader_probe.py MODE SERVING_DB OUT_JSON STOP_FILE READY_FILE
MODE "held": one connection opened at start and kept; "fresh": a new connection for every read. (Two modes, two
processes: DuckDB caches one database instance per path and process, so while a process holds a connection,
its new connections share that instance and keep seeing the file it opened.)
Writes {"snapshots": [...], "errors": [...]} where each snapshot is [event_mentions, trade_flows, built_at],
read in ONE statement (a consistent snapshot of one file).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

SNAPSHOT = (
    "select (select count(*) from marts.fct_event_mentions), (select count(*) from marts.fct_trade_flows),"
    " (select strftime(built_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.%g+00:00') from ops.publish_manifest)"
)


def main(mode: str, serving: str, out: str, stop: str, ready: str) -> None:
    held_con = duckdb.connect(serving, read_only=True) if mode == "held" else None
    result: dict[str, list] = {"snapshots": [], "errors": []}
    deadline = time.monotonic() + 40
    stopping = False
    while time.monotonic() < deadline:
        try:
            con = held_con or duckdb.connect(serving, read_only=True)
            try:
                result["snapshots"].append(list(con.execute(SNAPSHOT).fetchone()))
            finally:
                if con is not held_con:
                    con.close()
        except Exception as exc:  # noqa: BLE001 - every failure is a finding for the test
            result["errors"].append(f"{type(exc).__name__}: {exc}")
        Path(ready).touch()
        if stopping:
            break
        stopping = Path(stop).exists()  # one more full round after the last publish
        time.sleep(0.005)
    if held_con is not None:
        held_con.close()
    Path(out).write_text(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:6])
