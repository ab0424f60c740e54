"""The shared polite fetcher (httpx): robots.txt, per-host delay, retries with backoff, safe redirects, size caps.

Every HTTP attempt (redirect hops and retries included) is recorded in ``raw.fetches``; successful bodies are kept in
``raw.pages``. Nothing here raises on a bad response: the outcome comes back as a ``FetchResult``.
"""
from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from scrapers import fetch_support as support
from scrapers.decoding import BodyTooLarge, UnsupportedEncoding, decode_html
from scrapers.netguard import UrlRefused, check_url, netloc_of
from scrapers.politeness import Politeness, rules_from_response
from warehouse.records import FetchRecord

CONTACT_URL = os.environ.get("VNWH_CONTACT_URL", "https://github.com/vnwh/vnwh")
DEFAULT_USER_AGENT = f"vnwh/0.1 (+{CONTACT_URL}; news research crawler)"
ROBOTS_AGENT = "vnwh"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    body: bytes | None = None
    content_type: str | None = None
    content_sha256: str | None = None
    error: str | None = None          # machine-readable kind, e.g. "timeout", "robots_disallowed", "http_404"
    detail: str | None = None
    not_modified: bool = False
    attempts: int = 0
    headers: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None

    def text(self) -> str:
        return decode_html(self.body or b"", self.content_type)


