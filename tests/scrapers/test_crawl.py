"""crawl(): discovery -> frontier -> fetch -> parse -> land, on the demo pages served by an httpx transport
(and once by the real 127.0.0.1 demo server)."""
from __future__ import annotations

import random
from datetime import date
from urllib.parse import urlsplit

import httpx
import pytest

from scrapers.crawl import crawl
from scrapers.demo_site import build_demo_site, load_sample, serve_demo_site
from scrapers.fetch import Fetcher

SITES3 = ("vietnamplus", "vneconomy", "nld")
OVERRIDES = {name: f"http://{name}.test" for name in SITES3}


class DemoTransport:
    """Serves build_demo_site() pages per fake host; ``faults`` maps a path to a status code to answer instead.

    ``interrupt`` = (paths, n): the n-th request for one of those paths raises KeyboardInterrupt (a crash mid-crawl).
    """

    def __init__(self, pages, faults=None, extra=None, interrupt: tuple[set[str], int] | None = None):
        self.pages = dict(pages)
        self.pages.update(extra or {})
        self.faults = faults or {}
        self.requests: list[str] = []
        self.interrupt_paths, self.interrupt_at = interrupt or (set(), 0)
        self.interrupt_seen = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        site = request.url.host.split(".")[0]
        path = request.url.path
        if path in self.interrupt_paths:
            self.interrupt_seen += 1
            if self.interrupt_seen == self.interrupt_at:
                raise KeyboardInterrupt("crash mid-crawl")
        self.requests.append(f"{site}{path}")
        if path in self.faults:
            return httpx.Response(self.faults[path])
        body = self.pages.get(f"/{site}{path}")
        if body is None:
            return httpx.Response(404)
        etag = f'"{hash(body) & 0xffffff:x}"'
        if request.headers.get("if-none-match") == etag:
            return httpx.Response(304, headers={"etag": etag})
        kind = "application/rss+xml" if path.endswith((".rss", ".xml")) else "text/plain" \
            if path.endswith(".txt") else "text/html; charset=utf-8"
        return httpx.Response(200, content=body, headers={"content-type": kind, "etag": etag})

    def article_requests(self, fragment: str) -> int:
        return sum(1 for r in self.requests if fragment in r)


@pytest.fixture
def sample():
    return load_sample()


def make(con, transport, **options):
    return Fetcher(con, transport=httpx.MockTransport(transport), min_delay=0.0, max_attempts=2,
                   backoff_base=0.0, rng=random.Random(1), sleep=lambda s: None, **options)


def test_crawl_lands_every_demo_article_and_records_fetches(con, sample):
    transport = DemoTransport(build_demo_site(sample))
    with make(con, transport) as fetcher:
        stats = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert stats.as_dict()["landed"] == 8 and stats.landed_new == 8 and stats.failed == 0 and stats.fetched == 8
    assert stats.discovered == 8 and stats.queued == 8 and stats.generic_parses == 0
    flags = con.execute("select count(*) from raw.articles where is_relevant is not null "
                        "and relevance_reason is not null").fetchone()[0]
    assert flags == 8                                   # extraction.relevance.classify ran at crawl time
    kinds = dict(con.execute("select kind, count(*) from raw.fetches group by kind").fetchall())
    assert kinds["robots"] == 3 and kinds["article"] == 8 and kinds["feed"] >= 3 and kinds["section"] >= 3
    assert con.execute("select count(*) from raw.frontier where status = 'done'").fetchone()[0] == 8
    rows = con.execute("select url, content_sha256 from raw.articles").fetchall()
    assert {r[0] for r in rows} == {a["url"] for a in sample}
    pages = con.execute("select count(*) from raw.pages p join raw.articles a using (content_sha256)").fetchone()[0]
    assert pages == 8


def test_interrupted_crawl_resumes_from_the_frontier(con, sample):
    transport = DemoTransport(build_demo_site(sample))
    with make(con, transport) as fetcher:
        first = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES, max_pages=3)
        assert first.fetched == 3
        status = dict(con.execute("select status, count(*) from raw.frontier group by status").fetchall())
        assert status == {"done": 3, "pending": 5}
        second = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert second.fetched == 5 and second.landed_new == 5
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 8
    per_url = con.execute("select url, count(*) from raw.fetches where kind = 'article' group by url").fetchall()
    assert all(n == 1 for _, n in per_url) and len(per_url) == 8


def test_recrawl_skips_known_articles_unless_refetch(con, sample):
    transport = DemoTransport(build_demo_site(sample))
    with make(con, transport) as fetcher:
        crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
        again = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
        assert again.fetched == 0 and again.not_modified > 0          # feeds answered 304 to conditional GETs
        forced = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES, refetch=True)
    assert forced.fetched == 8 and forced.landed_unchanged == 8 and forced.landed_new == 0
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 8


def test_failures_are_recorded_counted_and_retried_by_a_later_run(con, sample):
    pages = build_demo_site(sample)
    broken = "/binh-thuan-mong-mo-loi-vao-thi-truong-kaluga.htm"
    gone = "/da-nang-va-kawasaki-day-manh-hop-tac-dau-tu.htm"
    transport = DemoTransport(pages, faults={broken: 503, gone: 404})
    with make(con, transport) as fetcher:
        stats = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert stats.failed == 1 and stats.skipped == 1 and stats.landed_new == 6
    errors = con.execute("select error from raw.fetches where url like ?", [f"%{broken}"]).fetchall()
    assert [e[0] for e in errors] == ["http_503", "http_503"]                    # two attempts, both recorded
    kinds = {r[0] for r in con.execute("select kind from raw.ingest_errors where stage = 'fetch'").fetchall()}
    assert kinds == {"http_503", "http_404"}
    frontier = dict(con.execute("select status, count(*) from raw.frontier group by status").fetchall())
    assert frontier == {"done": 6, "failed": 1, "skipped": 1}
    healed = DemoTransport(pages)
    with make(con, healed) as fetcher:
        later = crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert later.landed_new == 1 and healed.article_requests(gone) == 0
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 7


