"""bench: how every benchmark script and `make bench` print and record figures, how parse speeds are timed."""
from __future__ import annotations

import json
import time

from bench import common


def test_run_benchmark_prints_and_merges_figures_details_and_notes(tmp_path, monkeypatch, capsys):
    results = tmp_path / "results.json"
    monkeypatch.setattr(common, "RESULTS_FILE", results)
    results.write_text(json.dumps({"parse.f1_ours": 1.0, "details": {"parse": {"pages": 15}}}))

    figures, notes = common.run_benchmark("crawl", lambda: ({"crawl.pages_per_min": 9000.0}, {"served": 20},
                                                            ["politeness off"]), "crawl engine")
    assert figures == {"crawl.pages_per_min": 9000.0} and notes == ["politeness off"]
    out = capsys.readouterr().out
    assert "== crawl engine" in out and "crawl.pages_per_min" in out and "note: politeness off" in out
    doc = json.loads(results.read_text())
    assert doc["parse.f1_ours"] == 1.0 and doc["crawl.pages_per_min"] == 9000.0        # merged, not replaced
    assert doc["details"]["crawl"] == {"served": 20, "notes": ["politeness off"]}
    assert doc["details"]["parse"] == {"pages": 15} and "crawl" in doc["elapsed_s"]


def test_a_benchmark_without_notes_records_an_empty_list(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "RESULTS_FILE", tmp_path / "results.json")
    assert common.run_benchmark("extract", lambda: ({"extract.articles_per_s": 500.0}, {})) == (
        {"extract.articles_per_s": 500.0}, [])
    assert json.loads((tmp_path / "results.json").read_text())["details"]["extract"] == {"notes": []}


def test_parse_speeds_interleave_the_tools_and_time_each_one():
    from bench.parse import speeds

    calls: list[str] = []

    def tool(name: str, pause: float):
        def run(page: dict) -> None:
            calls.append(name)
            time.sleep(pause)
        return run

    pages = [{"html": "", "url": None}] * 3
    timed = speeds({"fast": tool("fast", 0.001), "slow": tool("slow", 0.004)}, pages, parses=12)
    assert timed["fast"]["parses"] == timed["slow"]["parses"] == 12
    assert timed["slow"]["seconds"] > 2 * timed["fast"]["seconds"]
    # after one warm-up call each, passes alternate and the order turns: fast, slow, slow, fast, fast, slow, ...
    passes = [calls[i] for i in range(2, len(calls), 3)]
    assert passes == ["fast", "slow", "slow", "fast", "fast", "slow", "slow", "fast"]


def test_the_refresh_figure_is_the_median_of_three_one_percent_refreshes(tmp_path, monkeypatch):
    from bench import refresh

    landed: list[tuple[int, int]] = []
    seconds = iter([14.0, 12.5, 13.2])

    def land(db, n, start):
        landed.append((n, start))
        return 0.3

    def build():
        spent = next(seconds)
        return spent, {"extraction_s": spent / 4, "extracted": 1000, "steps_s": {"vnwh_dbt_models": spent / 2}}

    monkeypatch.setattr(refresh, "_land", land)
    monkeypatch.setattr(refresh, "_build", build)
    out = refresh._refreshes(tmp_path / "build.duckdb", 100_000, 1_000)
    assert landed == [(1_000, 100_000), (1_000, 101_000), (1_000, 102_000)]      # new articles each time
    assert out["refresh_runs_s"] == [14.0, 12.5, 13.2]
    assert out["refresh_s"] == 13.2 and out["refresh_steps_s"] == {"vnwh_dbt_models": 6.6}   # the median run's
