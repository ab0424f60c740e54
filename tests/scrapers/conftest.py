"""Fixtures for the scraper tests: a temp warehouse, a fake clock, a mock-transport fetcher."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))   # importlib mode: make scraper_helpers importable
from scraper_helpers import FakeClock  # noqa: E402

from scrapers.fetch import Fetcher  # noqa: E402


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def make_fetcher(con, clock):
    """Build a Fetcher over an httpx.MockTransport handler, on the fake clock, recording into ``con``."""
    made = []

    def build(handler, **options):
        options.setdefault("min_delay", 1.0)
        options.setdefault("rng", random.Random(7))
        fetcher = Fetcher(con, transport=httpx.MockTransport(handler), clock=clock.clock, sleep=clock.sleep,
                          **options)
        made.append(fetcher)
        return fetcher

    yield build
    for fetcher in made:
        fetcher.close()
