"""A fault-injecting HTTP server on 127.0.0.1 with scripted behaviours per path.

Only ever binds 127.0.0.1 on a random port. Bounded: after ``max_requests`` requests every answer is a 503 and
``overflowed`` is set; after ``max_seconds`` the server shuts itself down. Every request is logged with the time of
the shared (virtual) clock, and every fault it serves is counted per kind in ``injected``.

A behaviour is a callable ``(call: Call) -> None`` that answers the request through ``call``; ``Call.n`` is how
many times this path has been asked (1 for the first request) and ``Call.server.healed`` lets a behaviour recover
for a later run.
"""
from __future__ import annotations

import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import brotli

LOOPBACK = "127.0.0.1"
HTML = "text/html; charset=utf-8"


@dataclass
class Call:
    handler: BaseHTTPRequestHandler
    server: FaultServer
    path: str
    n: int

    def fault(self, kind: str) -> None:
        with self.server.lock:
            self.server.injected[kind] += 1

    def send(self, status: int, body: bytes = b"", headers: dict | None = None, length: int | None = None) -> None:
        handler = self.handler
        handler.send_response(status)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body) if length is None else length))
        handler.end_headers()
        self.write(body)

    def write(self, data: bytes) -> bool:
        try:
            self.handler.wfile.write(data)
            self.handler.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):   # the client gave up
            return False


Behaviour = Callable[[Call], None]


class FaultServer:
    def __init__(self, routes: dict[str, Behaviour], clock: Callable[[], float] = time.monotonic,
                 max_requests: int = 600, max_seconds: float = 120.0) -> None:
        self.routes = dict(routes)
        self.clock = clock
        self.max_requests, self.max_seconds = max_requests, max_seconds
        self.lock = threading.Lock()
        self.log: list[tuple[str, float]] = []
        self.counts: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self.healed = False
        self.overflowed = False
        self._httpd = ThreadingHTTPServer((LOOPBACK, 0), _handler_for(self))
        self._httpd.daemon_threads = True
        assert self._httpd.server_address[0] == LOOPBACK
        self.base = f"http://{LOOPBACK}:{self._httpd.server_address[1]}"
        self.hostport = f"{LOOPBACK}:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._timer = threading.Timer(max_seconds, self._httpd.shutdown)
        self._timer.daemon = True

    def __enter__(self) -> FaultServer:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def times(self, path: str) -> list[float]:
        return [t for p, t in self.log if p == path]

    def _dispatch(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path).path
        with self.lock:
            self.log.append((path, self.clock()))
            self.counts[path] += 1
            n = self.counts[path]
            over = len(self.log) > self.max_requests
            self.overflowed |= over
        call = Call(handler, self, path, n)
        if over:
            return call.send(503, b"request budget of the fault server exhausted")
        behaviour = self.routes.get(path)
        if behaviour is None:
            return call.send(404, b"not here")
        behaviour(call)


def _handler_for(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            server._dispatch(self)

        def log_message(self, *args) -> None:
            return

    return Handler


# ------------------------------------------------------------------------------------------------- behaviours
def page(body: bytes, content_type: str | None = HTML, extra: dict | None = None) -> Behaviour:
    def answer(call: Call) -> None:
        headers = {"Content-Type": content_type} if content_type else {}
        call.send(200, body, {**headers, **(extra or {})})
    return answer


def until_healed(kind: str, fault: Behaviour, good: Behaviour) -> Behaviour:
    """``fault`` while the server is sick (counted as ``kind``), ``good`` once it is healed."""
    def answer(call: Call) -> None:
        if call.server.healed:
            return good(call)
        call.fault(kind)
        fault(call)
    return answer


def first_calls(kind: str, times: int, fault: Behaviour, good: Behaviour) -> Behaviour:
    """``fault`` for the first ``times`` requests of the path, then ``good``."""
    def answer(call: Call) -> None:
        if call.n > times:
            return good(call)
        call.fault(kind)
        fault(call)
    return answer


def always(kind: str, fault: Behaviour) -> Behaviour:
    def answer(call: Call) -> None:
        call.fault(kind)
        fault(call)
    return answer


def status(code: int, headers: dict | None = None) -> Behaviour:
    return lambda call: call.send(code, f"status {code}".encode(), headers)


def slow(seconds: float) -> Behaviour:
    def answer(call: Call) -> None:
        time.sleep(seconds)
        call.send(200, b"<p>too late</p>", {"Content-Type": HTML})
    return answer


def reset(call: Call) -> None:
    """Half a response, then an RST (SO_LINGER 0) instead of an orderly close."""
    call.handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4000\r\n\r\n<p>mot")
    call.handler.wfile.flush()
    sock = call.handler.connection
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def short_body(call: Call) -> None:
    """Content-Length promises more than is sent, then the connection closes."""
    call.send(200, b"<html><body><p>Bai viet bi cat", {"Content-Type": HTML}, length=5000)
    call.handler.close_connection = True


def redirect(location: str, code: int = 302) -> Behaviour:
    return lambda call: call.send(code, b"", {"Location": location})


def streamed(total: int, content_type: str = HTML, chunk: int = 64 * 1024) -> Behaviour:
    """A body of ``total`` bytes with no Content-Length (close-delimited); stops when the client hangs up."""
    def answer(call: Call) -> None:
        handler = call.handler
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"<p>" + b"a" * (chunk - 7) + b"</p>\n"
        sent = 0
        while sent < total and call.write(block):
            sent += len(block)
        handler.close_connection = True
    return answer


def declared_oversize(declared: int) -> Behaviour:
    """Headers announce ``declared`` bytes; only a little is sent (a client that trusts it would wait or buffer)."""
    def answer(call: Call) -> None:
        call.send(200, b"<p>" + b"b" * 1000, {"Content-Type": HTML}, length=declared)
        call.handler.close_connection = True
    return answer


def encoded(body: bytes, encoding: str) -> Behaviour:
    return lambda call: call.send(200, body, {"Content-Type": HTML, "Content-Encoding": encoding})


def gzip_bomb(decompressed: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    return b"".join(packer.compress(zeros) for _ in range(decompressed >> 20)) + packer.flush()


def brotli_bomb(decompressed: int) -> bytes:
    packer = brotli.Compressor(quality=5)
    zeros = b"\0" * (1 << 20)
    return b"".join(packer.process(zeros) for _ in range(decompressed >> 20)) + packer.finish()
