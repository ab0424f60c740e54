"""Fixtures of the fault-injection suite: a warehouse per test, a virtual clock, a loopback-only network guard."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))   # importlib mode: make the helpers importable
import figures  # noqa: E402
from harness import VirtualClock, loopback_guard  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def vclock() -> VirtualClock:
    return VirtualClock()


@pytest.fixture
def loopback_only():
    with loopback_guard() as attempts:
        yield attempts
    assert attempts == [], f"something tried to leave 127.0.0.1: {attempts}"


def pytest_terminal_summary(terminalreporter):
    if not (figures.FAULTS or figures.OUTCOMES or figures.PEAK_RSS_MB):
        return
    terminalreporter.section("fault-injection figures")
    for line in figures.summary_lines():
        terminalreporter.write_line(line)
    target = os.environ.get("VNWH_FAULTS_FIGURES")
    if target:
        Path(target).write_text(json.dumps({"faults": figures.FAULTS, "outcomes": figures.OUTCOMES,
                                            "peak_rss_mb": figures.PEAK_RSS_MB}, indent=2, sort_keys=True))
