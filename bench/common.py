"""Shared bits of the benchmarks: the scale knob, machine/version info, results.json, timing helpers.

VNWH_BENCH_SCALE: ``small`` (a quick smoke run, ~5 min), ``default`` (unset; `make bench`, < 20 min on 2 cores:
the refresh and query figures on the 100k-article warehouse the issue names) or ``full`` (also 100k articles of pure
extraction, more parses and crawl pages).
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS_FILE = BENCH_DIR / "results.json"

SCALES: dict[str, dict[str, int]] = {
    #              parses per tool, extraction articles (pure / end-to-end), crawl pages, warehouse sizes
    "small": {"parses": 600, "extract_pure": 1_500, "extract_e2e": 1_500, "crawl_pages": 600,
              "polite_requests": 30, "warehouse": 5_000, "dbt_small": 2_000, "query_repeats": 15},
    "default": {"parses": 2_200, "extract_pure": 10_000, "extract_e2e": 10_000, "crawl_pages": 2_000,
                "polite_requests": 50, "warehouse": 100_000, "dbt_small": 10_000, "query_repeats": 30},
    "full": {"parses": 4_000, "extract_pure": 100_000, "extract_e2e": 20_000, "crawl_pages": 6_000,
             "polite_requests": 80, "warehouse": 100_000, "dbt_small": 10_000, "query_repeats": 50},
}
TARGET_WAREHOUSE = 100_000


def scale_name() -> str:
    name = os.environ.get("VNWH_BENCH_SCALE", "default").strip().lower() or "default"
    if name not in SCALES:
        raise SystemExit(f"VNWH_BENCH_SCALE={name!r}: use one of {', '.join(SCALES)}")
    return name


def scale() -> dict[str, int]:
    return SCALES[scale_name()]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def machine() -> dict:
    return {"cpu_count": os.cpu_count(), "cpu_model": _cpu_model(), "memory_mb": _memory_mb(),
            "platform": platform.platform(), "load_avg_1_5_15": [round(x, 2) for x in os.getloadavg()]}


def _version(module: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(module)
    except PackageNotFoundError:
        return None


def git_revision() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def versions() -> dict:
    return {"python": platform.python_version(), "duckdb": _version("duckdb"), "dbt": _version("dbt-core"),
            "dbt_duckdb": _version("dbt-duckdb"), "dagster": _version("dagster"),
            "trafilatura": _version("trafilatura"), "vnwh": git_revision()}


def save(figures: dict, details: dict, elapsed: dict | None = None) -> dict:
    """Merge figures (flat dotted keys) and per-benchmark details into bench/results.json; returns the document."""
    try:
        doc = json.loads(RESULTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        doc = {}
    doc.update(figures)
    doc.setdefault("details", {}).update(details)
    doc.setdefault("elapsed_s", {}).update(elapsed or {})
    doc.update({"date": datetime.now(UTC).isoformat(timespec="seconds"), "scale": scale_name(),
                "machine": machine(), "versions": versions()})
    RESULTS_FILE.write_text(json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return doc


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start


def run_child(module: str, *args: str, env: dict | None = None, timeout: float = 1800) -> dict:
    """Run ``python -m module args`` in a fresh process; it prints one JSON object as its last stdout line."""
    result = subprocess.run([sys.executable, "-m", module, *args], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, **(env or {})}, timeout=timeout, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(title: str, figures: dict, notes: list[str] | None = None) -> None:
    print(f"\n== {title}")
    for key, value in figures.items():
        print(f"  {key:34s} {value}")
    for note in notes or []:
        print(f"  note: {note}")


def run_benchmark(name: str, run, title: str | None = None) -> tuple[dict, list[str]]:
    """Run one benchmark's ``run()`` (figures, details[, notes]), print its figures and merge them into results.json."""
    with Timer() as timer:
        outcome = run()
    figures, details = outcome[0], outcome[1]
    notes = outcome[2] if len(outcome) > 2 else []
    report(title or name, figures, notes)
    save(figures, {name: {**details, "notes": notes}}, {name: round(timer.seconds, 1)})
    return figures, notes
