"""Extraction throughput and peak memory, on generated articles (bench.corpus), each run in a fresh process.

- pure: ``extraction.extract_article`` over N articles (generation time excluded), one core;
- end-to-end: N articles landed with ``warehouse.landing.land_articles`` into a temp DuckDB, then
  ``warehouse.facts.extract_pending`` (read pending, extract, write mentions) timed on its own.

    uv run python -m bench.extract            # sizes from VNWH_BENCH_SCALE
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import datetime
from itertools import islice
from pathlib import Path

from bench import common, corpus

TARGET_PER_S = 300
TARGET_RSS_MB = 1024
LAND_BATCH = 5_000


def pure(n: int) -> dict:
    from extraction import extract_article

    extract_article("Khởi động", None, "Tỉnh Nghệ An và tỉnh Bolikhamxay của Lào.", None)   # build indexes once
    spent = 0.0
    facts = chars = 0
    for a in corpus.articles(n):
        published = datetime.fromisoformat(a["published_at"])
        started = time.perf_counter()
        result = extract_article(a["title"], a["sapo"], a["text"], published)
        spent += time.perf_counter() - started
        facts += len(result.trade) + len(result.investments) + len(result.events)
        chars += len(a["text"])
    return {"articles": n, "seconds": round(spent, 2), "articles_per_s": round(n / spent, 1),
            "facts": facts, "mean_chars": chars // n, "peak_rss_mb": round(common.peak_rss_mb(), 1)}


def land(con, n: int, start: int = 0, batch: int = LAND_BATCH) -> float:
    """Land ``n`` generated articles in big batches; returns the seconds spent inside land_articles."""
    from warehouse.landing import land_articles

    spent = 0.0
    records = corpus.records(n, start)
    while chunk := list(islice(records, batch)):
        started = time.perf_counter()
        land_articles(con, chunk)
        spent += time.perf_counter() - started
    return spent


def end_to_end(n: int) -> dict:
    from warehouse.db import connect
    from warehouse.facts import extract_pending

    with tempfile.TemporaryDirectory(prefix="vnwh-bench-") as tmp:
        con = connect(Path(tmp) / "extract.duckdb")
        land_s = land(con, n)
        rss_after_landing = common.peak_rss_mb()
        started = time.perf_counter()
        stats = extract_pending(con)
        seconds = time.perf_counter() - started
        mentions = stats.trade + stats.investments + stats.events
        con.close()
    return {"articles": stats.articles, "failed": stats.failed, "mentions": mentions, "seconds": round(seconds, 2),
            "articles_per_s": round(stats.articles / seconds, 1), "landing_s": round(land_s, 2),
            "landing_articles_per_s": round(n / land_s, 1), "peak_rss_mb_after_landing": round(rss_after_landing, 1),
            "peak_rss_mb": round(common.peak_rss_mb(), 1)}


def run() -> tuple[dict, dict]:
    sizes = common.scale()
    pure_stats = common.run_child("bench.extract", "--child", "pure", str(sizes["extract_pure"]))
    e2e_stats = common.run_child("bench.extract", "--child", "e2e", str(sizes["extract_e2e"]))
    figures = {
        "extract.articles_per_s": pure_stats["articles_per_s"],
        "extract.e2e_articles_per_s": e2e_stats["articles_per_s"],
        "extract.peak_rss_mb": max(pure_stats["peak_rss_mb"], e2e_stats["peak_rss_mb"]),
        "extract.landing_articles_per_s": e2e_stats["landing_articles_per_s"],
    }
    details = {"pure": pure_stats, "end_to_end": e2e_stats,
               "targets": {"articles_per_s": TARGET_PER_S, "peak_rss_mb_at_100k": TARGET_RSS_MB}}
    return figures, details


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(pure(int(sys.argv[3])) if sys.argv[2] == "pure" else end_to_end(int(sys.argv[3]))))
        return
    common.run_benchmark("extract", run, "extraction")


if __name__ == "__main__":
    main()
