"""Import a JSONL file the way `vnwh import` lands it, announcing each batch on stdout (for the kill -9 tests).

Usage: python land_driver.py DB JSONL. Prints "landing <k>" before batch k's transaction and "committed <k> <rows>"
after it; the test kills this process at a moment it picks from these lines.
"""
from __future__ import annotations

import sys

from warehouse import importer
from warehouse.db import connect

real_land = importer.land_articles
batches = {"n": 0}


def announcing_land(con, records):
    records = list(records)
    if not records:
        return real_land(con, records)
    batches["n"] += 1
    print(f"landing {batches['n']}", flush=True)
    stats = real_land(con, records)
    print(f"committed {batches['n']} {len(records)}", flush=True)
    return stats


def main(db: str, jsonl: str) -> None:
    importer.land_articles = announcing_land
    con = connect(db)
    try:
        stats = importer.import_files(con, [jsonl])
    finally:
        con.close()
    print(f"done {stats.landing.new} new {stats.landing.unchanged} unchanged", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