def test_backfill_reads_monthly_sitemaps_for_the_date_range(con, sample):
    old = next(a for a in sample if a["url"].endswith("kaluga.htm"))
    sitemap = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               f'<url><loc>{old["url"]}</loc><lastmod>2019-04-24T10:30:00+07:00</lastmod></url></urlset>').encode()
    transport = DemoTransport(build_demo_site(sample), extra={"/vneconomy/sitemap/news-2019-04.xml": sitemap})
    with make(con, transport) as fetcher:
        stats = crawl(con, sources=["vneconomy"], since=date(2019, 3, 1), until=date(2019, 4, 30),
                      fetcher=fetcher, site_overrides=OVERRIDES)
    assert "vneconomy/sitemap/news-2019-03.xml" in transport.requests
    assert "vneconomy/sitemap/news-2019-04.xml" in transport.requests
    assert stats.landed_new == 1
    assert con.execute("select url from raw.articles").fetchall() == [(old["url"],)]


def test_demo_server_on_loopback_through_the_real_path(con, sample):
    with serve_demo_site(sample) as bases:
        assert set(bases) == set(SITES3) and all(b.startswith("http://127.0.0.1:") for b in bases.values())
        stats = crawl(con, site_overrides=bases)
    assert stats.landed_new == 8 and stats.failed == 0
    hosts = con.execute("select count(distinct regexp_extract(url, '127.0.0.1:\\d+')) from raw.fetches").fetchone()
    assert hosts[0] == 3
    body = con.execute("select body_text from raw.articles where source = 'nld' limit 1").fetchone()[0]
    assert "Tin liên quan" not in body and "Ảnh:" not in body


def test_unknown_source_is_a_clear_error(con):
    with pytest.raises(ValueError, match="unknown source"):
        crawl(con, sources=["nosuchsite"])


def test_backfill_falls_back_to_the_sitemap_index_when_shard_names_changed(con, sample):
    old = next(a for a in sample if a["url"].endswith("kaluga.htm"))
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b'<sitemap><loc>https://vneconomy.vn/sitemaps-v2/bai-viet-2019-04.xml</loc></sitemap>'
             b'<sitemap><loc>https://vneconomy.vn/sitemaps-v2/bai-viet-2020-01.xml</loc></sitemap></sitemapindex>')
    shard = ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f'<url><loc>{old["url"]}</loc><lastmod>2019-04-24</lastmod></url></urlset>').encode()
    transport = DemoTransport(build_demo_site(sample), extra={"/vneconomy/sitemap.xml": index,
                                                              "/vneconomy/sitemaps-v2/bai-viet-2019-04.xml": shard})
    with make(con, transport) as fetcher:
        stats = crawl(con, sources=["vneconomy"], since=date(2019, 4, 1), until=date(2019, 4, 30),
                      fetcher=fetcher, site_overrides=OVERRIDES)
    assert "vneconomy/sitemaps-v2/bai-viet-2019-04.xml" in transport.requests
    assert "vneconomy/sitemaps-v2/bai-viet-2020-01.xml" not in transport.requests
    assert stats.landed_new == 1


def test_changed_layout_lands_flagged_and_counted(con, sample):
    pages = build_demo_site(sample)
    target = "/vneconomy/gia-vang-trong-nuoc-dao-chieu.htm"
    pages[target] = ('<html><head><link rel="canonical" href="https://vneconomy.vn/gia-vang-trong-nuoc-dao-chieu.htm">'
                     '</head><body><div class="giao-dien-moi"><h1>Giá vàng</h1></div></body></html>').encode()
    with make(con, DemoTransport(pages)) as fetcher:
        stats = crawl(con, sources=["vneconomy"], fetcher=fetcher, site_overrides=OVERRIDES)
    assert stats.landed_new == 3 and stats.generic_parses == 1 and stats.empty_bodies == 1
    path, warnings = con.execute("select parse_path, parse_warnings from raw.articles where url like ?",
                                 ["%gia-vang%"]).fetchone()
    assert path == "generic" and "site_selectors_missed" in warnings and "no_body" in warnings


def test_crawl_killed_mid_way_resumes_without_refetching(con, sample):
    pages = build_demo_site(sample)
    article_paths = {urlsplit(a["url"]).path for a in sample}
    with make(con, DemoTransport(pages, interrupt=(article_paths, 4)), concurrency=1) as fetcher:
        with pytest.raises(KeyboardInterrupt):
            crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    landed = con.execute("select count(*) from raw.articles").fetchone()[0]
    assert 1 <= landed <= 3
    transport = DemoTransport(pages)
    with make(con, transport) as fetcher:
        crawl(con, fetcher=fetcher, site_overrides=OVERRIDES)
    assert con.execute("select count(*) from raw.articles").fetchone()[0] == 8
    refetched = sum(1 for r in transport.requests if r[r.index("/"):] in article_paths)
    assert refetched == 8 - landed
