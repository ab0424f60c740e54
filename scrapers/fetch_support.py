"""One HTTP request of the Fetcher, classified; Retry-After parsing; conditional-GET validators (raw.feed_state)."""
from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import brotli
import httpx
import zstandard

from scrapers.decoding import BodyTooLarge, UnsupportedEncoding, read_bounded

ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "sitemap": "application/xml, text/xml;q=0.9, */*;q=0.5",
    "robots": "text/plain, */*;q=0.5",
}
DEFAULT_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class _Deadline(Exception):
    pass


@dataclass
class Outcome:
    status: int | None = None
    headers: dict = field(default_factory=dict)
    content_type: str | None = None
    body: bytes | None = None
    error: str | None = None
    detail: str | None = None
    retryable: bool = False
    retry_after: float | None = None
    location: str | None = None
    sha: str | None = None

    def error_text(self) -> str | None:
        if self.error is None:
            return None
        return f"{self.error}: {self.detail}" if self.detail else self.error


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def acceptable_content_type(content_type: str | None) -> bool:
    if not content_type:
        return True
    mime = content_type.split(";")[0].strip().lower()
    return mime.startswith("text/") or "xml" in mime or "html" in mime


def perform(fetcher, url: str, kind: str, validators: dict) -> Outcome:
    headers = {"Accept": ACCEPT.get(kind, DEFAULT_ACCEPT)}
    if validators.get("etag"):
        headers["If-None-Match"] = validators["etag"]
    if validators.get("last_modified"):
        headers["If-Modified-Since"] = validators["last_modified"]
    try:
        with fetcher.client.stream("GET", url, headers=headers) as response:
            return _classify(fetcher, response)
    except (httpx.TimeoutException, _Deadline) as exc:
        return Outcome(error="timeout", detail=type(exc).__name__, retryable=True)
    except (httpx.UnsupportedProtocol, httpx.InvalidURL, ValueError) as exc:
        return Outcome(error="invalid_url", detail=f"{type(exc).__name__}: {exc}"[:300])
    except httpx.TransportError as exc:
        return Outcome(error="connection_error", detail=f"{type(exc).__name__}: {exc}"[:300], retryable=True)


def _classify(fetcher, response: httpx.Response) -> Outcome:
    status = response.status_code
    lowered = {k.lower(): v for k, v in response.headers.items()}
    outcome = Outcome(status=status, headers=lowered, content_type=lowered.get("content-type"))
    if status in (301, 302, 303, 307, 308):
        outcome.location = lowered.get("location")
        if not outcome.location:
            outcome.error = "redirect_without_location"
        return outcome
    if status == 429 or status >= 500 or status == 408:
        outcome.error, outcome.retryable = f"http_{status}", True
        outcome.retry_after = parse_retry_after(lowered.get("retry-after"))
        return outcome
    if status == 304:
        return outcome
    if status >= 400 or status < 200:
        outcome.error = f"http_{status}"
        return outcome
    if not acceptable_content_type(outcome.content_type):
        outcome.error, outcome.detail = "unsupported_content_type", outcome.content_type
        return outcome
    declared = lowered.get("content-length", "")
    if declared.isdigit() and int(declared) > fetcher.max_bytes and not lowered.get("content-encoding"):
        outcome.error, outcome.detail = "body_too_large", f"Content-Length {declared} > {fetcher.max_bytes}"
        return outcome
    return _read_body(fetcher, response, outcome)


def _read_body(fetcher, response: httpx.Response, outcome: Outcome) -> Outcome:
    deadline = fetcher.clock() + fetcher.total_timeout

    encoding = outcome.headers.get("content-encoding")
    if response.is_stream_consumed:          # a transport that hands back an already-read (decoded) response
        raw, encoding = iter([response.content]), None
    else:
        raw = response.iter_raw()

    def chunks():
        for chunk in raw:
            if fetcher.clock() > deadline:
                raise _Deadline()
            yield chunk

    try:
        outcome.body = read_bounded(chunks(), encoding, fetcher.max_bytes)
    except BodyTooLarge as exc:
        outcome.error = "decompression_bomb" if exc.encoded else "body_too_large"
        outcome.detail = str(exc)
    except UnsupportedEncoding as exc:
        outcome.error, outcome.detail = "unsupported_encoding", str(exc)
    except (zlib.error, brotli.error, zstandard.ZstdError) as exc:
        outcome.error, outcome.detail = "decode_error", f"{type(exc).__name__}: {exc}"[:300]
    if outcome.error:
        outcome.body = None
    return outcome


def load_validators(fetcher, url: str) -> dict:
    if fetcher.con is None:
        return {}
    with fetcher.db_lock:
        row = fetcher.con.execute("select etag, last_modified from raw.feed_state where url = ?", [url]).fetchone()
    return {"etag": row[0], "last_modified": row[1]} if row else {}


def save_validators(fetcher, url: str, source: str | None, result) -> None:
    if fetcher.con is None:
        return
    etag = result.headers.get("etag")
    last_modified = result.headers.get("last-modified")
    with fetcher.db_lock:
        fetcher.con.execute(
            """
            insert into raw.feed_state values (?, ?, ?, ?, ?, ?)
            on conflict (url) do update set
                etag = case when excluded.last_status = 304 then coalesce(excluded.etag, raw.feed_state.etag)
                            else excluded.etag end,
                last_modified = case when excluded.last_status = 304
                                     then coalesce(excluded.last_modified, raw.feed_state.last_modified)
                                     else excluded.last_modified end,
                last_status = excluded.last_status, last_checked_at = excluded.last_checked_at
            """,
            [url, source, etag, last_modified, result.status, datetime.now(UTC)],
        )
