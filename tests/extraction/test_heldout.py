"""Regression floors on our own held-out articles (tests/extraction/heldout) and on the shared dev set, scored with
../shared/gold/eval.py's matching rules. Floors sit a little under the figures reached when they were set
(79 held-out articles: F1 trade 1.0, investment 0.99, events 0.99; type 1.0, VN localities 1.0, foreign regions
0.96, sectors 0.95; dev: F1 1.0 per type)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location("heldout_eval", Path(__file__).with_name("heldout_eval.py"))
heldout_eval = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(heldout_eval)

F1_FLOOR = 0.97
ATTRIBUTE_FLOORS = {"period_year": 0.97, "reporter_region": 0.97, "host_region": 0.97, "project_count": 0.97,
                    "type": 0.97, "vn_localities_f1": 0.95, "foreign_regions_f1": 0.93, "sectors_f1": 0.92}


@pytest.fixture(scope="module")
def heldout():
    return heldout_eval.heldout_report()[0]


@pytest.fixture(scope="module")
def dev():
    folder = heldout_eval.SHARED / "gold" / "dev"
    if not folder.is_dir():
        pytest.fail(f"the shared dev set is missing: {folder}")
    return heldout_eval.heldout_report(folder)[0]


def test_heldout_set_is_large_enough():
    assert len(list(heldout_eval.HELDOUT.glob("*.json"))) >= 70


@pytest.mark.parametrize("kind", ["trade", "investment", "events"])
def test_heldout_f1_per_type(heldout, kind):
    assert heldout[kind]["f1"] >= F1_FLOOR, (heldout[kind]["f1"], heldout[kind]["missed"])


@pytest.mark.parametrize("kind", ["trade", "investment", "events"])
def test_heldout_attributes(heldout, kind):
    for name, value in heldout[kind]["attributes"].items():
        assert value >= ATTRIBUTE_FLOORS[name], (kind, name, value)


@pytest.mark.parametrize("kind", ["trade", "investment", "events"])
def test_dev_f1_per_type(dev, kind):
    assert dev[kind]["f1"] >= F1_FLOOR, (dev[kind]["f1"], dev[kind]["missed"])
