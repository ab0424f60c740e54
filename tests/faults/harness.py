"""Test harness of the fault suite: a virtual clock and a loopback-only network guard."""
from __future__ import annotations

import ipaddress
import socket
import threading
import time
from contextlib import contextmanager
from unittest import mock


class VirtualClock:
    """Monotonic time plus every second anybody slept: waits are honoured on paper, and cost ~10 ms in reality."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.offset += max(0.0, seconds)
        time.sleep(min(max(seconds, 0.0), 0.01))


def _loopback(host) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(str(host).strip("[]")).is_loopback
    except ValueError:
        return False


@contextmanager
def loopback_guard():
    """Every connect() and name lookup of this test must be for 127.0.0.1; anything else fails and is listed."""
    attempts: list[str] = []
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def connect(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address[0]):
            attempts.append(f"connect {address}")
            raise ConnectionRefusedError(f"fault suite: connection to {address} refused (loopback only)")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _loopback(host):
            attempts.append(f"lookup {host}")
            raise socket.gaierror(f"fault suite: no lookups of {host} (loopback only)")
        return real_getaddrinfo(host, *args, **kwargs)

    with mock.patch.object(socket.socket, "connect", connect), mock.patch.object(socket, "getaddrinfo", getaddrinfo):
        yield attempts
