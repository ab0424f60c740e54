"""Which URLs the fetcher may touch: http(s) only, allowlisted hosts, no private / loopback addresses (no SSRF).

Hosts are compared without the port, unless an allowlist entry carries one ("127.0.0.1:8123").
Addresses in private, loopback, link-local, multicast or reserved ranges (and ``localhost``) are refused unless the
Fetcher was built with an explicit test allowlist naming them.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit


class UrlRefused(Exception):
    """A URL the fetcher will not request; ``kind`` is a short machine-readable reason."""

    def __init__(self, kind: str, url: str, detail: str = "") -> None:
        self.kind = kind
        self.url = url
        super().__init__(f"{kind}: {url}" + (f" ({detail})" if detail else ""))


def netloc_of(url: str) -> tuple[str, str]:
    """(host, host:port) of a URL, lower-cased; the port part is the explicit one or the scheme default."""
    host, hostport, _ = _host_parts(url)
    return host, hostport


@lru_cache(maxsize=4096)
def _host_parts(url: str) -> tuple[str, str, str]:
    """(host, host:port, path or "/") of a URL: a pure function of the string, cached (a page's URL is looked up
    against every site's allowlist); malformed URLs raise ValueError as urlsplit does, never cached."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:
        port = None
    port = port or (443 if parts.scheme == "https" else 80)
    return host, f"{host}:{port}", parts.path or "/"


def host_matches(url: str, allowed: Iterable[str]) -> bool:
    """True when the URL's host (or host:port) is allowlisted; "tuoitre.vn/nld" entries also restrict the path."""
    host, hostport, path = _host_parts(url)
    for entry in allowed:
        entry = entry.lower()
        entry_host, _, entry_path = entry.partition("/")
        if entry_host not in (host, hostport):
            continue
        if not entry_path or path.lstrip("/").startswith(entry_path):
            return True
    return False


def is_private_host(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


def check_url(url: str, allowed_hosts: Iterable[str] | None, private_allowlist: Iterable[str] = ()) -> None:
    """Raise UrlRefused unless the URL may be fetched."""
    try:
        parts = urlsplit(url)
        parts.hostname, parts.port  # noqa: B018 - both raise ValueError on malformed netlocs
    except ValueError as exc:
        raise UrlRefused("invalid_url", url, str(exc)) from exc
    if any(c in url for c in "\r\n\t ") or not url.isprintable():
        raise UrlRefused("invalid_url", url, "whitespace or control characters")
    if parts.scheme not in ("http", "https"):
        raise UrlRefused("scheme_refused", url, parts.scheme or "no scheme")
    if parts.username or parts.password:
        raise UrlRefused("credentials_in_url", url)
    host, hostport = netloc_of(url)
    if not host:
        raise UrlRefused("no_host", url)
    private_allowlist = {h.lower() for h in private_allowlist}
    if is_private_host(host) and host not in private_allowlist and hostport not in private_allowlist:
        raise UrlRefused("private_address", url, host)
    if allowed_hosts is not None and not host_matches(url, allowed_hosts):
        raise UrlRefused("host_not_allowed", url, host)
