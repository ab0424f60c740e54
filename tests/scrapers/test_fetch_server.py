"""The fetcher against a real threading HTTP server on 127.0.0.1 (bounded requests, short timeouts)."""
from __future__ import annotations

import gzip
import time
from http.server import BaseHTTPRequestHandler

from scraper_helpers import local_server

from scrapers.fetch import Fetcher

CALLS: dict[str, int] = {}


class Faulty(BaseHTTPRequestHandler):
    def log_message(self, *args):
        return

    def _send(self, status, body=b"", headers=()):
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout test)
            pass

    def do_GET(self):  # noqa: N802
        CALLS[self.path] = CALLS.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /secret\n", [("Content-Type", "text/plain")])
        if self.path == "/slow":
            time.sleep(1.0)
            return self._send(200, b"late")
        if self.path == "/flaky":
            if CALLS[self.path] < 3:
                return self._send(503, b"busy", [("Retry-After", "0")])
            return self._send(200, "<p>Hà Nội</p>".encode(), [("Content-Type", "text/html; charset=utf-8")])
        if self.path == "/reset":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial")
            self.wfile.flush()
            self.connection.close()
            return
        if self.path == "/bomb":
            bomb = gzip.compress(b"a" * (8 * 1024 * 1024))
            return self._send(200, bomb, [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        if self.path == "/to-metadata":
            return self._send(302, b"", [("Location", "http://169.254.169.254/latest/meta-data/")])
        return self._send(404)


def fetcher_for(base, **options):
    host = base.split("//")[1]
    options.setdefault("min_delay", 0.0)
    options.setdefault("backoff_base", 0.01)
    return Fetcher(None, private_allowlist=["127.0.0.1"], **options), [host]


def test_real_server_faults_are_handled_and_bounded():
    CALLS.clear()
    with local_server(Faulty) as base:
        fetcher, allowed = fetcher_for(base, timeout=0.3, max_attempts=2, max_bytes=256 * 1024)
        with fetcher:
            started = time.monotonic()
            assert fetcher.fetch(base + "/slow", allowed_hosts=allowed).error == "timeout"
            assert time.monotonic() - started < 3.0
            flaky = fetcher.fetch(base + "/flaky", allowed_hosts=allowed)
            assert flaky.error == "http_503" and flaky.attempts == 2
            assert fetcher.fetch(base + "/reset", allowed_hosts=allowed).error == "connection_error"
            assert fetcher.fetch(base + "/bomb", allowed_hosts=allowed).error == "decompression_bomb"
            assert fetcher.fetch(base + "/secret/x", allowed_hosts=allowed).error == "robots_disallowed"
            redirect = fetcher.fetch(base + "/to-metadata", allowed_hosts=allowed)
            assert redirect.error == "redirect_refused:private_address"
    assert CALLS["/robots.txt"] == 1 and "/secret/x" not in CALLS
    assert CALLS["/slow"] == 2 and CALLS["/reset"] == 2


def test_loopback_is_refused_without_the_explicit_test_allowlist():
    CALLS.clear()
    with local_server(Faulty) as base:
        with Fetcher(None, min_delay=0.0) as fetcher:
            assert fetcher.fetch(base + "/flaky").error == "private_address"
    assert CALLS == {}