class Fetcher:
    def __init__(
        self,
        con=None,
        *,
        user_agent: str | None = None,
        transport: httpx.BaseTransport | None = None,
        min_delay: float = 1.0,
        max_crawl_delay: float = 60.0,
        max_attempts: int = 4,
        backoff_base: float = 1.0,
        backoff_cap: float = 60.0,
        retry_after_cap: float = 120.0,
        timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = 8 * 1024 * 1024,
        max_redirects: int = 5,
        concurrency: int = 4,
        respect_robots: bool = True,
        private_allowlist: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.con = con
        self.user_agent = user_agent or os.environ.get("VNWH_USER_AGENT") or DEFAULT_USER_AGENT
        self.max_attempts = max(1, max_attempts)
        self.backoff_base, self.backoff_cap, self.retry_after_cap = backoff_base, backoff_cap, retry_after_cap
        self.total_timeout, self.max_bytes, self.max_redirects = total_timeout, max_bytes, max_redirects
        self.respect_robots = respect_robots
        self.private_allowlist = {h.lower() for h in private_allowlist}
        self.clock, self.sleep = clock, sleep
        self.rng = rng or random.Random()
        self.db_lock = threading.RLock()
        self.sink = None        # a CrawlWriter while crawl() runs: pages and attempts are landed in its batches
        self.concurrency = max(1, concurrency)
        self._slots = threading.BoundedSemaphore(self.concurrency)
        self.politeness = Politeness(min_delay, max_crawl_delay, clock, sleep)
        self.client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False,
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate, br, zstd"},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ public
    def fetch(self, url: str, *, source: str | None = None, kind: str = "article",
              allowed_hosts: Iterable[str] | None = None, conditional: bool = False) -> FetchResult:
        """GET ``url`` politely; ``allowed_hosts`` (the site's allowlist) bounds the URL and every redirect."""
        allowed = list(allowed_hosts) if allowed_hosts is not None else None
        result = FetchResult(url=url)
        try:
            check_url(url, allowed, self.private_allowlist)
        except UrlRefused as refused:
            return self._refuse(result, source, kind, refused.kind, str(refused))
        if self.respect_robots and kind != "robots" and not self._robots_allow(url, source, allowed):
            return self._refuse(result, source, kind, "robots_disallowed", f"robots.txt disallows {url}")
        validators = support.load_validators(self, url) if conditional else {}
        with self._slots:
            self._attempts(result, source, kind, allowed, validators)
        if conditional and result.status in (200, 304):
            support.save_validators(self, url, source, result)
        return result

    # ------------------------------------------------------------------ attempts and hops
    def _attempts(self, result, source, kind, allowed, validators) -> None:
        for attempt in range(1, self.max_attempts + 1):
            result.attempts = attempt
            retry_wait = self._follow(result, source, kind, allowed, validators, attempt)
            if retry_wait is None:
                return
            if attempt == self.max_attempts:
                return
            if retry_wait > self.retry_after_cap:
                result.detail = f"Retry-After {retry_wait:.0f}s exceeds cap {self.retry_after_cap:.0f}s"
                return
            self.sleep(retry_wait)

    def _follow(self, result, source, kind, allowed, validators, attempt) -> float | None:
        """One attempt, following redirects; returns seconds to wait before a retry, or None when final."""
        url = result.url
        for _hop in range(self.max_redirects + 1):
            outcome = self._request(url, source, kind, validators, attempt)
            result.status, result.final_url = outcome.status, url
            result.error, result.detail = outcome.error, outcome.detail
            result.headers, result.content_type = outcome.headers, outcome.content_type
            if outcome.status in REDIRECT_STATUSES and outcome.location:
                target = urljoin(url, outcome.location)
                try:
                    check_url(target, allowed if allowed is not None else [netloc_of(url)[1]],
                              self.private_allowlist)
                except UrlRefused as refused:
                    result.error, result.detail = f"redirect_refused:{refused.kind}", str(refused)
                    self._record(target, source, kind, attempt, error=result.error)
                    return None
                url = target
                continue
            if outcome.retryable:
                return self._retry_wait(attempt, outcome.retry_after)
            if outcome.body is not None and outcome.error is None:
                result.body, result.content_sha256 = outcome.body, outcome.sha
            result.not_modified = outcome.status == 304
            return None
        result.error, result.detail = "too_many_redirects", f"more than {self.max_redirects} redirects"
        return None

    def _request(self, url, source, kind, validators, attempt) -> support.Outcome:
        hostport = netloc_of(url)[1]
        slot = self.politeness.slot(hostport)
        with slot.lock:
            self.politeness.wait_turn(hostport)
            requested_at = datetime.now(UTC)
            started = self.clock()
            outcome = support.perform(self, url, kind, validators)
            self.politeness.done(hostport)
        duration = int((self.clock() - started) * 1000)
        if outcome.body is not None and outcome.error is None:
            outcome.sha = self._store_page(outcome.body, url, outcome.content_type)
        self._record(url, source, kind, attempt, outcome=outcome, requested_at=requested_at, duration_ms=duration)
        return outcome

    def _retry_wait(self, attempt: int, retry_after: float | None) -> float:
        backoff = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        backoff *= self.rng.uniform(0.5, 1.5)            # jitter
        return max(backoff, retry_after) if retry_after is not None else backoff

    # ------------------------------------------------------------------ robots
    def _robots_allow(self, url: str, source: str | None, allowed) -> bool:
        parts = urlsplit(url)
        hostport = netloc_of(url)[1]
        slot = self.politeness.slot(hostport)
        with self.politeness.robots_lock(hostport):
            if slot.robots is None:
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                # robots.txt lives at the host root and may redirect within the site: hosts without path scopes
                robots_hosts = None if allowed is None else [e.split("/")[0] for e in allowed] + [hostport]
                answer = self.fetch(robots_url, source=source, kind="robots", allowed_hosts=robots_hosts)
                status = None if answer.error and answer.status is None else answer.status
                if answer.error and (answer.error.startswith("redirect_refused") or answer.error == "body_too_large"):
                    status = None
                rules = rules_from_response(status, answer.text() if answer.body else None)
                self.politeness.set_robots(hostport, rules, ROBOTS_AGENT)
        return slot.robots.allows(url, ROBOTS_AGENT)

    # ------------------------------------------------------------------ recording
    def _refuse(self, result: FetchResult, source, kind, error: str, detail: str) -> FetchResult:
        result.error, result.detail = error, detail
        self._record(result.url, source, kind, 1, error=error)
        return result

    def _store_page(self, body: bytes, url: str, content_type: str | None) -> str | None:
        if self.sink is not None:
            return self.sink.page(body, url, content_type)
        if self.con is None:
            return None
        from warehouse.landing import store_page

        with self.db_lock:
            return store_page(self.con, body, url, content_type)

    def _record(self, url, source, kind, attempt, *, outcome: support.Outcome | None = None, error=None,
                requested_at=None, duration_ms=None) -> None:
        if self.con is None and self.sink is None:
            return
        from warehouse.landing import record_fetch

        headers = outcome.headers if outcome else {}
        fetch = FetchRecord(
            url=url, source=source, kind=kind, requested_at=requested_at or datetime.now(UTC), attempt=attempt,
            status=outcome.status if outcome else None,
            final_url=(outcome.location or url) if outcome and outcome.status else None,
            content_type=outcome.content_type if outcome else None, etag=headers.get("etag"),
            last_modified=headers.get("last-modified"), retry_after=headers.get("retry-after"),
            content_length=len(outcome.body) if outcome and outcome.body is not None else None,
            content_sha256=outcome.sha if outcome else None,
            error=(outcome.error_text() if outcome else error), duration_ms=duration_ms,
        )
        if self.sink is not None:
            self.sink.fetch(fetch)
            return
        with self.db_lock:
            record_fetch(self.con, fetch)


__all__ = ["Fetcher", "FetchResult", "BodyTooLarge", "UnsupportedEncoding", "DEFAULT_USER_AGENT"]
