"""Open, query and close the serving copy as fast as possible until told to stop (readers vs writers tests).

Usage: python serving_reader.py SERVING_DB STOP_FILE OUT_JSON. Writes {"absent": n, "counts": [...], "errors": [...]}:
"absent" counts the opens before the first publish; every other failure is an error.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb


def main(serving: str, stop: str, out: str) -> None:
    seen: dict[str, list] = {"absent": 0, "counts": [], "errors": []}
    deadline = time.monotonic() + 240
    while not Path(stop).exists() and time.monotonic() < deadline:
        if not Path(serving).exists():
            seen["absent"] += 1
            time.sleep(0.01)
            continue
        try:
            con = duckdb.connect(serving, read_only=True)
            try:
                seen["counts"].append(con.execute("select count(*) from marts.dim_articles").fetchone()[0])
            finally:
                con.close()
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            seen["errors"].append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.005)
    Path(out).write_text(json.dumps(seen))


if __name__ == "__main__":
    main(*sys.argv[1:4])
