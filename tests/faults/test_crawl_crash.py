"""kill -9 in the middle of a crawl (scrapers.crawl lands its writes in batches): the warehouse opens, only whole
batches are in it (pages, fetches, articles and frontier rows agree), and a rerun fetches exactly what the killed
run had not landed, with no duplicates."""
from __future__ import annotations

from pathlib import Path

import figures
import pytest
from test_crash import assert_each_article_once, count, kill_driver_on

from scrapers.crawl import crawl
from scrapers.demo_site import serve_demo_site
from scrapers.fetch import Fetcher
from warehouse.db import connect

pytestmark = pytest.mark.faults
HERE = Path(__file__).resolve().parent
ARTICLES, BATCH = 60, 10


@pytest.mark.parametrize("kill_on", [r"^flushing 3$", r"^flushed 3 "])
def test_kill_9_mid_crawl_leaves_whole_batches_and_a_rerun_lands_the_rest(tmp_path, kill_on):
    db = tmp_path / "vnwh.duckdb"
    kill_driver_on([str(HERE / "crawl_driver.py"), str(db), str(ARTICLES), str(BATCH)], kill_on, timeout=120)
    con = connect(db)                                              # opens (WAL replayed), migrations fine
    try:
        landed = count(con, "select count(*) from raw.articles")
        assert landed % BATCH == 0 and BATCH <= landed < ARTICLES  # whole batches only (2 or 3 of them)
        done = count(con, "select count(*) from raw.frontier where status = 'done'")
        assert done == landed and count(con, "select count(*) from raw.frontier f join raw.articles a "
                                             "using (article_id) where f.status = 'done'") == landed
        assert count(con, "select count(*) from raw.articles a anti join raw.pages p using (content_sha256)") == 0
        assert count(con, "select count(*) from raw.fetches where kind = 'article' and status = 200") >= landed
        from corpus import articles

        with serve_demo_site(articles(ARTICLES, seed=31)) as bases:
            with Fetcher(con, private_allowlist={"127.0.0.1"}, min_delay=0.0, max_attempts=1) as fetcher:
                rerun = crawl(con, sources=list(bases), site_overrides=bases, fetcher=fetcher)
        assert rerun.landed_new == ARTICLES - landed and rerun.fetched == ARTICLES - landed
        assert_each_article_once(con, ARTICLES)
        assert count(con, "select count(*) from raw.frontier where status <> 'done'") == 0
    finally:
        con.close()
    figures.count("kills_during_crawl")
    figures.count("articles_lost", 0)
