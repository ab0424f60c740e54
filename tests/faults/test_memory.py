"""Bombs and oversized bodies cost bounded memory: peak RSS of a fetching process, measured in a subprocess."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import figures
import pytest
from fault_server import FaultServer, always, brotli_bomb, encoded, gzip_bomb, page, streamed

pytestmark = pytest.mark.faults
PROBE = Path(__file__).with_name("rss_probe.py")
MAX_BYTES = 2 * 1024 * 1024
EXPANDED = 256 << 20          # what each bomb / oversized body would cost if read whole
BUDGET_MB = 48


@pytest.fixture(scope="module")
def bombs():
    return {"/gzip-bomb": gzip_bomb(EXPANDED), "/brotli-bomb": brotli_bomb(EXPANDED)}


@pytest.mark.parametrize("case", ["/gzip-bomb", "/brotli-bomb", "/endless-body"])
def test_peak_rss_stays_bounded(case, bombs):
    routes = {"/warm-up": page(b"<p>ok</p>"), "/robots.txt": page(b"User-agent: *\nAllow: /\n", "text/plain"),
              "/gzip-bomb": always("gzip_bomb", encoded(bombs["/gzip-bomb"], "gzip")),
              "/brotli-bomb": always("brotli_bomb", encoded(bombs["/brotli-bomb"], "br")),
              "/endless-body": always("oversize_streamed", streamed(EXPANDED))}
    with FaultServer(routes) as server:
        done = subprocess.run([sys.executable, str(PROBE), str(MAX_BYTES), server.base + case],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    expected = "body_too_large" if case == "/endless-body" else "decompression_bomb"
    assert report["errors"] == {server.base + case: expected}
    growth = report["peak_mb"] - report["baseline_mb"]
    assert growth < BUDGET_MB, f"{case}: peak RSS grew {growth:.1f} MB for a {EXPANDED >> 20} MB body"
    figures.PEAK_RSS_MB[case.strip("/")] = round(growth, 1)
    figures.add_faults(server.injected)


def test_the_probe_does_see_memory_when_the_cap_is_lifted():
    """Control: the same measurement with a cap above the body size sees the whole body in RSS."""
    body = 64 << 20
    routes = {"/warm-up": page(b"<p>ok</p>"), "/big": encoded(gzip_bomb(body), "gzip")}
    with FaultServer(routes) as server:
        done = subprocess.run([sys.executable, str(PROBE), str(4 * body), server.base + "/big"],
                              capture_output=True, text=True, timeout=60)
    report = json.loads(done.stdout)
    assert report["errors"] == {server.base + "/big": None}
    assert report["peak_mb"] - report["baseline_mb"] > (body >> 20)
