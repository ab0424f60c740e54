"""The crawl's work queue, per host: a free worker takes a URL of a host no other worker is fetching from.

With one FIFO queue, workers block on the slot of whichever host the next URLs belong to: a run of URLs of one host
ties up every worker behind that host's delay while the other hosts sit idle, so their real request rate falls below
the configured one. Here each host always has a worker waiting for its turn as long as it has URLs left (given at
least as many workers as hosts), and the host whose turn comes first is served first.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable, Iterable


class HostQueue:
    def __init__(self, items: Iterable[tuple[Hashable, object]], ready_at: Callable[[Hashable], float]) -> None:
        """``items``: (host, item) in priority order; ``ready_at(host)``: when the host may be asked next."""
        self._queues: dict[Hashable, deque] = {}
        for host, item in items:
            self._queues.setdefault(host, deque()).append(item)
        self._ready_at = ready_at
        self._busy: set[Hashable] = set()
        self._changed = threading.Condition()

    def __len__(self) -> int:
        with self._changed:
            return sum(len(queue) for queue in self._queues.values())

    def take(self) -> tuple[Hashable, object]:
        """The next item of the readiest free host (blocks while every host with items left is busy); the host
        stays busy until ``release``."""
        with self._changed:
            while True:
                free = [host for host, queue in self._queues.items() if queue and host not in self._busy]
                if free:
                    host = min(free, key=self._ready_at)
                    self._busy.add(host)
                    return host, self._queues[host].popleft()
                if not any(self._queues.values()):
                    raise LookupError("no work left")
                self._changed.wait()

    def release(self, host: Hashable) -> None:
        with self._changed:
            self._busy.discard(host)
            self._changed.notify_all()
