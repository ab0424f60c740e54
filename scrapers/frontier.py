"""The crawl frontier in DuckDB (raw.frontier): what was discovered, what is pending, done, failed or skipped.

A crawl that stops half-way leaves its pending rows behind; the next crawl picks them up. Failed rows are retried by
later runs until ``MAX_ATTEMPTS``.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from warehouse.records import canonical_url

MAX_ATTEMPTS = 5


def now() -> datetime:
    return datetime.now(UTC)


def add(con, url: str, source: str, discovered_from: str | None, published_hint: datetime | None,
        requeue: bool = False) -> bool:
    """Insert a discovered URL; returns True when it is new. ``requeue`` sets a done row back to pending."""
    url = canonical_url(url)
    exists = con.execute("select status from raw.frontier where url = ?", [url]).fetchone()
    if exists is None:
        con.execute(
            "insert into raw.frontier (url, source, discovered_at, discovered_from, published_hint) "
            "values (?, ?, ?, ?, ?)",
            [url, source, now(), discovered_from, published_hint],
        )
        return True
    if requeue and exists[0] in ("done", "skipped"):
        con.execute("update raw.frontier set status = 'pending' where url = ?", [url])
    return False


def add_many(con, found: list[tuple[str, datetime | None]], source: str, discovered_from: str | None,
             requeue: bool = False) -> int:
    """``add`` for many (url, published_hint) in one go (in order, the first of equal URLs wins); returns how many
    were new."""
    hints: dict[str, datetime | None] = {}
    for url, hint in found:
        hints.setdefault(canonical_url(url), hint)
    if not hints:
        return 0
    urls = list(hints)
    known = {row[0] for row in con.execute(
        "select url from raw.frontier where url in (select unnest(?::varchar[]))", [urls]).fetchall()}
    new = [url for url in urls if url not in known]
    if new:
        start = now()        # one microsecond apart: pending() orders equal hints by discovery, as one by one
        con.execute(
            "insert into raw.frontier (url, source, discovered_at, discovered_from, published_hint) "
            "select unnest(?::varchar[]), ?, unnest(?::timestamptz[]), ?, unnest(?::timestamptz[])",
            [new, source, [start + timedelta(microseconds=i) for i in range(len(new))], discovered_from,
             [hints[url] for url in new]],
        )
    if requeue and known:
        con.execute("update raw.frontier set status = 'pending' where status in ('done', 'skipped') "
                    "and url in (select unnest(?::varchar[]))", [list(known)])
    return len(new)


def known_article(con, url: str) -> str | None:
    row = con.execute("select article_id from raw.articles where url = ?", [canonical_url(url)]).fetchone()
    return row[0] if row else None


def known_articles(con, urls: list[str]) -> set[str]:
    """The URLs among ``urls`` (as given) whose article is already in raw.articles; ``known_article`` in bulk."""
    canonical = {canonical_url(url): url for url in urls}
    rows = con.execute("select url from raw.articles where url in (select unnest(?::varchar[]))",
                       [list(canonical)]).fetchall()
    return {canonical[row[0]] for row in rows}


def pending(con, sources: list[str], limit: int | None, since=None, until=None) -> list[tuple[str, str]]:
    """(url, source) rows to fetch: pending first, then failed ones still under the attempt cap; newest first."""
    sql = (
        "select url, source from raw.frontier where source in ({}) and "
        "(status = 'pending' or (status = 'failed' and attempts < ?))".format(", ".join("?" for _ in sources))
    )
    params: list = [*sources, MAX_ATTEMPTS]
    if since is not None:
        sql += " and (published_hint is null or published_hint >= ?)"
        params.append(since)
    if until is not None:
        sql += " and (published_hint is null or published_hint < ?)"
        params.append(until)
    sql += " order by status desc, published_hint desc nulls last, discovered_at"
    if limit is not None:
        sql += " limit ?"
        params.append(limit)
    return [(row[0], row[1]) for row in con.execute(sql, params).fetchall()]


def mark(con, url: str, status: str, error: str | None = None, article_id: str | None = None,
         attempted: bool = True) -> None:
    con.execute(
        "update raw.frontier set status = ?, last_error = ?, article_id = coalesce(?, article_id), "
        "attempts = attempts + ?, last_attempt_at = ? where url = ?",
        [status, error, article_id, 1 if attempted else 0, now(), canonical_url(url)],
    )


def counts(con) -> dict[str, int]:
    return dict(con.execute("select status, count(*) from raw.frontier group by status").fetchall())


def mark_many(con, marks: list[tuple]) -> None:
    """``mark`` for many (url, status, error, article_id, attempted) rows in one statement; the last per URL wins."""
    latest = {canonical_url(url): (status, error, article_id, attempted)
              for url, status, error, article_id, attempted in marks}
    if not latest:
        return
    urls = list(latest)
    status, error, article_id, attempted = (list(column) for column in zip(*latest.values(), strict=True))
    con.execute(
        """
        update raw.frontier f set status = m.status, last_error = m.error,
               article_id = coalesce(m.article_id, f.article_id), attempts = f.attempts + m.attempted,
               last_attempt_at = ?
        from (select unnest(?::varchar[]) as url, unnest(?::varchar[]) as status, unnest(?::varchar[]) as error,
                     unnest(?::varchar[]) as article_id, unnest(?::integer[]) as attempted) m
        where f.url = m.url
        """,
        [now(), urls, status, error, article_id, [1 if a else 0 for a in attempted]],
    )
