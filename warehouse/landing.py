"""Landing: the only code that writes the raw layer's articles, pages, fetches and errors.

Idempotent by design:
- an article is keyed by ``article_id`` (hash of its canonical URL): landing it again never duplicates it;
- same text (title + lead + body fingerprint) as before -> nothing changes, except that a newer
  ``parser_version`` refreshes the parse metadata in place;
- changed text -> the previous text is kept in ``raw.article_revisions``, the row is replaced by the new
  version, ``revision`` goes up by one and extraction re-runs for it (its ``text_sha256`` changed);
- page bodies are stored once per content hash (zstd-compressed) in ``raw.pages``.

Every batch is written in one transaction, so a crash leaves either all of it or none of it.
"""
from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import duckdb
import zstandard

from warehouse.db import insert_columns
from warehouse.records import ArticleRecord, FetchRecord
from warehouse.schema import body_chars_sql

_ARTICLE_COLUMNS = (
    "article_id", "url", "source", "title", "sapo", "body_text", "published_at", "updated_at", "author", "section",
    "tags", "images", "content_sha256", "text_sha256", "parse_path", "parse_warnings", "is_relevant",
    "relevance_reason", "parser_version",
)


@dataclass
class LandingStats:
    new: int = 0
    updated: int = 0      # text changed: a new revision
    reparsed: int = 0     # same text, newer parser metadata
    unchanged: int = 0

    @property
    def landed(self) -> int:
        return self.new + self.updated + self.reparsed + self.unchanged

    def add(self, other: LandingStats) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "landed": self.landed}


def now() -> datetime:
    return datetime.now(UTC)


def _row(record: ArticleRecord) -> list:
    return [
        record.article_id, record.url, record.source, record.title, record.sapo, record.body_text,
        record.published_at, record.updated_at, record.author, record.section, record.tags,
        json.dumps(record.images, ensure_ascii=False), record.content_sha256, record.text_sha256,
        record.parse_path, record.parse_warnings, record.is_relevant, record.relevance_reason,
        record.parser_version,
    ]


def _dedupe_batch(records: Iterable[ArticleRecord]) -> list[ArticleRecord]:
    """The last record per article id wins within one batch."""
    by_id: dict[str, ArticleRecord] = {}
    for record in records:
        by_id[record.article_id] = record
    return list(by_id.values())


def land_articles(con: duckdb.DuckDBPyConnection, records: Iterable[ArticleRecord]) -> LandingStats:
    """Upsert parsed articles into ``raw.articles`` in one transaction; see the module doc for the rules."""
    batch = _dedupe_batch(records)
    if not batch:
        return LandingStats()
    con.execute("begin transaction")
    try:
        stats = land_in_transaction(con, batch)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return stats


def land_in_transaction(con: duckdb.DuckDBPyConnection, records: Iterable[ArticleRecord]) -> LandingStats:
    """``land_articles`` inside a transaction the caller opened and commits (the crawl lands a whole batch of
    pages, fetches, articles and frontier updates atomically)."""
    batch = _dedupe_batch(records)
    if not batch:
        return LandingStats()
    columns = ", ".join(_ARTICLE_COLUMNS)
    con.execute(f"create or replace temp table _landing as select {columns} from raw.articles limit 0")
    insert_columns(con, "insert into _landing", [_row(r) for r in batch])   # executemany: ~8 ms a row
    stats = _classify(con)
    _archive_changed(con)
    _apply(con)
    con.execute("drop table _landing")
    return stats


def _classify(con: duckdb.DuckDBPyConnection) -> LandingStats:
    new, updated, reparsed, unchanged = con.execute(
        """
        select count(*) filter (where a.article_id is null),
               count(*) filter (where a.article_id is not null and a.text_sha256 <> l.text_sha256),
               count(*) filter (where a.text_sha256 = l.text_sha256
                                  and a.parser_version is distinct from l.parser_version),
               count(*) filter (where a.text_sha256 = l.text_sha256
                                  and a.parser_version is not distinct from l.parser_version)
        from _landing l left join raw.articles a using (article_id)
        """
    ).fetchone()
    return LandingStats(new=new, updated=updated, reparsed=reparsed, unchanged=unchanged)


