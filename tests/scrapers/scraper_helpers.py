"""Helpers shared by the scraper tests (imported by name: tests/scrapers is on sys.path under pytest)."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
FIXTURES = SHARED / "fixtures"
OUR_PAGES = REPO / "tests" / "fixtures" / "pages"


class FakeClock:
    """Monotonic time that only moves when someone sleeps (or a handler advances it)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


@contextmanager
def local_server(handler_class: type[BaseHTTPRequestHandler]):
    """A threading HTTP server on 127.0.0.1 with a random port; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fixture_text(relative: str) -> str:
    return (FIXTURES / relative).read_text(encoding="utf-8")


def our_page(name: str) -> str:
    return (OUR_PAGES / name).read_text(encoding="utf-8")


def paragraphs(body: str | None) -> list[str]:
    return [p for p in (body or "").split("\n\n") if p.strip()]
