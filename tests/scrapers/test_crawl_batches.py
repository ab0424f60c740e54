"""The crawl lands its writes in batches (scrapers.crawl_writer): whole batches or nothing, frontier rows only once
their article is in, the bulk landing helpers equal to their one-row versions, and a crash loses at most the
un-flushed buffer, which the next crawl fetches again."""
from __future__ import annotations

import random
import threading
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx
import pytest
from test_crawl import OVERRIDES, DemoTransport

from scrapers import crawl_writer, frontier
from scrapers.crawl import crawl
from scrapers.crawl_writer import CrawlWriter
from scrapers.demo_site import build_demo_site, load_sample
from scrapers.fetch import Fetcher
from scrapers.parsing import parse_html
from scrapers.registry import SITES
from warehouse.landing import page_row, record_fetch, record_fetches, store_page, store_pages
from warehouse.records import FetchRecord


def count(con, table: str) -> int:
    return con.execute(f"select count(*) from {table}").fetchone()[0]


def fetch(url: str, n: int) -> FetchRecord:
    return FetchRecord(url=url, source="nld", kind="article", requested_at=datetime(2026, 1, 1, 0, 0, n, tzinfo=UTC),
                       attempt=1, status=200 if n % 2 else None, error=None if n % 2 else "timeout", duration_ms=n)


def test_bulk_page_and_fetch_rows_equal_the_one_row_versions(con):
    store_page(con, b"<p>one</p>", "https://nld.com.vn/a", "text/html")
    store_pages(con, [page_row(b"<p>one</p>", "https://nld.com.vn/b", None),     # known hash: ignored
                      page_row(b"<p>two</p>", "https://nld.com.vn/c", "text/html"),
                      page_row(b"<p>two</p>", "https://nld.com.vn/d", "text/html")])   # twice in one batch
    assert con.execute("select url from raw.pages order by url").fetchall() == [("https://nld.com.vn/a",),
                                                                                 ("https://nld.com.vn/c",)]
    record_fetch(con, fetch("https://nld.com.vn/x", 1))
    record_fetches(con, [fetch("https://nld.com.vn/y", 1), fetch("https://nld.com.vn/z", 2)])
    columns = "requested_at, attempt, status, error, duration_ms, kind, source"
    rows = con.execute(f"select url, {columns} from raw.fetches order by url").fetchall()
    assert rows[0][1:] == rows[1][1:] and rows[2][3:5] == (None, "timeout")
    assert count(con, "(select distinct fetch_id from raw.fetches)") == 3


def test_mark_many_equals_mark(con):
    for url in ("https://nld.com.vn/a", "https://nld.com.vn/b"):
        frontier.add(con, url, "nld", None, None)
    frontier.mark(con, "https://nld.com.vn/a", "failed", error="timeout")
    frontier.mark_many(con, [("https://nld.com.vn/a", "done", None, "id-a", True),
                             ("https://nld.com.vn/b", "failed", "http_503", None, True)])
    rows = con.execute("select url, status, attempts, last_error, article_id from raw.frontier order by url")
    assert rows.fetchall() == [("https://nld.com.vn/a", "done", 2, None, "id-a"),
                               ("https://nld.com.vn/b", "failed", 1, "http_503", None)]


def records(n: int):
    sample = load_sample()[:n]
    pages = build_demo_site(sample)
    for article in sample:
        body = pages[f"/{article['source']}{urlsplit(article['url']).path}"]
        yield article["url"], body, parse_html(body, article["url"], source=article["source"],
                                               site=SITES[article["source"]])


def test_a_failing_flush_writes_nothing_of_its_batch_and_the_next_one_lands(con, monkeypatch):
    writer = CrawlWriter(con, threading.RLock())
    for url, body, record in records(3):
        frontier.add(con, url, record.source, None, None)
        writer.page(body, url, "text/html")
        writer.fetch(fetch(url, 1))
        writer.article(url, record)

    def broken(*_):
        raise RuntimeError("disk full")

    monkeypatch.setattr(crawl_writer.frontier, "mark_many", broken)          # fails after the articles
    with pytest.raises(RuntimeError):
        writer.flush()
    assert [count(con, t) for t in ("raw.pages", "raw.fetches", "raw.articles")] == [0, 0, 0]
    assert frontier.counts(con) == {"pending": 3}                              # fetched again by the next crawl
    monkeypatch.undo()
    url, body, record = next(records(1))
    writer.article(url, record)
    assert writer.flush().new == 1 and frontier.counts(con) == {"done": 1, "pending": 2}


