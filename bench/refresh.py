"""Incremental refresh: a full build of an N-article warehouse vs a refresh that adds 1 % new articles.

"Build" = ``orchestration.runner.run_job("build_job")`` in-process (reference data, extraction over pending
articles, dbt build, publish of the serving copy), exactly what ``vnwh build`` runs, with VNWH_DB pointing at a
temp file. Articles are generated (bench.corpus) and landed beforehand with ``land_articles`` in big batches (landing
is timed separately: it is the ingest job's work, not the build's). Also times ``dbt build --full-refresh`` alone
(dbt CLI, same project) at the small size (a copy of the raw layer restricted to its first articles) and at N.

The warehouse is kept in $TMPDIR/vnwh-bench/<scale>/ for bench.query.

    uv run python -m bench.refresh
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from bench import common, corpus

TARGET_RATIO = 0.05
DBT_DIR = common.REPO / "dbt_project"
ARTICLE_TABLES = ("articles", "extractions", "trade_mentions", "investment_mentions", "event_mentions",
                  "unknown_places")


def work_dir(scale: str | None = None) -> Path:
    return Path(tempfile.gettempdir()) / "vnwh-bench" / (scale or common.scale_name())


def _use(db: Path) -> None:
    os.environ["VNWH_DB"] = str(db)
    os.environ["VNWH_SERVING_DB"] = str(db.with_name("serving.duckdb"))
    # the ephemeral Dagster instance, as `vnwh build` uses without $DAGSTER_HOME: the figures are the
    # warehouse's work, not the event log storage's (see bench/FINDINGS.md for the SQLite instance's cost)
    os.environ.pop("DAGSTER_HOME", None)


LAND_CHUNK = 2_000


def _records_chunk(bounds: tuple[int, int]) -> list:
    start, n = bounds
    return list(corpus.records(n, start))


def _generated(pool, chunks: list[tuple[int, int]], ahead: int = 2) -> Iterator[list]:
    """The chunks' records in order, at most ``ahead`` chunks generated and waiting at a time.

    ``pool.imap`` hands out every chunk at once: when landing is slower than the two generating processes, the
    finished chunks pile up in this process and the full build's peak RSS measured that queue, not the warehouse
    (at 100k articles: 900-1,059 MB with imap, 703 MB with this; bench/FINDINGS.md)."""
    waiting: deque = deque()
    for bounds in chunks:
        waiting.append(pool.apply_async(_records_chunk, (bounds,)))
        if len(waiting) > ahead:
            yield waiting.popleft().get()
    while waiting:
        yield waiting.popleft().get()


def _land(db: Path, n: int, start: int) -> float:
    """Land ``n`` generated articles; two processes generate them while this one lands (landing time returned)."""
    from warehouse.db import connect
    from warehouse.landing import land_articles

    chunks = [(first, min(LAND_CHUNK, start + n - first)) for first in range(start, start + n, LAND_CHUNK)]
    spent = 0.0
    # spawned, not forked: the refresh's landing runs after builds, when this process has threads (a fork can hang)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        con = connect(db)
        try:
            for records in _generated(pool, chunks):
                started = time.perf_counter()
                land_articles(con, records)
                spent += time.perf_counter() - started
        finally:
            con.close()
    return spent


def _build() -> tuple[float, dict]:
    from orchestration.runner import run_job

    started = time.perf_counter()
    outcome = run_job("build_job")
    seconds = time.perf_counter() - started
    if not outcome.success:
        raise RuntimeError(f"build_job failed: {outcome.failures}")
    extraction = outcome.metadata.get("raw/extractions", {})
    return seconds, {"extraction_s": extraction.get("duration_s"), "extracted": extraction.get("articles_extracted"),
                     "steps_s": outcome.step_seconds}


def _dbt(db: Path, *args: str) -> float:
    target = db.parent / "dbt_target"
    base = [str(Path(sys.executable).with_name("dbt")), "--quiet"]
    common_args = ["--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR), "--target-path", str(target),
                   "--log-path", str(db.parent / "dbt_logs")]
    env = {**os.environ, "VNWH_DB": str(db)}
    subprocess.run([*base, "parse", *common_args], env=env, check=True, capture_output=True)
    started = time.perf_counter()
    result = subprocess.run([*base, "build", *common_args, *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"dbt build failed on {db}:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}")
    return seconds


def _subset(source: Path, target: Path, n: int) -> None:
    """A copy of the raw layer holding only the first ``n`` articles (by id) and their extraction rows."""
    import duckdb

    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    con.execute(f"attach '{source}' as src (read_only)")
    con.execute("create schema raw")
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = 'src' and schema_name = 'raw'").fetchall()]
    con.execute(f"create temp table keep as select article_id from src.raw.articles order by article_id limit {n}")
    for table in tables:
        where = " where article_id in (select article_id from keep)" if table in ARTICLE_TABLES else ""
        con.execute(f"create table raw.{table} as select * from src.raw.{table}{where}")
    con.execute("detach src")
    con.close()


def measure(n: int, small: int) -> dict:
    folder = work_dir()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "build.duckdb"
    _use(db)
    new = max(1, n // 100)
    out: dict = {"articles": n, "new_articles": new}
    out["landing_s"] = round(_land(db, n, 0), 2)
    full_s, full_meta = _build()
    out["full_build_peak_rss_mb"] = round(common.peak_rss_mb(), 1)   # landing + the build that extracted all n
    out.update(full_build_s=round(full_s, 2), full_build_extraction_s=full_meta["extraction_s"],
               full_build_steps_s=full_meta["steps_s"])
    noop_s, noop_meta = _build()
    out.update(noop_refresh_s=round(noop_s, 2), noop_steps_s=noop_meta["steps_s"])
    out.update(_refreshes(db, n, new))
    out["dbt_full_refresh_s_at_n"] = _dbt_full_refresh(db, folder, n)
    out["dbt_full_refresh_s_at_small"] = _dbt_full_refresh(db, folder, small)
    out["small_articles"] = small
    out["serving_db"] = str(db.with_name("serving.duckdb"))
    out["peak_rss_mb"] = round(common.peak_rss_mb(), 1)
    return out


REFRESHES = 3     # +1 % refreshes in a row; the median is the figure (one run alone varies by about +-1 s here)


def _refreshes(db: Path, n: int, new: int) -> dict:
    """``REFRESHES`` builds in a row, each after landing ``new`` more articles; the median one's figures, and each
    run's seconds."""
    runs = []
    for index in range(REFRESHES):
        landing_s = _land(db, new, n + index * new)
        seconds, meta = _build()
        runs.append({"refresh_s": round(seconds, 2), "refresh_landing_s": round(landing_s, 2),
                     "refresh_extraction_s": meta["extraction_s"], "refresh_extracted": meta["extracted"],
                     "refresh_steps_s": meta["steps_s"]})
    median = sorted(runs, key=lambda run: run["refresh_s"])[len(runs) // 2]
    return {**median, "refresh_runs_s": [run["refresh_s"] for run in runs]}


def _dbt_full_refresh(db: Path, folder: Path, n: int) -> float:
    """``dbt build --full-refresh`` alone on a copy of the raw layer holding the first ``n`` articles."""
    subset = folder / "subset" / "build.duckdb"
    subset.parent.mkdir()
    try:
        _subset(db, subset, n)
        return round(_dbt(subset, "--full-refresh"), 2)
    finally:
        shutil.rmtree(subset.parent, ignore_errors=True)


def run() -> tuple[dict, dict, list[str]]:
    sizes = common.scale()
    n = sizes["warehouse"]
    stats = common.run_child("bench.refresh", "--child", str(n), str(sizes["dbt_small"]), timeout=3600)
    ratio = stats["refresh_s"] / stats["full_build_s"]
    figures = {"refresh.incremental_ratio": round(ratio, 4), "refresh.full_build_s": stats["full_build_s"],
               "refresh.refresh_s": stats["refresh_s"], "refresh.refresh_runs_s": stats["refresh_runs_s"],
               "refresh.noop_s": stats["noop_refresh_s"],
               "refresh.articles": n, "refresh.full_build_peak_rss_mb": stats["full_build_peak_rss_mb"],
               f"refresh.dbt_build_s_at_{stats['small_articles'] // 1000}k": stats["dbt_full_refresh_s_at_small"],
               f"refresh.dbt_build_s_at_{n // 1000}k": stats["dbt_full_refresh_s_at_n"]}
    notes = []
    if n < common.TARGET_WAREHOUSE:
        figures.update(_extrapolate(stats, common.TARGET_WAREHOUSE))
        notes.append(f"measured at {n:,} articles (VNWH_BENCH_SCALE={common.scale_name()}); *_100k_est figures are "
                     "linear extrapolations, not measurements; VNWH_BENCH_SCALE=full measures 100k")
    return figures, {"measured": stats, "target_ratio": TARGET_RATIO}, notes


def _extrapolate(stats: dict, target: int) -> dict:
    """Linear in articles for the build's variable part (extraction + dbt), refresh cost assumed as measured."""
    n, small = stats["articles"], stats["small_articles"]
    dbt_n, dbt_small = stats["dbt_full_refresh_s_at_n"], stats["dbt_full_refresh_s_at_small"]
    # at small sizes dbt's fixed cost dominates and the two runs' noise can make the difference negative
    dbt_per_article = max(0.0, (dbt_n - dbt_small) / (n - small)) if n > small else dbt_n / n
    dbt_est = dbt_n + dbt_per_article * (target - n)
    extraction = stats["full_build_extraction_s"] or 0.0
    full_est = stats["full_build_s"] + extraction * (target / n - 1) + (dbt_est - dbt_n)
    # 1 % of 100k = more new articles: the refresh's extraction scales; its dbt part is assumed to grow like a full
    # dbt build (table models and data tests read every row) - the conservative bound reported as the estimate
    extra_extraction = (stats["refresh_extraction_s"] or 0.0) * (target / n - 1)
    optimistic = stats["refresh_s"] + extra_extraction
    conservative = optimistic + (dbt_est - dbt_n)
    return {"refresh.dbt_build_s_100k_est": round(dbt_est, 1), "refresh.full_build_s_100k_est": round(full_est, 1),
            "refresh.incremental_ratio_100k_est": round(conservative / full_est, 4),
            "refresh.incremental_ratio_100k_est_optimistic": round(optimistic / full_est, 4)}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]))))
        return
    common.run_benchmark("refresh", run, "incremental refresh")


if __name__ == "__main__":
    main()
