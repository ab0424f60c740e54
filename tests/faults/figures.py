"""Figures the fault suite collects as it runs (printed at the end of the session, see conftest.py)."""
from __future__ import annotations

from collections import Counter

FAULTS: Counter[str] = Counter()      # faults injected, per kind
OUTCOMES: Counter[str] = Counter()    # runs completed, articles expected / landed / lost ...
PEAK_RSS_MB: dict[str, float] = {}    # peak RSS growth of a fetching process, per case


def add_faults(kinds: dict[str, int]) -> None:
    FAULTS.update(kinds)


def count(name: str, value: int = 1) -> None:
    OUTCOMES[name] += value


def summary_lines() -> list[str]:
    lines = ["faults injected per kind: " + ", ".join(f"{k}={v}" for k, v in sorted(FAULTS.items()))]
    lines.append("outcomes: " + ", ".join(f"{k}={v}" for k, v in sorted(OUTCOMES.items())))
    if PEAK_RSS_MB:
        lines.append("peak RSS growth (MB): " + ", ".join(f"{k}={v:.1f}" for k, v in sorted(PEAK_RSS_MB.items())))
    return lines