def test_two_urls_of_one_article_land_in_order_like_one_by_one(con):
    writer = CrawlWriter(con, threading.RLock())
    url, _body, record = next(records(1))
    for alias in (url, url + "?utm_source=x"):
        frontier.add(con, alias, record.source, None, None)
        writer.article(alias, record)
    writer.flush()
    assert (writer.landed.new, writer.landed.unchanged) == (1, 1)
    assert frontier.counts(con) == {"done": 2}


def test_batches_are_flushed_by_size_and_an_interrupted_crawl_keeps_what_it_settled(con, monkeypatch):
    monkeypatch.setattr(crawl_writer, "BATCH_SIZE", 2)
    monkeypatch.setattr(crawl_writer, "BATCH_SECONDS", 3600.0)
    flushed = []
    real_flush = CrawlWriter.flush
    monkeypatch.setattr(CrawlWriter, "flush", lambda self: flushed.append(len(self._marks)) or real_flush(self))
    sample = load_sample()
    paths = {urlsplit(a["url"]).path for a in sample}
    crashing = DemoTransport(build_demo_site(sample), interrupt=(paths, 6))
    fetcher = Fetcher(con, transport=httpx.MockTransport(crashing), min_delay=0.0,
                      max_attempts=1, rng=random.Random(1), sleep=lambda s: None, concurrency=1)
    with fetcher, pytest.raises(KeyboardInterrupt):
        crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    landed = count(con, "raw.articles")
    done = con.execute("select count(*) from raw.frontier f join raw.articles a using (article_id) "
                       "where f.status = 'done'").fetchone()[0]
    assert flushed == [2, 2, 1]                                      # every 2 settled URLs, the rest on the way out
    assert landed == 5 and done == 5                                 # settled ones kept, frontier consistent
    assert count(con, "raw.pages") >= 5 and count(con, "raw.fetches where kind = 'article'") >= 5
    with Fetcher(con, transport=httpx.MockTransport(DemoTransport(build_demo_site(sample))), min_delay=0.0) as again:
        again = crawl(con, fetcher=again, site_overrides=OVERRIDES)
    assert again.landed_new == 3 and count(con, "raw.articles") == 8
    assert count(con, "(select url from raw.articles group by url having count(*) > 1)") == 0


def test_add_many_equals_add_one_by_one(con):
    hint = datetime(2026, 1, 2, tzinfo=UTC)
    frontier.add(con, "https://nld.com.vn/done", "nld", None, None)
    frontier.mark(con, "https://nld.com.vn/done", "done")
    found = [("https://nld.com.vn/b", None), ("https://NLD.com.vn/b", hint), ("https://nld.com.vn/a", None),
             ("https://nld.com.vn/done", None), ("https://nld.com.vn/c", hint)]
    assert frontier.add_many(con, found, "nld", "feed", requeue=True) == 3        # b once (first wins), a, c
    rows = con.execute("select url, status, published_hint, discovered_from from raw.frontier "
                       "where url <> 'https://nld.com.vn/done' order by discovered_at").fetchall()
    assert rows == [("https://nld.com.vn/b", "pending", None, "feed"),
                    ("https://nld.com.vn/a", "pending", None, "feed"),
                    ("https://nld.com.vn/c", "pending", hint, "feed")]
    assert frontier.counts(con) == {"pending": 4}                                 # requeued the done row
    assert [u for u, _ in frontier.pending(con, ["nld"], None)][:3] == ["https://nld.com.vn/c",
                                                                        "https://nld.com.vn/done",
                                                                        "https://nld.com.vn/b"]


def test_pending_urls_of_articles_already_landed_are_marked_done_not_fetched(con):
    from warehouse.landing import land_articles

    sample = load_sample()
    transport = DemoTransport(build_demo_site(sample))
    _, _, record = next(records(1))
    land_articles(con, [record])                                    # e.g. landed by `vnwh import`
    with Fetcher(con, transport=httpx.MockTransport(transport), min_delay=0.0) as fetcher:
        stats = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert stats.skipped == 1 and stats.fetched == 7 and stats.landed_new == 7
    assert transport.article_requests(urlsplit(record.url).path) == 0
    assert frontier.counts(con) == {"done": 8}
    row = con.execute("select attempts, article_id from raw.frontier where url = ?", [record.url]).fetchone()
    assert row == (0, None)
