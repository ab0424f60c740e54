"""Per-host politeness: the measured rate equals the configured one (fake clock), never more; the crawl's host queue
keeps every host busy instead of parking all workers behind one host's delay."""
from __future__ import annotations

import random
import threading
import time
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
import pytest
from scraper_helpers import FakeClock
from test_crawl import OVERRIDES, DemoTransport

from scrapers import frontier
from scrapers.crawl import crawl
from scrapers.demo_site import build_demo_site, load_sample
from scrapers.fetch import Fetcher
from scrapers.hostqueue import HostQueue
from scrapers.politeness import Politeness

DELAY = 0.2                                  # 5 requests per second per host


def starts_of(response_times: list[float], work_after: list[float]) -> list[float]:
    """One worker asking one host: wait its turn, the request takes ``response_times[i]``, then the worker spends
    ``work_after[i]`` (parsing, landing) before asking again. Returns the request start times."""
    clock = FakeClock()
    polite = Politeness(DELAY, 60.0, clock.clock, clock.sleep)
    starts = []
    for response, work in zip(response_times, work_after, strict=True):
        polite.wait_turn("host:80")
        starts.append(clock.now)
        clock.now += response
        polite.done("host:80")
        clock.now += work
    return starts


def rate(starts: list[float]) -> float:
    return (len(starts) - 1) / (starts[-1] - starts[0])


def test_rate_is_the_configured_one_whatever_the_response_time():
    rng = random.Random(5)
    n = 200
    starts = starts_of([rng.uniform(0.0, 0.19) for _ in range(n)], [rng.uniform(0.0, 0.005) for _ in range(n)])
    assert rate(starts) == pytest.approx(1 / DELAY, rel=1e-9)          # 5.000 req/s, not 1/(delay + response)
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= DELAY - 1e-9


def test_slow_responses_lower_the_rate_but_never_raise_it():
    rng = random.Random(6)
    n = 100
    starts = starts_of([rng.uniform(0.1, 0.5) for _ in range(n)], [0.0] * n)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= DELAY - 1e-9 and rate(starts) <= 1 / DELAY


def test_host_queue_hands_each_host_to_one_worker_readiest_first():
    ready = {"a": 5.0, "b": 1.0, "c": 3.0}
    queue = HostQueue([("a", 1), ("a", 2), ("b", 3), ("c", 4), ("c", 5)], ready.get)
    assert queue.take() == ("b", 3)                 # the host whose turn comes first
    assert queue.take() == ("c", 4)
    assert queue.take() == ("a", 1)                 # a's second URL waits: a is busy, b is empty
    taken = []
    waiter = threading.Thread(target=lambda: taken.append(queue.take()))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and not taken          # c and a are busy: blocks rather than double up a host
    queue.release("c")
    waiter.join(5)
    assert taken == [("c", 5)] and len(queue) == 1
    queue.release("a")
    assert queue.take() == ("a", 2)
    with pytest.raises(LookupError):                # nothing left: an error, not a worker blocked for ever
        queue.take()


def test_crawl_keeps_every_host_busy_when_the_frontier_lists_one_host_first(con):
    """The frontier lists all vietnamplus URLs, then vneconomy, then nld; with one worker per host a FIFO queue
    would park every worker behind vietnamplus's delay. Each host's first article request must come before any
    host's second one."""
    sample = load_sample()
    newest = datetime(2030, 1, 1)
    for n, article in enumerate(sorted(sample, key=lambda a: ("vietnamplus" not in a["url"], a["url"]))):
        frontier.add(con, article["url"], article["source"], "test", newest - timedelta(hours=n))
    requests: list[tuple[str, str, float]] = []

    class Timed(DemoTransport):
        def __call__(self, request: httpx.Request) -> httpx.Response:
            requests.append((request.url.host, request.url.path, time.monotonic()))
            return super().__call__(request)

    articles = {urlsplit(a["url"]).path for a in sample}
    with Fetcher(con, transport=httpx.MockTransport(Timed(build_demo_site(sample))), min_delay=DELAY,
                 concurrency=3, max_attempts=1) as fetcher:
        stats = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert stats.landed_new == 8
    order = [host for host, path, _ in requests if path in articles]
    firsts = {host: order.index(host) for host in set(order)}
    seconds = [i for i, host in enumerate(order) if i > firsts[host]]
    assert len(firsts) == 3 and max(firsts.values()) < min(seconds)
    for host in firsts:                                # and never faster than the delay per host
        times = [t for h, p, t in requests if h == host]
        assert all(b - a >= DELAY - 0.01 for a, b in zip(times, times[1:], strict=False))
