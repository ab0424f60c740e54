"""Archive import: saved .html files and WARC files (.warc / .warc.gz, e.g. Common Crawl extracts) -> records.

Every page goes through the same site parsers as the crawler (``parse_html``). Problems are yielded as
``ArchiveError`` values, never raised, so one bad page or a truncated WARC never stops an import.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from scrapers.parsing import ParseError, parse_html
from warehouse.records import ArticleRecord

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
MAX_PAGE_BYTES = 8 * 1024 * 1024
KNOWN_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation",
               "arc_header"}


@dataclass
class ArchiveError:
    origin: str      # file path, or "file#offset" inside a WARC
    kind: str        # no_url | parse_error | bad_warc | too_large | unreadable
    message: str


def iter_archive_records(path: str | Path, source: str | None = None) -> Iterator[ArticleRecord | ArchiveError]:
    """Records (or errors) from one file, or from every .html/.warc file under a directory."""
    path = Path(path)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES):
                yield from iter_archive_records(child, source)
        return
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from _warc_records(path, source)
    else:
        yield from _html_record(path, source)


def _html_record(path: Path, source: str | None) -> Iterator[ArticleRecord | ArchiveError]:
    try:
        body = path.read_bytes()
    except OSError as exc:
        yield ArchiveError(str(path), "unreadable", str(exc))
        return
    if len(body) > MAX_PAGE_BYTES:
        yield ArchiveError(str(path), "too_large", f"{len(body)} bytes > {MAX_PAGE_BYTES}")
        return
    yield _parse(body, None, source, str(path), None)


def _parse(body: bytes, url: str | None, source: str | None, origin: str, content_type: str | None):
    try:
        record = parse_html(body, url, source=source, content_type=content_type,
                            content_sha256=hashlib.sha256(body).hexdigest())
    except ParseError as exc:
        return ArchiveError(origin, "no_url", str(exc))
    except Exception as exc:  # one broken page must not stop the import
        return ArchiveError(origin, "parse_error", f"{type(exc).__name__}: {exc}")
    return record


def _warc_records(path: Path, source: str | None) -> Iterator[ArticleRecord | ArchiveError]:
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield ArchiveError(str(path), "unreadable", str(exc))
        return
    with handle:
        iterator = ArchiveIterator(handle)
        try:
            for record in iterator:
                is_arc_file = path.name.lower().endswith((".arc", ".arc.gz"))
                if record.rec_type not in KNOWN_TYPES or (record.format == "arc") != is_arc_file:
                    yield ArchiveError(str(path), "bad_warc", f"not a WARC record (type {record.rec_type!r})")
                    return
                item = _warc_item(record, path, iterator, source)
                if item is not None:
                    yield item
        except Exception as exc:  # warcio raises assorted errors on corrupt input; report, never crash the import
            yield ArchiveError(str(path), "bad_warc", f"{type(exc).__name__}: {exc}")


def _warc_item(record, path: Path, iterator, source):
    if record.rec_type not in ("response", "resource"):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    content_type = None
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        content_type = record.http_headers.get_header("Content-Type")
        if not str(status).startswith("2"):
            return None
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    if content_type and "html" not in content_type.lower():
        return None
    body = _read_all(record.content_stream(), MAX_PAGE_BYTES + 1)
    truncated = getattr(record.raw_stream, "limit", 0) > 0      # the file ended before the record's declared length
    origin = f"{path}#{iterator.get_record_offset()}"      # only after reading: it consumes the record
    if len(body) > MAX_PAGE_BYTES:
        return ArchiveError(origin, "too_large", f"record over {MAX_PAGE_BYTES} bytes")
    item = _parse(body, url, source, origin, content_type)
    if truncated and isinstance(item, ArticleRecord):
        item.parse_warnings.append("truncated_record")
    return item


def _read_all(stream, limit: int) -> bytes:
    """read() on a WARC payload stream may return short: loop until EOF or ``limit`` bytes."""
    chunks, total = [], 0
    while total < limit:
        chunk = stream.read(min(65536, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
