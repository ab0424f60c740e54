"""bench.common.run_benchmark: what every benchmark script and `make bench` use to print and record figures."""
from __future__ import annotations

import json

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
