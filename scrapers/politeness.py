"""Per-host politeness: one request at a time per host, a minimum delay between them, robots.txt rules.

robots.txt handling follows RFC 9309: 2xx -> parsed with protego; 4xx -> everything allowed; 5xx or unreachable ->
everything disallowed for this run (retried by a later run). A ``Crawl-delay`` raises the host's delay (capped).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego


@dataclass
class RobotsRules:
    parser: Protego | None = None
    allow_all: bool = False
    reason: str = ""

    def allows(self, url: str, agent: str) -> bool:
        if self.parser is not None:
            return self.parser.can_fetch(url, agent)
        return self.allow_all

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        rate = self.parser.request_rate(agent)
        if rate is not None and rate.requests:
            per_request = rate.seconds / rate.requests
            delay = max(delay or 0.0, per_request)
        return float(delay) if delay is not None else None


def rules_from_response(status: int | None, text: str | None) -> RobotsRules:
    if status is not None and 200 <= status < 300:
        return RobotsRules(parser=Protego.parse(text or ""), reason="parsed")
    if status is not None and 400 <= status < 500:
        return RobotsRules(allow_all=True, reason=f"robots.txt {status}: allow all")
    return RobotsRules(allow_all=False, reason=f"robots.txt unreachable ({status}): disallow all")


@dataclass
class HostSlot:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    started_at: float = 0.0
    delay: float = 1.0
    robots: RobotsRules | None = None


class Politeness:
    """Hands out per-host slots; ``wait_turn`` sleeps until the host may be asked again."""

    def __init__(self, min_delay: float, max_delay: float, clock: Callable[[], float],
                 sleep: Callable[[float], None]) -> None:
        self.min_delay = min_delay
        self.max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._slots: dict[str, HostSlot] = {}
        self._guard = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}

    def slot(self, hostport: str) -> HostSlot:
        with self._guard:
            if hostport not in self._slots:
                self._slots[hostport] = HostSlot(delay=self.min_delay)
            return self._slots[hostport]

    def robots_lock(self, hostport: str) -> threading.Lock:
        with self._guard:
            return self._robots_locks.setdefault(hostport, threading.Lock())

    def set_robots(self, hostport: str, rules: RobotsRules, agent: str) -> None:
        slot = self.slot(hostport)
        slot.robots = rules
        crawl_delay = rules.crawl_delay(agent)
        if crawl_delay:
            before = slot.delay
            slot.delay = min(self.max_delay, max(self.min_delay, crawl_delay))
            if slot.next_at:                    # the robots.txt request itself is one of the host's requests
                slot.next_at += slot.delay - before

    def wait_turn(self, hostport: str) -> None:
        """Block until this host's delay has passed since its last request started; call with the slot lock held.

        Requests to one host are spaced start to start, so the rate is exactly 1/delay (never more), whatever the
        response times; with the slot lock held they never overlap either."""
        slot = self.slot(hostport)
        wait = slot.next_at - self._clock()
        if wait > 0:
            self._sleep(wait)
        slot.started_at = self._clock()

    def done(self, hostport: str) -> None:
        slot = self.slot(hostport)
        started = slot.started_at or self._clock()   # a request that did not wait its turn counts from now
        slot.next_at = started + slot.delay