def _archive_changed(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """
        insert or ignore into raw.article_revisions
        select a.article_id, a.revision, a.text_sha256, a.title, a.sapo, a.body_text, a.published_at,
               current_timestamp
        from raw.articles a join _landing l using (article_id)
        where a.text_sha256 <> l.text_sha256
        """
    )


def _apply(con: duckdb.DuckDBPyConnection) -> None:
    updatable = [c for c in _ARTICLE_COLUMNS if c != "article_id"]
    assignments = ", ".join(f"{c} = l.{c}" for c in updatable)
    con.execute(
        f"""
        update raw.articles a set {assignments}, body_chars = {body_chars_sql("l.body_text")},
               revision = a.revision + case when a.text_sha256 <> l.text_sha256 then 1 else 0 end,
               landed_at = current_timestamp
        from _landing l
        where a.article_id = l.article_id
          and (a.text_sha256 <> l.text_sha256 or a.parser_version is distinct from l.parser_version)
        """
    )
    columns = ", ".join(_ARTICLE_COLUMNS)
    con.execute(
        f"""
        insert into raw.articles ({columns}, body_chars, revision, first_landed_at, landed_at)
        select {columns}, {body_chars_sql()}, 1, current_timestamp, current_timestamp
        from _landing l where not exists (select 1 from raw.articles a where a.article_id = l.article_id)
        """
    )


_LOCAL = threading.local()      # a ZstdCompressor must not be used by two threads at once


def _compress(body: bytes) -> bytes:
    compressor = getattr(_LOCAL, "compressor", None)
    if compressor is None:
        compressor = _LOCAL.compressor = zstandard.ZstdCompressor(level=6)
    return compressor.compress(body)


def page_row(body: bytes, url: str, content_type: str | None) -> tuple:
    """A raw.pages row (hash, url, content type, size, 'zstd', compressed body, seen at); no database needed, so
    fetch threads can prepare it and ``store_pages`` write many at once."""
    digest = hashlib.sha256(body).hexdigest()
    return digest, url, content_type, len(body), "zstd", _compress(body), now()


def store_page(con: duckdb.DuckDBPyConnection, body: bytes, url: str, content_type: str | None) -> str:
    """Keep a page body once per content hash; returns the hash."""
    row = page_row(body, url, content_type)
    con.execute("insert or ignore into raw.pages values (?, ?, ?, ?, ?, ?, ?)", list(row))
    return row[0]


def store_pages(con: duckdb.DuckDBPyConnection, rows: list[tuple]) -> None:
    """``store_page`` for many ``page_row`` rows in one statement (the first row per hash wins)."""
    unique = list({row[0]: row for row in reversed(rows)}.values())
    insert_columns(con, "insert or ignore into raw.pages", unique)


def record_fetches(con: duckdb.DuckDBPyConnection, fetches: list[FetchRecord]) -> None:
    """``record_fetch`` for many attempts in one statement."""
    if fetches:
        names = ["fetch_id", *asdict(fetches[0])]
        rows = [(uuid.uuid4().hex, *asdict(f).values()) for f in fetches]
        insert_columns(con, f"insert into raw.fetches ({', '.join(names)})", rows)


def load_page(con: duckdb.DuckDBPyConnection, content_sha256: str) -> bytes | None:
    row = con.execute("select body from raw.pages where content_sha256 = ?", [content_sha256]).fetchone()
    return zstandard.ZstdDecompressor().decompress(row[0]) if row else None


def record_fetch(con: duckdb.DuckDBPyConnection, fetch: FetchRecord) -> str:
    fetch_id = uuid.uuid4().hex
    values = asdict(fetch)
    con.execute(
        f"insert into raw.fetches (fetch_id, {', '.join(values)}) values (?, {', '.join('?' for _ in values)})",
        [fetch_id, *values.values()],
    )
    return fetch_id


def record_error(con: duckdb.DuckDBPyConnection, origin: str, stage: str, kind: str, message: str) -> None:
    """Keep a bad input's reason; the same (origin, stage, kind) is recorded once."""
    error_id = hashlib.sha256(f"{origin}\x1f{stage}\x1f{kind}".encode()).hexdigest()[:20]
    con.execute(
        """
        insert into raw.ingest_errors values (?, ?, ?, ?, ?, ?)
        on conflict (error_id) do update set message = excluded.message, recorded_at = excluded.recorded_at
        """,
        [error_id, origin, stage, kind, message, now()],
    )
