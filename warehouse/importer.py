"""`vnwh import`: land articles from JSONL, saved .html pages and WARC archives.

JSONL: one JSON object per line. ``url`` (http/https) is required; ``source``, ``title``, ``sapo``,
``published_at`` (ISO-8601 date or datetime; naive means Asia/Ho_Chi_Minh), ``author``, ``section``, ``tags``
are optional; the body is either ``text`` (plain text) or ``html`` (the raw page, parsed by the site's parser or
the generic fallback). A bad line is reported as ``file:line: reason``, recorded in ``raw.ingest_errors``,
counted and skipped; the good lines land.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import duckdb

from warehouse.landing import LandingStats, land_articles, record_error
from warehouse.records import ArticleRecord

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
ARCHIVE_SUFFIXES = {".html", ".htm", ".warc", ".gz", ".arc"}
BATCH_SIZE = 500


@dataclass
class InputError:
    """A piece of input that could not become an article: where it was and why."""

    origin: str          # file:line, or a file name
    kind: str            # short machine-readable reason
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


@dataclass
class ImportStats:
    files: int = 0
    files_unreadable: int = 0
    records_read: int = 0
    errors: list[InputError] = field(default_factory=list)
    landing: LandingStats = field(default_factory=LandingStats)
    read_per_file: dict[str, int] = field(default_factory=dict)   # records read from each file

    @property
    def rejected(self) -> int:
        return len(self.errors)

    def as_dict(self) -> dict:
        return {"files": self.files, "files_unreadable": self.files_unreadable, "records_read": self.records_read,
                "rejected": self.rejected, **self.landing.as_dict()}


def parse_published_at(value: object) -> datetime | None:
    """ISO-8601 date or datetime; a naive value is local Vietnamese time. Raises ValueError when malformed."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"published_at must be an ISO-8601 string, got {type(value).__name__}")
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(text), time())
        except ValueError:
            raise ValueError(f"published_at {value!r} is not an ISO-8601 date or datetime") from None
    if not 1990 <= parsed.year <= datetime.now().year + 1:
        raise ValueError(f"published_at {value!r} is outside 1990..next year")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=LOCAL_TZ)


def validate_url(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("missing required field 'url'")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"url {value!r} is not an http(s) URL")
    return value.strip()


def _optional_str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"field {key!r} must be a string, got {type(value).__name__}")


def _tags(obj: dict) -> list[str]:
    value = obj.get("tags") or []
    if isinstance(value, str):
        return [t.strip() for t in value.split(",") if t.strip()]
    if isinstance(value, list) and all(isinstance(t, str) for t in value):
        return value
    raise ValueError("field 'tags' must be a list of strings or a comma-separated string")


def record_from_json(obj: object, default_source: str | None = None) -> ArticleRecord:
    """One JSONL object -> ArticleRecord; raises ValueError with the reason when it is unusable."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    url = validate_url(obj.get("url"))
    published_at = parse_published_at(obj.get("published_at"))
    source = _optional_str(obj, "source") or default_source or (urlsplit(url).hostname or "unknown")
    html, text = _optional_str(obj, "html"), _optional_str(obj, "text")
    if html:
        record = _record_from_html(html, url, source)
    elif text is not None:
        record = ArticleRecord(url=url, source=source, body_text=text, parse_path="text")
    else:
        raise ValueError("needs a 'text' or an 'html' field")
    record.title = _optional_str(obj, "title") or record.title
    record.sapo = _optional_str(obj, "sapo") or record.sapo
    record.author = _optional_str(obj, "author") or record.author
    record.section = _optional_str(obj, "section") or record.section
    record.tags = _tags(obj) or record.tags
    record.published_at = published_at or record.published_at
    record.source = source
    record.__post_init__()
    return record


def _record_from_html(html: str, url: str, source: str | None) -> ArticleRecord:
    from scrapers.parsing import parse_html

    return parse_html(html, url=url, source=source)


def iter_jsonl(path: Path, default_source: str | None = None) -> Iterator[ArticleRecord | InputError]:
    with path.open("r", encoding="utf-8-sig", errors="replace") as handle:   # -sig: a BOM is not line 1's text
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(origin, "invalid_json", f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            try:
                yield record_from_json(obj, default_source)
            except Exception as exc:  # noqa: BLE001 - any bad line is reported and skipped
                yield InputError(origin, "bad_record", str(exc))


def iter_archive(path: Path, default_source: str | None) -> Iterator[ArticleRecord | InputError]:
    from scrapers.archive import iter_archive_records

    for item in iter_archive_records(path, source=default_source):
        if isinstance(item, ArticleRecord):
            yield item
        else:
            yield InputError(str(getattr(item, "origin", path)), getattr(item, "kind", "archive_error"), str(item))


def iter_file(path: Path, default_source: str | None = None) -> Iterator[ArticleRecord | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, default_source)
    elif suffix in ARCHIVE_SUFFIXES:
        yield from iter_archive(path, default_source)
    else:
        yield InputError(str(path), "unknown_format", "unknown file type (expected .jsonl, .html, .warc, .warc.gz)")


def with_relevance(record: ArticleRecord) -> ArticleRecord:
    """Fill the foreign-cooperation flag when the parser did not set it."""
    if record.is_relevant is None:
        from extraction.relevance import classify

        record.is_relevant, record.relevance_reason = classify(record.title, record.sapo, record.body_text)
    return record


def import_files(con: duckdb.DuckDBPyConnection, paths: Iterable[str | Path],
                 default_source: str | None = None) -> ImportStats:
    """Land every readable record of every file; bad records are recorded and counted, never fatal."""
    stats = ImportStats()
    for raw_path in paths:
        path = Path(raw_path)
        stats.files += 1
        if not path.is_file():
            stats.files_unreadable += 1
            stats.read_per_file[str(path)] = 0
            _reject(con, stats, InputError(str(path), "unreadable", "file not found or not a regular file"))
            continue
        batch: list[ArticleRecord] = []
        read_before = stats.records_read
        for item in iter_file(path, default_source):
            if isinstance(item, InputError):
                _reject(con, stats, item)
                continue
            stats.records_read += 1
            batch.append(with_relevance(item))
            if len(batch) >= BATCH_SIZE:
                stats.landing.add(land_articles(con, batch))
                batch = []
        stats.landing.add(land_articles(con, batch))
        stats.read_per_file[str(path)] = stats.records_read - read_before
        if stats.records_read == read_before:
            stats.files_unreadable += 1
    return stats


def _reject(con: duckdb.DuckDBPyConnection, stats: ImportStats, error: InputError) -> None:
    stats.errors.append(error)
    record_error(con, error.origin, "import", error.kind, error.message)
