"""`make bench`: every benchmark in sequence (parse, extract, crawl, refresh, query), one table, bench/results.json.

VNWH_BENCH_SCALE=small|default|full (see bench/README.md). `python -m bench --table` prints the table of an
existing results.json (e.g. after running single benchmarks).
"""
from __future__ import annotations

import sys
import traceback

from bench import common
from bench import crawl as crawl_bench
from bench import extract as extract_bench
from bench import parse as parse_bench
from bench import query as query_bench
from bench import refresh as refresh_bench

# key -> (target, "higher" | "lower" is better); targets from issue 8
TARGETS = {
    "parse.speedup_vs_trafilatura": (5.0, "higher"),
    "parse.f1_ours": ("parse.f1_trafilatura", "higher"),
    "extract.articles_per_s": (300.0, "higher"),
    "extract.peak_rss_mb": (1024.0, "lower"),
    "crawl.pages_per_min": (3000.0, "higher"),
    "crawl.polite_rate_error_pct": (5.0, "lower"),
    "refresh.incremental_ratio": (0.05, "lower"),
    "refresh.incremental_ratio_100k_est": (0.05, "lower"),
}
BENCHMARKS = [("parse", parse_bench), ("extract", extract_bench), ("crawl", crawl_bench),
              ("refresh", refresh_bench), ("query", query_bench)]


def _verdict(key: str, value, figures: dict) -> tuple[str, str]:
    if key not in TARGETS or value is None:
        return "", ""
    target, better = TARGETS[key]
    if isinstance(target, str):
        target = figures.get(target)
        if target is None:
            return "", ""
    ok = value >= target if better == "higher" else value <= target
    return f"{'>=' if better == 'higher' else '<='} {target:g}", "ok" if ok else "MISS"


def table(figures: dict) -> str:
    lines = [f"{'figure':40s} {'value':>12s}  {'target':>12s}  ", "-" * 74]
    for key, value in figures.items():
        target, verdict = _verdict(key, value, figures)
        shown = f"{value:,.4g}" if isinstance(value, float) else str(value)
        lines.append(f"{key:40s} {shown:>12s}  {target:>12s}  {verdict}")
    return "\n".join(lines)


def print_saved_table() -> int:
    """`python -m bench --table`: the table of the figures already in bench/results.json (e.g. after single runs)."""
    import json

    doc = json.loads(common.RESULTS_FILE.read_text(encoding="utf-8"))
    figures = {k: v for k, v in doc.items() if "." in k and not isinstance(v, dict)}
    print(f"scale={doc.get('scale')} date={doc.get('date')} machine={doc.get('machine')}\n"
          f"versions={doc.get('versions')}\n\n{table(figures)}")
    return 0


def main() -> int:
    if "--table" in sys.argv[1:]:
        return print_saved_table()
    common.RESULTS_FILE.unlink(missing_ok=True)
    print(f"vnwh benchmarks, scale={common.scale_name()} ({common.scale()}), machine={common.machine()}")
    figures: dict = {}
    failed = []
    with common.Timer() as total:
        for name, module in BENCHMARKS:
            if name == "query" and "refresh" in failed:
                failed.append(name)                       # its warehouse is the refresh benchmark's
                print("\n== query: skipped (the refresh benchmark, which builds its warehouse, failed)")
                continue
            try:
                got, _ = common.run_benchmark(name, module.run)
                figures.update(got)
            except Exception:  # noqa: BLE001 - one broken benchmark must not hide the others
                failed.append(name)
                traceback.print_exc()
    common.save({}, {"failed": failed}, {"total": round(total.seconds, 1)})
    print(f"\n{table(figures)}\n\ntotal {total.seconds / 60:.1f} min; results in {common.RESULTS_FILE}")
    if failed:
        print(f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
