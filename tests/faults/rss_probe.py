"""Fetch URLs in a fresh process and report the peak RSS growth (for the memory tests of the fault suite).

Usage: python rss_probe.py MAX_BYTES URL [URL...]  ->  one JSON object on stdout:
{"baseline_mb": ..., "peak_mb": ..., "errors": {url: error}}. The peak is the kernel's RSS high-water mark of this
process image (VmHWM; ru_maxrss would carry the parent's peak across fork+exec), reset after a warm-up fetch, so
the growth is what the faulty bodies cost at worst.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from scrapers.fetch import Fetcher


def status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no {field} in /proc/self/status")


def reset_peak() -> float:
    """Reset VmHWM to the current RSS where the kernel allows it; return the baseline."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return status_mb("VmRSS")
    except OSError:
        return status_mb("VmHWM")


def main(max_bytes: int, urls: list[str]) -> None:
    with Fetcher(None, private_allowlist=["127.0.0.1"], min_delay=0.0, max_attempts=1, max_bytes=max_bytes,
                 timeout=10.0) as fetcher:
        host = urls[0].split("/")[2]
        fetcher.fetch(f"http://{host}/warm-up", allowed_hosts=[host])
        baseline = reset_peak()
        errors = {url: fetcher.fetch(url, allowed_hosts=[host]).error for url in urls}
    print(json.dumps({"baseline_mb": baseline, "peak_mb": status_mb("VmHWM"), "errors": errors}))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])
